import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PromptRoundPanel } from "~/components/rounds/prompt-round-panel";
import { ThreadOpening } from "~/components/thread/thread-opening";
import { ThreadTools } from "~/components/thread/thread-tools";
import { PostCard } from "~/components/thread/post-card";
import { postActionsFor } from "~/components/thread/post-actions";
import { ReplyComposer } from "~/components/thread/reply-composer";
import { buildTree, ReplyTree } from "~/components/thread/reply-tree";
import { continuationsAfter } from "~/components/thread/continue-thread";
import { loginUrlFor } from "~/auth/session.server";
import { optionalCursor, requireId } from "~/lib/params";
import { canReplyTo } from "~/lib/permissions";
import { getThreadFollowLevel } from "~/models/follows.server";
import { markPostsRead, seenPostIds } from "~/models/notifications.server";
import { getPromptRoundPanel } from "~/models/round-answers.server";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { getThreadPage } from "~/models/thread-page.server";

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
  const round = page.thread.kind === "prompt" ? await getPromptRoundPanel(threadId, context.viewer) : null;
  return json({
    page,
    viewer: context.viewer,
    followLevel,
    round,
    loginToReply: context.viewer ? null : loginUrlFor(request),
  });
}

export default function ThreadPage() {
  const { page, viewer, followLevel, round, loginToReply } = useLoaderData<typeof loader>();
  const { thread, opening, replies, nextAfter, continuations, isFirstPage } = page;
  const actionsFor = postActionsFor(viewer, thread, { loginToReply, continueAtDepth: MAX_DISPLAY_DEPTH });
  const basePath = `/threads/${thread.id}/${thread.slug}`;
  // While a round takes answers, its prompt is answered through the round's form, not the reply box.
  const openingActions = round?.takesAnswers
    ? { ...actionsFor(opening.author?.id), canReply: false, loginToReply: null }
    : actionsFor(opening.author?.id);
  return (
    <div className="page narrow thread-page">
      <ThreadOpening thread={thread} opening={opening} actions={openingActions} />
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
              <PostCard
                post={post}
                level={level}
                placement={placement}
                actions={actionsFor(post.author?.id ?? (post.pseudonym?.masked ? 0 : undefined))}
              />
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
        <ReplyComposer parentId={opening.id} heading="Add your reply" />
      ) : (
        <p className="join-prompt">
          <Link to={loginToReply ?? "/login"}>Log in or join</Link> to reply.
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
