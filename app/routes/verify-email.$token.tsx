import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { LinkProblem, linkProblemStatus } from "~/components/link-problem";
import { safeRedirectPath } from "~/auth/session.server";
import { confirmEmail, describeEmailLink } from "~/models/email-verification.server";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("errors:documentTitle", { title: t("account:verify.title") }) },
    { name: "robots", content: "noindex" },
  ];
};

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
  const { t } = useTranslation("account");
  const { problem, target, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // After the button, the loader runs again and finds the link used: what the action did comes first.
  if (result?.done)
    return (
      <div className="page narrow">
        <h1>{t("verify.doneTitle")}</h1>
        <p role="status">
          <Trans
            t={t}
            i18nKey="verify.done"
            values={{ email: result.done.email }}
            components={{ strong: <strong /> }}
          />{" "}
          {result.done.waiting ? t("verify.waiting") : t("verify.canPost")}
        </p>
        <p>
          {next && !result.done.waiting ? (
            <Link to={next}>{t("verify.continue")}</Link>
          ) : (
            <Link to="/">{t("verify.goHome")}</Link>
          )}
        </p>
      </div>
    );
  if (result?.taken)
    return (
      <div className="page narrow">
        <h1>{t("verify.takenTitle")}</h1>
        <p className="form-error" role="alert">
          <Trans t={t} i18nKey="verify.taken" components={{ go: <Link to="/settings/email" /> }} />
        </p>
      </div>
    );
  const linkProblem = result?.problem ?? problem;
  if (linkProblem)
    return (
      <LinkProblem
        problem={linkProblem}
        kind="emailVerification"
        retry={{ to: "/settings/email", label: t("verify.askAgain") }}
      />
    );
  return (
    <div className="page narrow">
      <h1>{t("verify.title")}</h1>
      <p className="lede">
        {target?.change ? t("verify.useFromNow") : t("verify.confirmYours")} <strong>{target?.email}</strong>
      </p>
      <Form method="post">
        <button type="submit">{target?.change ? t("verify.confirmNew") : t("verify.confirm")}</button>
      </Form>
    </div>
  );
}
