import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireWriter } from "~/auth/guards.server";
import type { Viewer } from "~/auth/viewer";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NO_POST_ACTIONS } from "~/components/thread/post-actions";
import { PostCard } from "~/components/thread/post-card";
import { ReplyComposer } from "~/components/thread/reply-composer";
import { composerResponse } from "~/lib/http.server";
import { requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { canReplyTo } from "~/lib/permissions";
import { quoteMarkdown } from "~/lib/quote";
import { composerIntentSchema, draftSchema, formFields, parseForm, replySchema, type Fields } from "~/lib/validation";
import { readComposerForm } from "~/models/composer-attachments.server";
import { getReplyDraft, saveDraft } from "~/models/drafts.server";
import { getReplyTarget } from "~/models/post-context.server";
import { locatePost } from "~/models/post-location.server";
import { previewMarkdown } from "~/models/previews.server";
import { createReply, type ReplyResult } from "~/models/replies.server";
import { postingRefusalStatus } from "~/models/publishing.server";
import { answerFormPath } from "~/models/round-answers.server";
import { writeRefusal } from "~/models/write-throttle.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  const title = data
    ? t("threads:replyPage.title", { title: data.target.thread.title })
    : t("threads:branchPage.replyTitle");
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
    throw new Response(tr("threads:replyPage.noSuchPost"), { status: 404 });
  // A round's prompt is answered through the round's form while it takes answers (consent, dates, once each).
  const answerPath =
    target.post.depth === 0 && target.thread.kind === "prompt" ? await answerFormPath(target.thread.id) : null;
  if (answerPath) throw redirect(answerPath);
  return { viewer, postId, target };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { viewer, postId, target } = await loadTarget(request, params, context);
  const draft = await getReplyDraft(viewer.id, postId);
  const wantsQuote = new URL(request.url).searchParams.has("quote");
  const quote =
    wantsQuote && target.quoteSource && target.post.author
      ? quoteMarkdown(target.quoteSource, target.post.author.handle)
      : "";
  return json({
    target,
    draftBody: draft?.bodySource ?? "",
    draftId: draft?.id ?? null,
    quote,
    canReply: canReplyTo(viewer, target.thread),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { viewer, postId, target } = await loadTarget(request, params, context);
  const composed = await readComposerForm(request, viewer.id, ["bodySource"]);
  const { formData } = composed;
  if (!composed.ok)
    return composerResponse({ fieldErrors: composed.fieldErrors, fields: formFields(formData) }, composed.status);
  const intent = composerIntentSchema.catch("publish").parse(formData.get("intent") ?? undefined);
  if (intent === "save-draft") {
    const parsed = parseForm(draftSchema, formData);
    if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields: parsed.fields }, 400);
    const draftId = await saveDraft({
      memberId: viewer.id,
      draftId: parsed.data.draftId,
      kind: "reply",
      threadId: target.thread.id,
      parentPostId: postId,
      bodySource: parsed.data.bodySource,
    });
    return composerResponse({ savedDraftId: draftId, fields: formFields(formData) });
  }
  const parsed = parseForm(replySchema, formData);
  if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields: parsed.fields }, 400);
  const fields = formFields(formData);
  const { bodySource, draftId } = parsed.data;
  try {
    if (intent === "preview")
      return composerResponse({ preview: await previewMarkdown({ memberId: viewer.id, source: bodySource }), fields });
    const reply = { threadId: target.thread.id, parentId: postId, authorId: viewer.id, bodySource, draftId };
    const result = await createReply(reply);
    if (!result.ok) return refusedReply(result, fields);
    return replyPosted(result.postId, viewer);
  } catch (error) {
    const refused = writeRefusal(error, "bodySource");
    if (!refused) throw error;
    return composerResponse({ fieldErrors: refused.fieldErrors, fields }, refused.status);
  }
}

/**
 * Where a posted reply takes its author: the reply in its conversation (the thread page that shows it, or its
 * branch page when it is deeper), scrolled to and highlighted. The one place the reply's success answer is made.
 */
async function replyPosted(postId: number, viewer: Viewer) {
  const place = (await locatePost(postId, viewer, { highlight: true })) ?? `/posts/${postId}`;
  return redirectWithFlash(place, FLASH.replyPosted);
}

/** The form again, with why the reply was refused next to the text (a thread hidden from replies reads as locked). */
function refusedReply(refusal: Extract<ReplyResult, { ok: false }>, fields: Fields) {
  const status = postingRefusalStatus(refusal.reason);
  // Waiting (the new-member limits) or not yet allowed (an unverified address): the model's words.
  if (status !== 400) return composerResponse({ fieldErrors: { bodySource: refusal.message }, fields }, status);
  const closed = refusal.reason === "locked" || refusal.reason === "hidden-thread";
  const message = closed ? tr("threads:replyPage.lockedKeepText") : refusal.message;
  return composerResponse({ fieldErrors: { bodySource: message }, fields }, 400);
}

export default function ReplyPage() {
  const { t } = useTranslation("threads");
  const { target, draftBody, draftId, quote, canReply } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const typed = typeof actionData?.fields?.bodySource === "string" ? actionData.fields.bodySource : null;
  const savedDraftId = actionData?.savedDraftId ?? null;
  const preview = actionData?.preview ?? null;
  const { thread, post } = target;
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
      <h1>
        {post.depth === 0
          ? t("replyInPlace.headingDiscussion")
          : (post.author?.displayName ?? post.pseudonym?.name)
            ? t("replyInPlace.headingTo", { name: post.author?.displayName ?? post.pseudonym?.name })
            : t("replyInPlace.headingThisReply")}
      </h1>
      <PostCard post={post} level={post.depth} actions={NO_POST_ACTIONS} />
      {target.replyPseudonym ? (
        <p className="notice" role="note">
          {t("replyInPlace.pseudonym", { name: target.replyPseudonym })}
        </p>
      ) : null}
      {savedDraftId ? (
        <p className="notice" role="status">
          <Trans t={t} i18nKey="replyInPlace.draftSaved" components={{ go: <Link to="/drafts" /> }} />
        </p>
      ) : null}
      {canReply ? (
        <ReplyComposer
          parentId={post.id}
          heading={t("replyComposer.label")}
          defaultBody={typed ?? (quote ? quote + draftBody : draftBody)}
          error={actionData?.fieldErrors?.bodySource}
          formError={actionData?.fieldErrors?.form}
          draftId={savedDraftId ?? draftId}
          preview={preview}
          autoFocus
          threadId={thread.id}
          attachment={{ fields: actionData?.fields, errors: actionData?.fieldErrors ?? {} }}
        />
      ) : (
        <p className="notice">{t("replyInPlace.locked")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
