import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PromptRoundPanel } from "~/components/rounds/prompt-round-panel";
import { ThreadOpening } from "~/components/thread/thread-opening";
import { ThreadTools } from "~/components/thread/thread-tools";
import { PostInteractions, PostMarkup } from "~/components/thread/post-markup";
import { postActionsFor } from "~/components/thread/post-actions";
import { ReplyComposer } from "~/components/thread/reply-composer";
import { ReplyInPlaceProvider, ReplyInPlaceSlot, useFocusOnHighlighted } from "~/components/thread/reply-in-place";
import { JumpToNew } from "~/components/thread/new-replies";
import { loginUrlFor } from "~/auth/session.server";
import { optionalCursor, requireId } from "~/lib/params";
import { renderReplyMarkup } from "~/lib/reply-markup.server";
import { buildShareCard } from "~/lib/share-card.server";
import { shareMeta } from "~/lib/share-meta";
import { canReplyTo } from "~/lib/permissions";
import { highlightedPostId } from "~/lib/post-links";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { savedAmong } from "~/models/bookmarks.server";
import { getThreadFollowLevel } from "~/models/follows.server";
import { markPostsRead, seenPostIds } from "~/models/notifications.server";
import { getReaderTimeZone } from "~/models/member-time-zone.server";
import { getPromptRoundPanel } from "~/models/round-answers.server";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { getThreadPage } from "~/models/thread-page.server";
import { recordThreadPageView } from "~/models/thread-reads.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return data
    ? [
        { title: t("errors:documentTitle", { title: data.page.thread.title }) },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: t("threads:threadPage.feedTitle"),
          href: `/threads/${data.page.thread.id}/feed.atom`,
        },
        ...shareMeta(data.share),
      ]
    : [{ title: t("errors:documentTitle", { title: t("threads:threadPage.notFoundTitle") }) }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const threadId = requireId(params.id, "discussion");
  const url = new URL(request.url);
  const { viewer } = context;
  const page = await getThreadPage(threadId, viewer, optionalCursor(url.searchParams.get("after")));
  if (!page) throw new Response(tr("threads:threadPage.notFound"), { status: 404 });
  if (params.slug !== page.thread.slug) {
    throw redirect(`/threads/${threadId}/${page.thread.slug}${url.search}`, 301);
  }
  const { thread, opening, replies } = page;
  const followLevel = viewer ? await getThreadFollowLevel(viewer.id, threadId) : null;
  // Seen here, read: their notifications (and an email alert about them not sent yet) are done. A placeholder
  // ("hidden by moderators") is not the post: its notice waits, unread, in case the post is restored.
  if (viewer) await markPostsRead(viewer.id, seenPostIds([opening, ...replies]));
  // What is new to a member on this page; their read position then moves to the newest post shown.
  const unread = viewer ? await recordThreadPageView(viewer, { thread, shownPosts: [opening, ...replies] }) : null;
  const round = thread.kind === "prompt" ? await getPromptRoundPanel(threadId, viewer) : null;
  const savedPostIds = viewer ? await savedAmong(viewer.id, [opening.id, ...replies.map((r) => r.id)]) : [];
  const loginToReply = viewer ? null : loginUrlFor(request);
  // The replies go to the page as HTML made of cached post cards, not as data (docs/decisions/0030, 0031).
  const clock = { timeZone: await getReaderTimeZone(viewer?.id ?? null), renderedAt: viewer ? Date.now() : null };
  (context.serverMarkup ??= new Map()).set(
    "replies",
    renderReplyMarkup({
      threadId,
      replies,
      continuations: page.continuations,
      actionsFor: postActionsFor(viewer, thread, {
        loginToReply,
        continueAtDepth: MAX_DISPLAY_DEPTH,
        savedPostIds: new Set(savedPostIds),
      }),
      newPostIds: new Set(unread?.newPostIds ?? []),
      highlightId: highlightedPostId(url.searchParams),
      clock,
    }),
  );
  // A preview tells what everyone may see: none for a thread or opening post hidden from all but a few.
  const share =
    !thread.hidden && opening.state === "visible"
      ? buildShareCard(request, {
          path: `/threads/${threadId}/${thread.slug}`,
          title: thread.title,
          type: "article",
          html: opening.html,
          fallback: tr(
            thread.kind === "story" ? "threads:threadPage.shareStory" : "threads:threadPage.shareDiscussion",
          ),
        })
      : null;
  return json({
    // What the page's own components read; the replies are in the markup.
    page: { thread, opening, hasReplies: replies.length > 0, nextAfter: page.nextAfter, isFirstPage: page.isFirstPage },
    share,
    viewer,
    openingSaved: savedPostIds.includes(opening.id),
    followLevel,
    round,
    unread: unread ? { firstNewUrl: unread.firstNewUrl, newOnPage: unread.newPostIds.length } : null,
    loginToReply,
  });
}

