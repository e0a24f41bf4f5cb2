import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { invalidForm } from "~/lib/http.server";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { logIn } from "~/auth/accounts.server";
import { requireAnonymous, safeRedirectPath, startSession } from "~/auth/session.server";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { formFields, loginSchema, parseForm } from "~/lib/validation";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("account:login.title") }) }];
};

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAnonymous(context, safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const result = await logIn(parsed.data.login, parsed.data.password, context.clientIp);
  if (!result.ok) return invalidForm({ form: result.message }, formFields(formData), result.throttled ? 429 : 400);
  const cookie = await startSession(result.memberId);
  return redirectWithFlash(safeRedirectPath(parsed.data.redirectTo), FLASH.loggedIn, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function LoginPage() {
  const { t } = useTranslation("account");
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.fieldErrors ?? {};
  const fields = actionData?.fields;
  const redirectTo = fieldValue(fields, "redirectTo", searchParams.get("redirectTo") ?? "");
  return (
    <div className="page narrow">
      <h1>{t("login.title")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <p className="lede">
        <Trans
          t={t}
          i18nKey="login.lede"
          components={{
            go: <Link to={`/join${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`} />,
          }}
        />
      </p>
      <Form method="post" noValidate className="stack">
        <FormError message={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field id="login" label={t("login.login")} error={errors.login}>
          {(describedBy, invalid) => (
            <input
              id="login"
              name="login"
              autoComplete="username"
              required
              defaultValue={fieldValue(fields, "login")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id="password" label={t("login.password")} error={errors.password}>
          {(describedBy, invalid) => (
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <SubmitButton busyLabel={t("login.submitting")}>{t("login.submit")}</SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
    </div>
  );
}
