import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PromptRoundPanel } from "~/components/rounds/prompt-round-panel";
import { ThreadOpening } from "~/components/thread/thread-opening";
import { ThreadTools } from "~/components/thread/thread-tools";
import { PostCard } from "~/components/thread/post-card";
import { postActionsFor } from "~/components/thread/post-actions";
import { ReplyComposer } from "~/components/thread/reply-composer";
import { ReplyInPlaceProvider, ReplyInPlaceSlot, useFocusOnHighlighted } from "~/components/thread/reply-in-place";
import { buildTree, ReplyTree } from "~/components/thread/reply-tree";
import { continuationsAfter } from "~/components/thread/continue-thread";
import { JumpToNew, NewReplyMark } from "~/components/thread/new-replies";
import { loginUrlFor } from "~/auth/session.server";
import { optionalCursor, requireId } from "~/lib/params";
import { buildShareCard } from "~/lib/share-card.server";
import { shareMeta } from "~/lib/share-meta";
import { canReplyTo } from "~/lib/permissions";
import { highlightedPostId } from "~/lib/post-links";
import { savedAmong } from "~/models/bookmarks.server";
import { getThreadFollowLevel } from "~/models/follows.server";
import { markPostsRead, seenPostIds } from "~/models/notifications.server";
import { getPromptRoundPanel } from "~/models/round-answers.server";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { getThreadPage } from "~/models/thread-page.server";
import { recordThreadPageView } from "~/models/thread-reads.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.page.thread.title} · Roundtable` },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: "Replies in this thread",
          href: `/threads/${data.page.thread.id}/feed.atom`,
        },
        ...shareMeta(data.share),
      ]
    : [{ title: "Not found · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const threadId = requireId(params.id, "discussion");
  const url = new URL(request.url);
  const page = await getThreadPage(threadId, context.viewer, optionalCursor(url.searchParams.get("after")));
  if (!page) throw new Response("There is no such discussion, or it is no longer available.", { status: 404 });
  if (params.slug !== page.thread.slug) {
    throw redirect(`/threads/${threadId}/${page.thread.slug}${url.search}`, 301);
  }
  const followLevel = context.viewer ? await getThreadFollowLevel(context.viewer.id, threadId) : null;
  // Seen here, read: their notifications (and an email alert about them not sent yet) are done. A placeholder
  // ("hidden by moderators") is not the post: its notice waits, unread, in case the post is restored.
  if (context.viewer) await markPostsRead(context.viewer.id, seenPostIds([page.opening, ...page.replies]));
  // What is new to a member on this page; their read position then moves to the newest post shown.
  const unread = context.viewer
    ? await recordThreadPageView(context.viewer, { thread: page.thread, shownPosts: [page.opening, ...page.replies] })
    : null;
  const round = page.thread.kind === "prompt" ? await getPromptRoundPanel(threadId, context.viewer) : null;
  const savedPostIds = context.viewer
    ? await savedAmong(context.viewer.id, [page.opening.id, ...page.replies.map((r) => r.id)])
    : [];
  // A preview tells what everyone may see: none for a thread or opening post hidden from all but a few.
  const share =
    !page.thread.hidden && page.opening.state === "visible"
      ? buildShareCard(request, {
          path: `/threads/${threadId}/${page.thread.slug}`,
          title: page.thread.title,
          type: "article",
          html: page.opening.html,
          fallback: `A ${page.thread.kind === "story" ? "story" : "discussion"} on Roundtable.`,
        })
      : null;
  return json({
    page,
    share,
    viewer: context.viewer,
    savedPostIds,
    followLevel,
    round,
    unread,
    loginToReply: context.viewer ? null : loginUrlFor(request),
  });
}

export default function ThreadPage() {
  const { page, viewer, followLevel, round, unread, loginToReply, savedPostIds } = useLoaderData<typeof loader>();
  const newPostIds = new Set(unread?.newPostIds ?? []);
  const { thread, opening, replies, nextAfter, continuations, isFirstPage } = page;
  const actionsFor = postActionsFor(viewer, thread, {
    loginToReply,
    continueAtDepth: MAX_DISPLAY_DEPTH,
    savedPostIds: new Set(savedPostIds),
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
      <div className="page narrow thread-page">
        {unread?.firstNewUrl ? <JumpToNew url={unread.firstNewUrl} newOnPage={newPostIds.size} /> : null}
        <ThreadOpening thread={thread} opening={opening} actions={openingActions} />
        <ReplyInPlaceSlot postId={opening.id} />
        <ThreadTools thread={thread} viewer={viewer} followLevel={followLevel} />
        {round ? <PromptRoundPanel round={round} threadId={thread.id} loginUrl={loginToReply} /> : null}
        <section aria-labelledby="replies-heading" className="replies">
          <h2 id="replies-heading">
            {thread.replyCount} {thread.replyCount === 1 ? "reply" : "replies"}
          </h2>
          {!isFirstPage ? (
            <p>
              <Link to={basePath}>Back to the first replies</Link>
            </p>
          ) : null}
          {replies.length ? (
            <ReplyTree
              nodes={buildTree(replies)}
              level={1}
              // A post under a pseudonym hides its author, but it is someone else's: it can be flagged and found helpful.
              renderItem={(post, level, placement) => (
                <NewReplyMark isNew={newPostIds.has(post.id)}>
                  <PostCard
                    post={post}
                    level={level}
                    placement={placement}
                    actions={actionsFor(post.author?.id ?? (post.pseudonym?.masked ? 0 : undefined))}
                    highlighted={post.id === highlightId}
                  />
                  <ReplyInPlaceSlot postId={post.id} />
                </NewReplyMark>
              )}
              renderAfter={continuationsAfter(continuations)}
            />
          ) : isFirstPage && !round?.withheld ? (
            <p className="muted">No replies yet. Be the first to answer.</p>
          ) : null}
          {nextAfter ? (
            <p className="pager">
              <Link to={`${basePath}?after=${nextAfter}`}>More replies</Link>
            </p>
          ) : null}
        </section>
        {round?.takesAnswers ? null : thread.locked ? (
          <p className="notice" role="note">
            This discussion is locked{thread.lockReason ? `: ${thread.lockReason.replace(/\.$/, "")}` : ""}. It takes no
            new replies.
          </p>
        ) : canReplyTo(viewer, thread) ? (
          <ReplyComposer parentId={opening.id} heading="Add your reply" threadId={thread.id} />
        ) : (
          <p className="join-prompt">
            <Link to={loginToReply ?? "/login"}>Log in or join</Link> to reply.
          </p>
        )}
      </div>
    </ReplyInPlaceProvider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
