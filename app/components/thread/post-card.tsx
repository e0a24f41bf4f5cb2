import { Form, Link } from "@remix-run/react";
import { formatDateTime, isoDate } from "~/lib/format";

export interface PostCardData {
  id: number;
  depth: number;
  state: "visible" | "deleted" | "hidden";
  author: { handle: string; displayName: string } | null;
  html: string | null;
  hiddenReason: string | null;
  createdAt: number;
  editedAt: number | null;
  helpfulCount: number;
  viewerFoundHelpful: boolean;
  descendantCount: number;
  replyToName: string | null;
}

export interface PostActions {
  canReply: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReact: boolean;
  /** A signed-in member who is not the author may flag the post for moderators. */
  canFlag: boolean;
  /** Moderators get a link to hide or restore the post, hidden or not. */
  canModerate: boolean;
  /** Where a visitor goes to reply (log in first), or null for members. */
  loginToReply: string | null;
  /** Depth beyond which replies are behind a link. */
  continueAtDepth: number;
}

/** One reply: who wrote it to whom, when, its words, and what the viewer can do with it. */
export function PostCard({ post, level, actions }: { post: PostCardData; level: number; actions: PostActions }) {
  const headingId = `post-${post.id}-by`;
  return (
    <article id={`post-${post.id}`} className={`post post-${post.state}`} aria-labelledby={headingId}>
      <header className="post-meta">
        <h3 id={headingId} className="post-byline">
          {post.author ? (
            <Link to={`/members/${post.author.handle}`}>{post.author.displayName}</Link>
          ) : (
            <span>{post.state === "deleted" ? "Removed reply" : "Hidden reply"}</span>
          )}
          {post.replyToName ? <span className="muted"> replying to {post.replyToName}</span> : null}
          <span className="visually-hidden">, level {level}</span>
        </h3>
        <a href={`/posts/${post.id}`} className="muted small post-time">
          <time dateTime={isoDate(post.createdAt)}>{formatDateTime(post.createdAt)}</time>
        </a>
        {post.editedAt ? (
          <Link to={`/posts/${post.id}/history`} className="muted small">
            edited
          </Link>
        ) : null}
      </header>
      {post.state === "deleted" ? (
        <p className="placeholder">This reply was removed by its author.</p>
      ) : post.state === "hidden" && !post.html ? (
        <p className="placeholder">This reply was hidden by moderators.</p>
      ) : (
        <>
          {post.state === "hidden" ? (
            <p className="notice small">
              Hidden by moderators{post.hiddenReason ? `: ${post.hiddenReason}` : ""}. Others see only that it was hidden.
            </p>
          ) : null}
          <div className="prose" dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
        </>
      )}
      {post.state === "visible" ? (
        <PostFooter post={post} actions={actions} />
      ) : post.state === "hidden" && actions.canModerate ? (
        <footer className="post-actions">
          <Link to={`/mod/posts/${post.id}`}>Moderate</Link>
        </footer>
      ) : null}
      {post.depth >= actions.continueAtDepth && post.descendantCount > 0 ? (
        <p>
          <Link to={`/posts/${post.id}?branch=1`}>Continue this thread ({post.descendantCount} more)</Link>
        </p>
      ) : null}
    </article>
  );
}

function PostFooter({ post, actions }: { post: PostCardData; actions: PostActions }) {
  const helpfulLabel = `${post.helpfulCount} found this helpful`;
  return (
    <footer className="post-actions">
      {actions.canReact ? (
        <Form method="post" action={`/posts/${post.id}/helpful`} className="inline-form" preventScrollReset>
          <button type="submit" className="secondary small-button" aria-pressed={post.viewerFoundHelpful}>
            {post.viewerFoundHelpful ? "Helpful ✓" : "Helpful"} <span className="count">({post.helpfulCount})</span>
          </button>
        </Form>
      ) : (
        <span className="muted small">{helpfulLabel}</span>
      )}
      {actions.canReply ? (
        <Link to={`/posts/${post.id}/reply`}>Reply</Link>
      ) : actions.loginToReply ? (
        <Link to={actions.loginToReply}>Reply</Link>
      ) : null}
      {actions.canReply ? <Link to={`/posts/${post.id}/reply?quote=1`}>Quote</Link> : null}
      {actions.canEdit ? <Link to={`/posts/${post.id}/edit`}>Edit</Link> : null}
      {actions.canDelete ? <Link to={`/posts/${post.id}/delete`}>Delete</Link> : null}
      {actions.canFlag ? <Link to={`/posts/${post.id}/flag`}>Flag</Link> : null}
      {actions.canModerate ? <Link to={`/mod/posts/${post.id}`}>Moderate</Link> : null}
    </footer>
  );
}
