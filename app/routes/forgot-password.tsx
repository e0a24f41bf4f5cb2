import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { requestPasswordReset, RESET_REQUESTED } from "~/auth/password-reset.server";
import { tr } from "~/lib/translate";
import { Field, fieldValue, FormError, StatusNotice } from "~/components/form-field";
import { invalidForm, publicOrigin } from "~/lib/http.server";
import { forgotPasswordSchema, formFields, parseForm, type FieldErrors } from "~/lib/validation";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("account:forgot.title") }) }];
};

// The same answer for every handle or address, known or not: the account is looked up after the response.
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(forgotPasswordSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const result = await requestPasswordReset({
    login: parsed.data.login,
    ip: context.clientIp,
    origin: publicOrigin(request),
    afterResponse: context.afterResponse,
  });
  if (!result.ok) return json({ fieldErrors: { form: result.message }, fields: formFields(formData) }, { status: 429 });
  return json({ sent: tr(RESET_REQUESTED) });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("account");
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const sent = actionData && "sent" in actionData ? actionData.sent : null;
  const errors: FieldErrors = actionData && "fieldErrors" in actionData ? actionData.fieldErrors : {};
  const fields = actionData && "fields" in actionData ? actionData.fields : undefined;
  return (
    <div className="page narrow">
      <h1>{t("forgot.title")}</h1>
      <ErrorSummary errors={actionData && "fieldErrors" in actionData ? actionData.fieldErrors : undefined} />
      {sent ? (
        <>
          <StatusNotice message={sent} />
          <p>
            <Trans
              t={t}
              i18nKey="forgot.nothingYet"
              components={{ again: <Link to="/forgot-password" reloadDocument />, login: <Link to="/login" /> }}
            />
          </p>
        </>
      ) : (
        <>
          <p className="lede">{t("forgot.lede")}</p>
          <Form method="post" noValidate className="stack">
            <FormError message={errors.form} />
            <Field id="login" label={t("login.login")} error={errors.login}>
              {(describedBy, invalid) => (
                <input
                  id="login"
                  name="login"
                  autoComplete="username"
                  required
                  defaultValue={fieldValue(fields, "login", searchParams.get("login") ?? "")}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
            <SubmitButton busyLabel={t("forgot.submitting")}>{t("forgot.submit")}</SubmitButton>
          </Form>
          <p>
            <Trans t={t} i18nKey="forgot.remembered" components={{ go: <Link to="/login" /> }} />
          </p>
        </>
      )}
    </div>
  );
}
