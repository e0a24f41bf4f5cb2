import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { RoundAnswerNote } from "~/components/rounds/round-answer-note";
import type { PostView } from "~/models/thread-page.server";
import { Avatar } from "~/components/avatar";
import { MemberLink } from "~/components/member-link";
import { RelativeTime, usePageLanguage } from "~/components/reader-time";
import { postLanguageAttributes } from "~/lib/post-language";
import { memberAvatarSeed, pseudonymAvatarSeed } from "~/lib/avatar";
import { showsReplyingTo } from "~/lib/thread-display";
import { loginToReplyHref } from "~/lib/post-links";
import { ReplyLink } from "./reply-in-place";
import type { TreePlacement } from "./reply-tree";
import { PostSaveForm } from "./save-button";

type Post = SerializeFrom<PostView>;

export interface PostActions {
  canReply: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canReact: boolean;
  /** A signed-in member who is not the author may flag the post for moderators. */
  canFlag: boolean;
  /** Moderators get a link to hide or restore the post, hidden or not. */
  canModerate: boolean;
  /** Set for visitors who may reply once logged in (each post's Reply leads to log in, then its reply form). */
  loginToReply: string | null;
  /** Depth beyond which replies are behind a link. */
  continueAtDepth: number;
  /** The posts this member saved for later; null for a visitor, who gets no Save button (cached pages). */
  savedPostIds: ReadonlySet<number> | null;
}

/**
 * One reply: who wrote it to whom, when, its words, and what the viewer can do with it. Its links are plain
 * anchors and its forms plain forms: a thread page's replies are rendered to HTML once and reused
 * (lib/post-fragments.server, docs/decisions/0030), outside Remix and never hydrated, so the card uses no
 * router hooks. In the browser, PostMarkup (./post-markup) submits its forms and opens Reply in place.
 */
export function PostCard({
  post,
  level,
  actions,
  placement = { parentJustAbove: false },
  highlighted = false,
}: {
  post: Post;
  level: number;
  actions: PostActions;
  /** Where the post sits in the tree (ReplyTree's third argument); by default, not under its parent. */
  placement?: TreePlacement;
  /** The reply just posted (or linked to): marked so the reader finds it. */
  highlighted?: boolean;
}) {
  const language = usePageLanguage();
  const { t } = useTranslation("threads");
  const headingId = `post-${post.id}-by`;
  return (
    <article
      id={`post-${post.id}`}
      className={`post post-${post.state}${highlighted ? " post-highlighted" : ""}`}
      // Focusable when highlighted, so the page can move focus to the reply just posted.
      tabIndex={highlighted ? -1 : undefined}
      aria-labelledby={headingId}
    >
      <PostHeader post={post} level={level} headingId={headingId} placement={placement} />
      {post.roundAnswer && post.state !== "deleted" ? <RoundAnswerNote answer={post.roundAnswer} /> : null}
      {post.pseudonym && !post.pseudonym.masked && !post.roundAnswer && post.state !== "deleted" ? (
        <p className="round-answer-note small muted">{t("postCard.pseudonymNote", { name: post.pseudonym.name })}</p>
      ) : null}
      {post.state === "deleted" ? (
        <p className="placeholder">{t("postCard.removedByAuthor")}</p>
      ) : post.state === "hidden" && !post.html ? (
        <p className="placeholder">{t("postCard.hiddenByModerators")}</p>
      ) : (
        <>
          {post.state === "hidden" ? (
            <p className="notice small">
              {post.hiddenReason
                ? t("postCard.hiddenNoticeWithReason", { reason: post.hiddenReason })
                : t("postCard.hiddenNotice")}
            </p>
          ) : null}
          <div
            className="prose"
            {...postLanguageAttributes(post.language, language)}
            dangerouslySetInnerHTML={{ __html: post.html ?? "" }}
          />
        </>
      )}
      {post.state === "visible" ? (
        <PostFooter post={post} actions={actions} />
      ) : post.state === "hidden" && actions.canModerate ? (
        <footer className="post-actions">
          <a href={`/mod/posts/${post.id}`}>{t("postCard.moderate")}</a>
        </footer>
      ) : null}
      {post.depth >= actions.continueAtDepth && post.descendantCount > 0 ? (
        <p>
          <a href={`/posts/${post.id}?branch=1`}>{t("postCard.continueThread", { count: post.descendantCount })}</a>
        </p>
      ) : null}
    </article>
  );
}

