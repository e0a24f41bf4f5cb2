import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { endAllSessions, requireViewer, startSession } from "~/auth/session.server";
import { countActiveSessions } from "~/models/members.server";

export const meta: MetaFunction = () => [{ title: "Settings · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  return json({ sessionCount: await countActiveSessions(viewer.id) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  if (formData.get("intent") !== "sign-out-everywhere") throw new Response("Unknown action.", { status: 400 });
  // End every session, this one included, then start a fresh one here so the member stays signed in.
  await endAllSessions(viewer.id);
  return redirect("/settings?signedOut=1", { headers: { "Set-Cookie": await startSession(viewer.id) } });
}

export default function SettingsPage() {
  const { sessionCount } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Settings</h1>
      <ul className="link-list">
        <li>
          <Link to="/settings/profile">Your profile</Link>: name, organization, location, fields of practice and bio
        </li>
      </ul>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you're signed in</h2>
        <p>
          You are signed in on {sessionCount} {sessionCount === 1 ? "browser or device" : "browsers or devices"}.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <button type="submit">Sign out everywhere else</button>
        </Form>
      </section>
    </div>
  );
}
