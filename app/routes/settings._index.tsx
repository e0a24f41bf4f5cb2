import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { changePassword } from "~/auth/accounts.server";
import { endAllSessions, requireViewer, startSession } from "~/auth/session.server";
import { CurrentPasswordField, Field } from "~/components/form-field";
import { invalidForm } from "~/lib/http.server";
import { changePasswordSchema, parseForm, timeZoneSchema } from "~/lib/validation";
import { listTimeZones } from "~/lib/format";
import { countActiveSessions } from "~/models/members.server";
import { getChosenTimeZone, setMemberTimeZone } from "~/models/member-time-zone.server";
import { siteTimeZone } from "~/lib/time-zone.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Settings · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const [sessionCount, timeZone] = await Promise.all([countActiveSessions(viewer.id), getChosenTimeZone(viewer.id)]);
  return json({ sessionCount, timeZone, siteTimeZone: siteTimeZone() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "sign-out-everywhere") {
    // End every session, this one included, then start a fresh one here so the member stays signed in.
    await endAllSessions(viewer.id);
    return redirectWithFlash("/settings", FLASH.signedOutElsewhere, {
      headers: { "Set-Cookie": await startSession(viewer.id) },
    });
  }
  if (intent === "time-zone") {
    const parsed = parseForm(timeZoneSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, {});
    const result = await setMemberTimeZone(viewer.id, parsed.data.timeZone);
    if (!result.ok) return invalidForm({ [result.field]: result.message }, {});
    return redirectWithFlash("/settings", FLASH.timeZoneSaved);
  }
  if (intent === "change-password") {
    const parsed = parseForm(changePasswordSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, {});
    const result = await changePassword({
      memberId: viewer.id,
      handle: viewer.handle,
      keepSessionId: context.sessionId,
      ip: context.clientIp,
      ...parsed.data,
    });
    if (!result.ok) return invalidForm({ [result.field]: result.message }, {}, result.throttled ? 429 : 400);
    return redirectWithFlash("/settings", FLASH.passwordChanged);
  }
  throw new Response("Unknown action.", { status: 400 });
}

export default function SettingsPage() {
  const { sessionCount, timeZone, siteTimeZone } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  return (
    <div className="page narrow">
      <h1>Settings</h1>
      <ErrorSummary errors={useActionData<typeof action>()?.fieldErrors} />
      <ul className="link-list">
        <li>
          <Link to="/settings/profile">Your profile</Link>: name, organization, location, fields of practice and bio
        </li>
        <li>
          <Link to="/settings/email">Email address</Link>: confirm it or change it
        </li>
        <li>
          <Link to="/settings/notifications">Emails and following</Link>: digest emails and the topics you follow
        </li>
        <li>
          <Link to="/drafts">Your drafts</Link> and <Link to="/flags">your flags</Link>
        </li>
        <li>
          <Link to="/settings/account">Your data and account</Link>: download everything, or delete your account
        </li>
      </ul>
      <section aria-labelledby="time-zone-heading">
        <h2 id="time-zone-heading">Time zone</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="time-zone" />
          <Field
            id="timeZone"
            label="Show dates and times in"
            error={errors.timeZone}
            hint="Hover over a post's time to see its full date and time in this zone."
          >
            {(describedBy, invalid) => (
              <select
                id="timeZone"
                name="timeZone"
                defaultValue={timeZone ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">The site's time zone ({siteTimeZone.replace(/_/g, " ")})</option>
                {listTimeZones().map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SubmitButton busyLabel="Saving…">Save time zone</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Change your password</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-password" />
          <CurrentPasswordField error={errors.currentPassword} />
          <Field id="newPassword" label="New password" error={errors.newPassword} hint="At least 10 characters.">
            {(describedBy, invalid) => (
              <input
                id="newPassword"
                name="newPassword"
                type="password"
                autoComplete="new-password"
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <SubmitButton busyLabel="Changing your password…">Change password</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Where you're signed in</h2>
        <p>
          You are signed in on {sessionCount} {sessionCount === 1 ? "browser or device" : "browsers or devices"}.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <SubmitButton busyLabel="Signing out…">Sign out everywhere else</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