/**
 * Who wrote the post (avatar, name, organization), to whom when that is not plain from its place, and one time:
 * relative, with the full date and time in the reader's zone on hover. Other features add to the end of it.
 */
function PostHeader({
  post,
  level,
  headingId,
  placement,
}: {
  post: Post;
  level: number;
  headingId: string;
  placement: TreePlacement;
}) {
  const { t } = useTranslation("threads");
  const replyingToShown = showsReplyingTo(post, placement.parentJustAbove);
  return (
    <header className="post-meta">
      <AuthorAvatar post={post} />
      <h3 id={headingId} className="post-byline">
        {post.author ? (
          <MemberLink member={post.author} plain />
        ) : post.pseudonym?.masked ? (
          <span>{post.pseudonym.name}</span>
        ) : (
          <span>{post.state === "deleted" ? t("postCard.removedReply") : t("postCard.hiddenReply")}</span>
        )}
        {post.replyToName ? (
          // Kept for screen readers where the place in the tree already says it, so every byline reads the same.
          <span className={replyingToShown ? "post-replying-to" : "visually-hidden"}>
            {" "}
            {t("postCard.replyingTo", { name: post.replyToName })}
          </span>
        ) : null}
        <span className="visually-hidden">{t("postCard.level", { level })}</span>
      </h3>
      {/* Beside the heading, not in it: the post's accessible name stays "Name replying to X, level N". */}
      {post.author?.organization ? <span className="post-organization">{post.author.organization}</span> : null}
      {post.html !== null ? (
        <a href={`/posts/${post.id}`} className="muted small post-time">
          <RelativeTime ms={post.createdAt} />
        </a>
      ) : (
        // A placeholder has no permalink: its address answers 404 to whoever sees the placeholder.
        <RelativeTime ms={post.createdAt} className="muted small post-time" />
      )}
      {post.editedAt ? (
        <a href={`/posts/${post.id}/history`} className="muted small">
          {t("postCard.edited")}
        </a>
      ) : null}
    </header>
  );
}

/** A member's avatar from their id; a pseudonym's from the pseudonym alone; none for a placeholder. */
function AuthorAvatar({ post }: { post: Post }) {
  if (post.author)
    return (
      <Avatar
        name={post.author.displayName}
        seed={memberAvatarSeed(post.author.id)}
        pictureUrl={post.author.pictureUrl}
      />
    );
  if (post.pseudonym?.masked)
    return <Avatar name={post.pseudonym.name} seed={pseudonymAvatarSeed(post.pseudonym.name)} />;
  return <span className="avatar avatar-placeholder" aria-hidden="true" />;
}

function PostFooter({ post, actions }: { post: Post; actions: PostActions }) {
  const { t } = useTranslation("threads");
  // Counts show only above zero: "0 found this helpful" under every new post is noise.
  return (
    <footer className="post-actions">
      {actions.canReact ? (
        <form method="post" action={`/posts/${post.id}/helpful`} className="inline-form" data-post-form="helpful">
          <button type="submit" className="secondary small-button" aria-pressed={post.viewerFoundHelpful}>
            {post.viewerFoundHelpful ? t("postCard.helpfulPressed") : t("postCard.helpful")}
            {post.helpfulCount > 0 ? <span className="count">{` (${post.helpfulCount})`}</span> : null}
          </button>
        </form>
      ) : post.helpfulCount > 0 ? (
        <span className="muted small">{t("postCard.foundHelpful", { count: post.helpfulCount })}</span>
      ) : null}
      {actions.canReply ? (
        <ReplyLink postId={post.id} />
      ) : actions.loginToReply ? (
        <a href={loginToReplyHref(post.id)}>{t("postCard.reply")}</a>
      ) : null}
      {actions.canReply ? <a href={`/posts/${post.id}/reply?quote=1`}>{t("postCard.quote")}</a> : null}
      {actions.canEdit ? <a href={`/posts/${post.id}/edit`}>{t("postCard.edit")}</a> : null}
      {actions.canDelete ? <a href={`/posts/${post.id}/delete`}>{t("postCard.delete")}</a> : null}
      {actions.canFlag ? <a href={`/posts/${post.id}/flag`}>{t("postCard.flag")}</a> : null}
      {actions.canModerate ? <a href={`/mod/posts/${post.id}`}>{t("postCard.moderate")}</a> : null}
      {actions.savedPostIds ? <PostSaveForm postId={post.id} saved={actions.savedPostIds.has(post.id)} /> : null}
    </footer>
  );
}