// A reply form in place shows its preview, draft and errors through a fetcher: they change nothing on the page,
// which is not rendered again for them. Posting the reply redirects, and the page then loads as usual.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, actionResult, defaultShouldRevalidate }) =>
  formAction !== undefined && /^\/posts\/\d+\/reply$/.test(formAction) && actionResult != null
    ? false
    : defaultShouldRevalidate;

export default function ThreadPage() {
  const { t } = useTranslation("threads");
  const { page, viewer, followLevel, round, unread, loginToReply, openingSaved } = useLoaderData<typeof loader>();
  const { thread, opening, hasReplies, nextAfter, isFirstPage } = page;
  const actionsFor = postActionsFor(viewer, thread, {
    loginToReply,
    continueAtDepth: MAX_DISPLAY_DEPTH,
    savedPostIds: new Set(openingSaved ? [opening.id] : []),
  });
  const basePath = `/threads/${thread.id}/${thread.slug}`;
  const highlightId = highlightedPostId(useSearchParams()[0]);
  useFocusOnHighlighted(highlightId);
  // While a round takes answers, its prompt is answered through the round's form, not the reply box.
  const openingActions = round?.takesAnswers
    ? { ...actionsFor(opening.author?.id), canReply: false, loginToReply: null }
    : actionsFor(opening.author?.id);
  return (
    <ReplyInPlaceProvider>
      <PostInteractions className="page narrow thread-page">
        {unread?.firstNewUrl ? <JumpToNew url={unread.firstNewUrl} newOnPage={unread.newOnPage} /> : null}
        <ThreadOpening thread={thread} opening={opening} actions={openingActions} />
        <ReplyInPlaceSlot postId={opening.id} />
        <ThreadTools thread={thread} viewer={viewer} followLevel={followLevel} />
        {round ? <PromptRoundPanel round={round} threadId={thread.id} loginUrl={loginToReply} /> : null}
        <section aria-labelledby="replies-heading" className="replies">
          <h2 id="replies-heading">{t("threadPage.replyCount", { count: thread.replyCount })}</h2>
          {!isFirstPage ? (
            <p>
              <Link to={basePath}>{t("threadPage.firstReplies")}</Link>
            </p>
          ) : null}
          {hasReplies ? (
            <PostMarkup name="replies" />
          ) : isFirstPage && !round?.withheld ? (
            <p className="muted">{t("threadPage.noReplies")}</p>
          ) : null}
          {nextAfter ? (
            <p className="pager">
              <Link to={`${basePath}?after=${nextAfter}`}>{t("threadPage.moreReplies")}</Link>
            </p>
          ) : null}
        </section>
        {round?.takesAnswers ? null : thread.locked ? (
          <p className="notice" role="note">
            {thread.lockReason
              ? t("threadPage.lockedWithReason", { reason: thread.lockReason.replace(/\.$/, "") })
              : t("threadPage.locked")}
          </p>
        ) : canReplyTo(viewer, thread) ? (
          <ReplyComposer parentId={opening.id} heading={t("threadPage.addReply")} threadId={thread.id} />
        ) : (
          <p className="join-prompt">
            <Trans
              t={t}
              i18nKey="threadPage.loginToReply"
              components={{ go: <Link to={loginToReply ?? "/login"} /> }}
            />
          </p>
        )}
      </PostInteractions>
    </ReplyInPlaceProvider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
