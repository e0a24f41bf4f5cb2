import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";
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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "moderation:postPage.documentTitle", { title: data.target.thread.title })
      : pageTitle(matches, "moderation:postPage.documentTitleBare"),
  },
];

const STATUS_MESSAGES = {
  hidden: "moderation:postPage.done.hidden",
  restored: "moderation:postPage.done.restored",
  removedUpload: "moderation:postPage.done.removedUpload",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const postId = requireId(params.id, "post");
  // As moderators see it: hidden posts (and posts in hidden threads) with their words and reasons.
  const target = await getReplyTarget(postId, viewer);
  if (!target) throw new Response(tr("moderation:flagsPage.noSuchPost"), { status: 404 });
  return json({ target, uploads: await uploadsOfPost(postId) });
}

async function finish(result: ModResult, postId: number, done: keyof typeof STATUS_MESSAGES, formData: FormData) {
  if (!result.ok) return invalidForm({ form: result.message }, formFields(formData));
  return redirectWithFlash(`/mod/posts/${postId}`, tr(STATUS_MESSAGES[done]));
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
  if (intent !== "hide") return invalidForm({ form: tr("moderation:chooseAction") }, formFields(formData));
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
  const { t } = useTranslation("moderation");
  return (
    <div className="page narrow mod-page">
      <p className="muted">
        <Trans
          t={t}
          i18nKey={thread.hidden ? "postPage.inHiddenThread" : "postPage.inThread"}
          values={{ title: thread.title }}
          components={{ go: <Link to={`/threads/${thread.id}/${thread.slug}`} /> }}
        />
      </p>
      <h1>
        {post.depth === 0
          ? t("postPage.titleOpening")
          : post.author
            ? t("postPage.titleReplyBy", { name: post.author.displayName })
            : t("postPage.titleReply")}
      </h1>
      <FormError message={errors.form} />
      <PostCard post={post} level={post.depth} actions={NO_POST_ACTIONS} />
      {post.depth === 0 ? (
        <p className="notice">
          <Trans t={t} i18nKey="postPage.openingPost" components={{ go: <Link to={`/mod/threads/${thread.id}`} /> }} />
        </p>
      ) : post.state === "deleted" ? (
        <p className="muted">{t("postPage.deleted")}</p>
      ) : post.state === "hidden" ? (
        <>
          <section aria-labelledby="restore-heading" className="mod-section">
            <h2 id="restore-heading">{t("postPage.restore")}</h2>
            <p>{t("postPage.restoreHint")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="restore" />
              <SubmitButton busyLabel={t("postPage.restoreBusy")}>{t("postPage.restoreButton")}</SubmitButton>
            </Form>
          </section>
          <section aria-labelledby="hide-heading" className="mod-section">
            <h2 id="hide-heading">{t("postPage.keepHidden")}</h2>
            <HidePostForm intent="hide" submitLabel={t("postPage.saveReason")} errors={errors} fields={typed} />
          </section>
        </>
      ) : (
        <section aria-labelledby="hide-heading" className="mod-section">
          <h2 id="hide-heading">{t("flagQueue.hide")}</h2>
          <p className="field-hint">{t("postPage.hideHint")}</p>
          <HidePostForm intent="hide" submitLabel={t("postPage.hideButton")} errors={errors} fields={typed} />
        </section>
      )}
      {uploads.length ? (
        <section aria-labelledby="uploads-heading" className="mod-section">
          <h2 id="uploads-heading">{t("postPage.uploads")}</h2>
          <p className="field-hint">{t("postPage.uploadsHint")}</p>
          <ul className="plain-list stack">
            {uploads.map((upload) => (
              <li key={upload.id}>
                {upload.kind === "image" && upload.thumbnailUrl ? (
                  <img
                    src={upload.thumbnailUrl}
                    alt={t("postPage.picture", { name: upload.originalName })}
                    loading="lazy"
                  />
                ) : (
                  <a href={upload.url}>{t("postPage.pdf", { name: upload.originalName })}</a>
                )}
                <Form method="post" className="stack-tight">
                  <input type="hidden" name="intent" value="remove-upload" />
                  <input type="hidden" name="uploadId" value={upload.id} />
                  <label htmlFor={`reason-${upload.id}`}>
                    {t("postPage.whyRemove", { name: upload.originalName })}
                  </label>
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
                  <SubmitButton busyLabel={t("postPage.removeBusy")}>{t("postPage.remove")}</SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="flag-queue-link">
        <Link to="/mod/flags">{t("postPage.allFlagged")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
