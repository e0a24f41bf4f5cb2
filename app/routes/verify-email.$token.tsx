import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { LinkProblem, linkProblemStatus } from "~/components/link-problem";
import { safeRedirectPath } from "~/auth/session.server";
import { confirmEmail, describeEmailLink } from "~/models/email-verification.server";

export const meta: MetaFunction = () => [
  { title: "Confirm your email address · Roundtable" },
  { name: "robots", content: "noindex" },
];

// The link in a verification email (after joining, or for a new address). Opening it changes nothing (mail
// scanners open links); the button confirms. No login needed: the link is the proof.
// `?next=` (set at joining): the page the member was on their way to, offered once the address is confirmed.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const next = safeRedirectPath(new URL(request.url).searchParams.get("next"), "") || null;
  const target = await describeEmailLink(params.token ?? "");
  if (!target.ok)
    return json({ problem: target.problem, target: null, next }, { status: linkProblemStatus(target.problem) });
  return json({ problem: null, target: { email: target.email, change: target.change }, next });
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmEmail(params.token ?? "");
  if (!result.ok) {
    const { problem } = result;
    if (problem === "taken") return json({ done: null, taken: true, problem: null }, { status: 409 });
    return json({ done: null, taken: false, problem }, { status: linkProblemStatus(problem) });
  }
  return json({ done: { email: result.email, waiting: result.approval === "waiting" }, taken: false, problem: null });
}

export default function VerifyEmailPage() {
  const { problem, target, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // After the button, the loader runs again and finds the link used: what the action did comes first.
  if (result?.done)
    return (
      <div className="page narrow">
        <h1>Your email address is confirmed</h1>
        <p role="status">
          Thank you: <strong>{result.done.email}</strong> is confirmed.{" "}
          {result.done.waiting
            ? "A moderator approves new members before they post; we will email you when yours is approved."
            : "You can now share stories, start discussions and reply."}
        </p>
        <p>
          {next && !result.done.waiting ? (
            <Link to={next}>Continue where you left off</Link>
          ) : (
            <Link to="/">Go to Roundtable</Link>
          )}
        </p>
      </div>
    );
  if (result?.taken)
    return (
      <div className="page narrow">
        <h1>This address is taken</h1>
        <p className="form-error" role="alert">
          Another account started using this email address after you asked for the change, so your address stays as it
          was. <Link to="/settings/email">Choose another address</Link>.
        </p>
      </div>
    );
  const linkProblem = result?.problem ?? problem;
  if (linkProblem)
    return (
      <LinkProblem
        problem={linkProblem}
        what="confirmation"
        lifetime="24 hours"
        retry={{ to: "/settings/email", label: "Ask for a new link in your email settings" }}
      />
    );
  return (
    <div className="page narrow">
      <h1>Confirm your email address</h1>
      <p className="lede">
        {target?.change
          ? "Use this address for your Roundtable account from now on:"
          : "Confirm that this address is yours:"}{" "}
        <strong>{target?.email}</strong>
      </p>
      <Form method="post">
        <button type="submit">{target?.change ? "Confirm my new address" : "Confirm my address"}</button>
      </Form>
    </div>
  );
}
