import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { checkResetLink, resetPassword } from "~/auth/password-reset.server";
import { startSession } from "~/auth/session.server";
import { Field } from "~/components/form-field";
import { LinkProblem, linkProblemStatus } from "~/components/link-problem";
import { invalidForm } from "~/lib/http.server";
import { parseForm, resetPasswordSchema } from "~/lib/validation";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { Trans, useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("errors:documentTitle", { title: t("account:reset.title") }) },
    { name: "robots", content: "noindex" },
  ];
};

// The link in a password reset email. Opening it changes nothing (mail scanners open links); the form sets
// the new password, uses the link up, ends every session and signs the member in here.
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await checkResetLink(params.token ?? "");
  if (!state.ok) return json({ problem: state.problem, handle: null }, { status: linkProblemStatus(state.problem) });
  return json({ problem: null, handle: state.handle });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseForm(resetPasswordSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, {});
  const result = await resetPassword(params.token ?? "", parsed.data.newPassword);
  if (!result.ok && "problem" in result)
    return json({ problem: result.problem, fieldErrors: {} }, { status: linkProblemStatus(result.problem) });
  if (!result.ok) return invalidForm({ [result.field]: result.message }, {});
  return redirectWithFlash("/settings", FLASH.passwordReset, {
    headers: { "Set-Cookie": await startSession(result.memberId) },
  });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("account");
  const { problem, handle } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const linkProblem = (actionData && "problem" in actionData ? actionData.problem : null) ?? problem;
  const errors: Partial<Record<string, string>> = actionData?.fieldErrors ?? {};
  if (linkProblem)
    return (
      <LinkProblem
        problem={linkProblem}
        kind="passwordReset"
        retry={{ to: "/forgot-password", label: t("reset.askAgain") }}
      />
    );
  return (
    <div className="page narrow">
      <h1>{t("reset.title")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <p className="lede">
        <Trans t={t} i18nKey="reset.lede" values={{ handle }} components={{ strong: <strong /> }} />
      </p>
      <Form method="post" noValidate className="stack">
        <Field id="newPassword" label={t("reset.newPassword")} error={errors.newPassword} hint={t("join.passwordHint")}>
          {(describedBy, invalid) => (
            <input
              id="newPassword"
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <SubmitButton busyLabel={t("reset.submitting")}>{t("reset.submit")}</SubmitButton>
      </Form>
      <p className="muted">
        <Link to="/login">{t("reset.backToLogin")}</Link>
      </p>
    </div>
  );
}
