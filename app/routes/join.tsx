import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { invalidForm, publicOrigin } from "~/lib/http.server";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { joinMember } from "~/auth/accounts.server";
import { requireAnonymous, safeRedirectPath, startSession } from "~/auth/session.server";
import { AcceptRulesCheckbox } from "~/components/composer/community-rules";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { formFields, joinSchema, parseForm } from "~/lib/validation";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("account:join.title") }];
};

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(joinSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  // Where the visitor was going (the reply form behind a Reply), kept through joining and the email link.
  const next = safeRedirectPath(parsed.data.redirectTo, "");
  const result = await joinMember(parsed.data, context.clientIp, {
    origin: publicOrigin(request),
    afterResponse: context.afterResponse,
    next,
  });
  if (!result.ok) {
    return invalidForm({ [result.field]: result.message }, formFields(formData));
  }
  const cookie = await startSession(result.memberId);
  const to = next || "/settings/profile";
  return redirectWithFlash(to, to === "/settings/profile" ? FLASH.joinedToProfile : FLASH.joined, {
    headers: { "Set-Cookie": cookie },
  });
}

export default function JoinPage() {
  const { t } = useTranslation("account");
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.fieldErrors ?? {};
  const fields = actionData?.fields;
  const redirectTo = fieldValue(fields, "redirectTo", searchParams.get("redirectTo") ?? "");
  return (
    <div className="page narrow">
      <h1>{t("join.title")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <p className="lede">
        <Trans
          t={t}
          i18nKey="join.lede"
          components={{
            go: <Link to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`} />,
          }}
        />
      </p>
      <Form method="post" noValidate className="stack">
        <FormError message={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field id="handle" label={t("join.handle")} error={errors.handle} hint={t("join.handleHint")}>
          {(describedBy, invalid) => (
            <input
              id="handle"
              name="handle"
              autoComplete="username"
              required
              defaultValue={fieldValue(fields, "handle")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field
          id="displayName"
          label={t("join.displayName")}
          error={errors.displayName}
          hint={t("join.displayNameHint")}
        >
          {(describedBy, invalid) => (
            <input
              id="displayName"
              name="displayName"
              autoComplete="name"
              required
              defaultValue={fieldValue(fields, "displayName")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id="email" label={t("join.email")} error={errors.email} hint={t("join.emailHint")}>
          {(describedBy, invalid) => (
            <input
              id="email"
              name="email"
              type="email"
              autoComplete="email"
              required
              defaultValue={fieldValue(fields, "email")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field id="password" label={t("join.password")} error={errors.password} hint={t("join.passwordHint")}>
          {(describedBy, invalid) => (
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <AcceptRulesCheckbox error={errors.rulesAccepted} />
        <SubmitButton busyLabel={t("join.submitting")}>{t("join.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
