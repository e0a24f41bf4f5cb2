import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireWriter } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { NO_POST_ACTIONS } from "~/components/thread/post-actions";
import { PostCard } from "~/components/thread/post-card";
import { FLAG_NOTE_MAX, flagSchema } from "~/lib/flags";
import { invalidForm } from "~/lib/http.server";
import { FLAG_REASONS } from "~/lib/moderation";
import { requireId } from "~/lib/params";
import { canFlag } from "~/lib/permissions";
import { formFields, parseForm, type FieldErrors, type Fields } from "~/lib/validation";
import { flagPost, hasFlagged } from "~/models/flags.server";
import { getReplyTarget } from "~/models/post-context.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { ErrorSummary } from "~/components/error-summary";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Flag a post · ${data.target.thread.title} · Roundtable` : "Flag a post · Roundtable" },
];

async function loadTarget(
  request: Request,
  params: LoaderFunctionArgs["params"],
  context: LoaderFunctionArgs["context"],
) {
  const viewer = await requireWriter(request, context);
  const postId = requireId(params.id, "post");
  const target = await getReplyTarget(postId, viewer);
  if (!target || target.post.state === "deleted") throw new Response("There is no such post to flag.", { status: 404 });
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
  const { target, own, alreadyFlagged } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors ?? {};
  const fields = actionData?.fields;
  const { thread, post } = target;
  const refusal = own
    ? "This is your own post, so you can't flag it. You can edit or delete it instead."
    : alreadyFlagged
      ? "You have already flagged this post. Moderators will review it."
      : post.state === "hidden"
        ? "Moderators have already hidden this post."
        : null;
  return (
    <div className="page narrow">
      <p className="muted">
        In <Link to={`/threads/${thread.id}/${thread.slug}`}>{thread.title}</Link>
      </p>
      <h1>Flag this {post.depth === 0 ? "post" : "reply"} for moderators</h1>
      <ErrorSummary errors={actionData?.fieldErrors} />
      <PostCard post={post} level={post.depth} actions={NO_POST_ACTIONS} />
      {refusal ? (
        <>
          <p className="notice" role="status">
            {refusal}
          </p>
          <p>
            <Link to={`/posts/${post.id}`}>Back to the post</Link> · <Link to="/flags">Your flags</Link>
          </p>
        </>
      ) : (
        <FlagForm postId={post.id} errors={errors} fields={fields} />
      )}
    </div>
  );
}

function FlagForm({ postId, errors, fields }: { postId: number; errors: FieldErrors; fields: Fields | undefined }) {
  const chosen = fieldValue(fields, "reason");
  const reasonDescribedBy = errors.reason ? "reason-hint reason-error" : "reason-hint";
  return (
    <Form method="post" noValidate className="stack flag-form">
      <FormError message={errors.form} />
      <fieldset id="reason" className="field" aria-describedby={reasonDescribedBy}>
        <legend>What is wrong with it?</legend>
        <p id="reason-hint" className="field-hint">
          Only moderators see your flag and who sent it.
        </p>
        {errors.reason ? (
          <p id="reason-error" className="field-error" role="alert">
            {errors.reason}
          </p>
        ) : null}
        <ul className="radio-list">
          {Object.entries(FLAG_REASONS).map(([value, label]) => (
            <li key={value}>
              <label>
                <input type="radio" name="reason" value={value} required defaultChecked={chosen === value} /> {label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Field
        id="note"
        label="Anything moderators should know? (optional)"
        error={errors.note}
        hint={`Up to ${FLAG_NOTE_MAX} characters.`}
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
        <SubmitButton busyLabel="Sending…">Send to moderators</SubmitButton>
        <Link to={`/posts/${postId}`}>Cancel</Link>
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
