import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { HidePostForm } from "~/components/mod/hide-post-form";
import { NO_POST_ACTIONS } from "~/components/thread/post-actions";
import { PostCard } from "~/components/thread/post-card";
import { hidePostSchema } from "~/lib/flags";
import { invalidForm } from "~/lib/http.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { requireId } from "~/lib/params";
import { formFields, parseForm } from "~/lib/validation";
import type { ModResult } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { getReplyTarget } from "~/models/post-context.server";
import { REMOVE_REASON_MAX, removeUpload, uploadsOfPost } from "~/models/uploads.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Moderate a post · ${data.target.thread.title} · Roundtable` : "Moderate a post · Roundtable" },
];

const STATUS_MESSAGES = {
  hidden: "Hidden. Others see only that moderators hid it; its author sees your reason.",
  restored: "Restored. Everyone can read it again.",
  removedUpload: "Removed. No one can open the file any more, and the post says a moderator removed it.",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const postId = requireId(params.id, "post");
  // As moderators see it: hidden posts (and posts in hidden threads) with their words and reasons.
  const target = await getReplyTarget(postId, viewer);
  if (!target) throw new Response("There is no such post.", { status: 404 });
  return json({ target, uploads: await uploadsOfPost(postId) });
}

async function finish(result: ModResult, postId: number, done: keyof typeof STATUS_MESSAGES, formData: FormData) {
  if (!result.ok) return invalidForm({ form: result.message }, formFields(formData));
  return redirectWithFlash(`/mod/posts/${postId}`, STATUS_MESSAGES[done]);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const postId = requireId(params.id, "post");
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "remove-upload") {
    const uploadId = Number(formData.get("uploadId"));
    const reason = String(formData.get("reason") ?? "");
    const removed = await removeUpload({ moderatorId: viewer.id, uploadId, postId, reason });
    if (!removed.ok && removed.field === "reason")
      return invalidForm({ [`reason-${uploadId}`]: removed.message }, formFields(formData));
    return finish(removed, postId, "removedUpload", formData);
  }
  if (intent === "restore") return finish(await moderatePost(viewer.id, postId, null), postId, "restored", formData);
  if (intent !== "hide") return invalidForm({ form: "Choose one of the actions on this page." }, formFields(formData));
  const parsed = parseForm(hidePostSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  return finish(await moderatePost(viewer.id, postId, parsed.data), postId, "hidden", formData);
}

export default function ModeratePostPage() {
  const { target, uploads } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { thread, post } = target;
  const errors = actionData?.fieldErrors ?? {};
  const typed = actionData?.fields?.intent === "hide" ? actionData.fields : undefined;
  return (
    <div className="page narrow mod-page">
      <p className="muted">
        In <Link to={`/threads/${thread.id}/${thread.slug}`}>{thread.title}</Link>
        {thread.hidden ? " (a hidden thread)" : ""}
      </p>
      <h1>
        Moderate{" "}
        {post.depth === 0 ? "an opening post" : `a reply${post.author ? ` by ${post.author.displayName}` : ""}`}
      </h1>
      <FormError message={errors.form} />
      <PostCard post={post} level={post.depth} actions={NO_POST_ACTIONS} />
      {post.depth === 0 ? (
        <p className="notice">
          This is the opening post of its thread. To take it down,{" "}
          <Link to={`/mod/threads/${thread.id}`}>hide the whole thread instead</Link>.
        </p>
      ) : post.state === "deleted" ? (
        <p className="muted">Its author removed this reply; there is nothing to moderate.</p>
      ) : post.state === "hidden" ? (
        <>
          <section aria-labelledby="restore-heading" className="mod-section">
            <h2 id="restore-heading">Restore</h2>
            <p>Everyone will see the reply again, and its author is told.</p>
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <SubmitButton busyLabel="Restoring…">Restore the reply</SubmitButton>
            </Form>
          </section>
          <section aria-labelledby="hide-heading" className="mod-section">
            <h2 id="hide-heading">Keep it hidden, with a new reason</h2>
            <HidePostForm intent="hide" submitLabel="Save the reason" errors={errors} fields={typed} />
          </section>
        </>
      ) : (
        <section aria-labelledby="hide-heading" className="mod-section">
          <h2 id="hide-heading">Hide</h2>
          <p className="field-hint">
            A hidden reply keeps its place; others see only that moderators hid it. Its author sees your reason.
          </p>
          <HidePostForm intent="hide" submitLabel="Hide the reply" errors={errors} fields={typed} />
        </section>
      )}
      {uploads.length ? (
        <section aria-labelledby="uploads-heading" className="mod-section">
          <h2 id="uploads-heading">Pictures and files in this post</h2>
          <p className="field-hint">
            Removing one takes it from everyone at once, in every version of the post, and is logged with your reason.
          </p>
          <ul className="plain-list stack">
            {uploads.map((upload) => (
              <li key={upload.id}>
                {upload.kind === "image" && upload.thumbnailUrl ? (
                  <img src={upload.thumbnailUrl} alt={`Picture ${upload.originalName}`} loading="lazy" />
                ) : (
                  <a href={upload.url}>{upload.originalName} (PDF)</a>
                )}
                <Form method="post" className="stack-tight">
                  <input type="hidden" name="intent" value="remove-upload" />
                  <input type="hidden" name="uploadId" value={upload.id} />
                  <label htmlFor={`reason-${upload.id}`}>Why remove {upload.originalName}?</label>
                  <input
                    id={`reason-${upload.id}`}
                    name="reason"
                    maxLength={REMOVE_REASON_MAX * 2}
                    aria-invalid={Boolean(errors[`reason-${upload.id}`])}
                    aria-describedby={errors[`reason-${upload.id}`] ? `reason-${upload.id}-error` : undefined}
                  />
                  {errors[`reason-${upload.id}`] ? (
                    <p id={`reason-${upload.id}-error`} className="field-error" role="alert">
                      {errors[`reason-${upload.id}`]}
                    </p>
                  ) : null}
                  <SubmitButton busyLabel="Removing…">Remove this file</SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="flag-queue-link">
        <Link to="/mod/flags">All flagged posts</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
