import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requestEmailChange, resendVerificationLink, type MailContext } from "~/auth/email-address.server";
import { requireViewer } from "~/auth/session.server";
import type { Viewer } from "~/auth/viewer";
import { CurrentPasswordField, Field, fieldValue, FormError } from "~/components/form-field";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { invalidForm, publicOrigin } from "~/lib/http.server";
import { changeEmailSchema, formFields, parseForm } from "~/lib/validation";
import { cancelEmailChange, getEmailSettings } from "~/models/email-verification.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Email address · Roundtable" }];

const DONE = {
  sent: "We sent a new link. It works for 24 hours.",
  verified: "Your address is already confirmed.",
  change: "We sent a link to your new address. Your address changes when you follow it.",
  cancelled: "The change is cancelled. Your address stays as it is.",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  return json({ settings: await getEmailSettings(viewer.id) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  const mail: MailContext = { origin: publicOrigin(request), afterResponse: context.afterResponse };
  const intent = formData.get("intent");
  if (intent === "resend") return resend(viewer, mail);
  if (intent === "change-email") return changeEmail(viewer, formData, mail);
  if (intent === "cancel-change") {
    await cancelEmailChange(viewer.id);
    return redirectWithFlash("/settings/email", DONE.cancelled);
  }
  return invalidForm({ form: "Choose what to do with your address." }, {});
}

async function resend(viewer: Viewer, mail: MailContext) {
  const result = await resendVerificationLink(viewer.id, mail);
  if (!result.ok) return json({ fieldErrors: { form: result.message }, fields: {} }, { status: 429 });
  return redirectWithFlash("/settings/email", result.sentTo ? DONE.sent : DONE.verified);
}

async function changeEmail(viewer: Viewer, formData: FormData, mail: MailContext) {
  const parsed = parseForm(changeEmailSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const result = await requestEmailChange({ memberId: viewer.id, handle: viewer.handle, ...parsed.data }, mail);
  if (!result.ok)
    return json(
      { fieldErrors: { [result.field]: result.message }, fields: formFields(formData) },
      { status: result.field === "form" ? 429 : 400 },
    );
  return redirectWithFlash("/settings/email", DONE.change);
}

export default function EmailSettingsPage() {
  const language = usePageLanguage();
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.fieldErrors ?? {};
  return (
    <div className="page narrow">
      <p className="muted">
        <Link to="/settings">Settings</Link>
      </p>
      <h1>Email address</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <FormError message={errors.form} />
      <p>
        Your address: <strong>{settings.email}</strong> {settings.verified ? "(confirmed)" : "(not confirmed yet)"}. It
        is never shown to others.
      </p>
      {settings.verified ? null : (
        <Form method="post" className="stack">
          <p>
            Follow the link we sent to this address to confirm it. Until then you can read, follow topics and edit your
            profile, but not post.
          </p>
          <input type="hidden" name="intent" value="resend" />
          <SubmitButton busyLabel="Sending…">Send the link again</SubmitButton>
        </Form>
      )}
      {settings.pending ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">Waiting for your new address</h2>
          <p>
            We sent a link to <strong>{settings.pending.email}</strong>. Your address changes when you follow it (before{" "}
            {formatDateTime(settings.pending.expiresAt, language)}).
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel-change" />
            <button type="submit" className="link-button">
              Cancel the change
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="change-heading">
        <h2 id="change-heading">Change your address</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-email" />
          <Field
            id="newEmail"
            label="New email address"
            error={errors.newEmail}
            hint="We send a link to it, and tell your current address."
          >
            {(describedBy, invalid) => (
              <input
                id="newEmail"
                name="newEmail"
                type="email"
                autoComplete="email"
                defaultValue={fieldValue(actionData?.fields, "newEmail")}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              />
            )}
          </Field>
          <CurrentPasswordField error={errors.currentPassword} />
          <SubmitButton busyLabel="Sending…">Send a link to the new address</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
