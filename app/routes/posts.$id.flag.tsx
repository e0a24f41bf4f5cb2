import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireWriter } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { NO_POST_ACTIONS } from "~/components/thread/post-actions";
import { PostCard } from "~/components/thread/post-card";
import { FLAG_NOTE_MAX, flagSchema } from "~/lib/flags";
import { invalidForm } from "~/lib/http.server";
import { FLAG_REASONS } from "~/lib/moderation";
import { requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { canFlag } from "~/lib/permissions";
import { formFields, parseForm, type FieldErrors, type Fields } from "~/lib/validation";
import { flagPost, hasFlagged } from "~/models/flags.server";
import { getReplyTarget } from "~/models/post-context.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  const title = data ? t("threads:flagPage.titleIn", { title: data.target.thread.title }) : t("threads:flagPage.title");
  return [{ title: t("errors:documentTitle", { title }) }];
};

async function loadTarget(
  request: Request,
  params: LoaderFunctionArgs["params"],
  context: LoaderFunctionArgs["context"],
) {
  const viewer = await requireWriter(request, context);
  const postId = requireId(params.id, "post");
  const target = await getReplyTarget(postId, viewer);
  if (!target || target.post.state === "deleted")
    throw new Response(tr("threads:flagPage.noSuchPost"), { status: 404 });
  return { viewer, postId, target };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { viewer, postId, target } = await loadTarget(request, params, context);
  const own = target.post.author !== null && !canFlag(viewer, target.post.author.id);
  return json({ target, own, alreadyFlagged: !own && (await hasFlagged(viewer.id, postId)) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, postId } = await loadTarget(request, params, context);
  const formData = await request.formData();
  const parsed = parseForm(flagSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const result = await flagPost({ postId, memberId: viewer.id, ...parsed.data });
  if (!result.ok) return invalidForm({ form: result.message }, formFields(formData));
  return redirectWithFlash("/flags", FLASH.flagSent);
}

export default function FlagPostPage() {
  const { t } = useTranslation("threads");
  const { target, own, alreadyFlagged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const fields = actionData?.fields;
  const { thread, post } = target;
  const refusal = own
    ? t("flagPage.own")
    : alreadyFlagged
      ? t("flagPage.already")
      : post.state === "hidden"
        ? t("flagPage.alreadyHidden")
        : null;
  return (
    <div className="page narrow">
      <p className="muted">
        <Trans
          t={t}
          i18nKey="replyPage.in"
          values={{ title: thread.title }}
          components={{ go: <Link to={`/threads/${thread.id}/${thread.slug}`} /> }}
        />
      </p>
      <h1>{post.depth === 0 ? t("flagPage.headingPost") : t("flagPage.headingReply")}</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <PostCard post={post} level={post.depth} actions={NO_POST_ACTIONS} />
      {refusal ? (
        <>
          <p className="notice" role="status">
            {refusal}
          </p>
          <p>
            <Link to={`/posts/${post.id}`}>{t("post.backToPost")}</Link> ·{" "}
            <Link to="/flags">{t("flagPage.yourFlags")}</Link>
          </p>
        </>
      ) : (
        <FlagForm postId={post.id} errors={errors} fields={fields} />
      )}
    </div>
  );
}

function FlagForm({ postId, errors, fields }: { postId: number; errors: FieldErrors; fields: Fields | undefined }) {
  const { t } = useTranslation("threads");
  const chosen = fieldValue(fields, "reason");
  const reasonDescribedBy = errors.reason ? "reason-hint reason-error" : "reason-hint";
  return (
    <Form method="post" noValidate className="stack flag-form">
      <FormError message={errors.form} />
      <fieldset id="reason" className="field" aria-describedby={reasonDescribedBy}>
        <legend>{t("flagPage.reasonLegend")}</legend>
        <p id="reason-hint" className="field-hint">
          {t("flagPage.reasonHint")}
        </p>
        {errors.reason ? (
          <p id="reason-error" className="field-error" role="alert">
            {errors.reason}
          </p>
        ) : null}
        <ul className="radio-list">
          {Object.keys(FLAG_REASONS).map((value) => (
            <li key={value}>
              <label>
                <input type="radio" name="reason" value={value} required defaultChecked={chosen === value} />{" "}
                {t(`flag.reasons.${value}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Field
        id="note"
        label={t("flagPage.noteLabel")}
        error={errors.note}
        hint={t("flagPage.noteHint", { max: FLAG_NOTE_MAX })}
      >
        {(describedBy, invalid) => (
          <textarea
            id="note"
            name="note"
            rows={3}
            maxLength={FLAG_NOTE_MAX}
            defaultValue={fieldValue(fields, "note")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <div className="button-row">
        <SubmitButton busyLabel={t("flagPage.sending")}>{t("flagPage.send")}</SubmitButton>
        <Link to={`/posts/${postId}`}>{t("replyComposer.cancel")}</Link>
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
