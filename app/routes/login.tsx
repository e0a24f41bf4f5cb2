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

export const meta: MetaFunction = () => [{ title: "Log in · Roundtable" }];

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
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.fieldErrors ?? {};
  const fields = actionData?.fields;
  const redirectTo = fieldValue(fields, "redirectTo", searchParams.get("redirectTo") ?? "");
  return (
    <div className="page narrow">
      <h1>Log in</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <p className="lede">
        New here?{" "}
        <Link to={`/join${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>Join Roundtable</Link>.
      </p>
      <Form method="post" noValidate className="stack">
        <FormError message={errors.form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field id="login" label="Handle or email" error={errors.login}>
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
        <Field id="password" label="Password" error={errors.password}>
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
        <SubmitButton busyLabel="Logging in…">Log in</SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </div>
  );
}
