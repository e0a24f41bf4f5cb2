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
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";
import { tr } from "~/lib/translate";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("settings:email.title") }) }];
};

// Flash messages (keys), said in the request's language.
const DONE = {
  sent: "settings:email.done.sent",
  verified: "settings:email.done.verified",
  change: "settings:email.done.change",
  cancelled: "settings:email.done.cancelled",
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
    return redirectWithFlash("/settings/email", tr(DONE.cancelled));
  }
  return invalidForm({ form: tr("settings:email.chooseIntent") }, {});
}

async function resend(viewer: Viewer, mail: MailContext) {
  const result = await resendVerificationLink(viewer.id, mail);
  if (!result.ok) return json({ fieldErrors: { form: result.message }, fields: {} }, { status: 429 });
  return redirectWithFlash("/settings/email", tr(result.sentTo ? DONE.sent : DONE.verified));
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
  return redirectWithFlash("/settings/email", tr(DONE.change));
}

export default function EmailSettingsPage() {
  const language = usePageLanguage();
  const { t } = useTranslation("settings");
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Partial<Record<string, string>> = actionData?.fieldErrors ?? {};
  return (
    <div className="page narrow">
      <p className="muted">
        <Link to="/settings">{t("index.title")}</Link>
      </p>
      <h1>{t("email.title")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <FormError message={errors.form} />
      <p>
        <Trans
          t={t}
          i18nKey={settings.verified ? "email.yoursConfirmed" : "email.yoursNotConfirmed"}
          values={{ email: settings.email }}
          components={{ strong: <strong /> }}
        />
      </p>
      {settings.verified ? null : (
        <Form method="post" className="stack">
          <p>{t("email.followLink")}</p>
          <input type="hidden" name="intent" value="resend" />
          <SubmitButton busyLabel={t("email.sending")}>{t("email.resend")}</SubmitButton>
        </Form>
      )}
      {settings.pending ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t("email.pendingHeading")}</h2>
          <p>
            <Trans
              t={t}
              i18nKey="email.pending"
              values={{ email: settings.pending.email, date: formatDateTime(settings.pending.expiresAt, language) }}
              components={{ strong: <strong /> }}
            />
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel-change" />
            <button type="submit" className="link-button">
              {t("email.cancel")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="change-heading">
        <h2 id="change-heading">{t("email.changeHeading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="change-email" />
          <Field id="newEmail" label={t("email.newEmail")} error={errors.newEmail} hint={t("email.newEmailHint")}>
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
          <CurrentPasswordField label={t("password.current")} error={errors.currentPassword} />
          <SubmitButton busyLabel={t("email.sending")}>{t("email.sendChange")}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
