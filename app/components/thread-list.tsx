import type { SerializeFrom } from "@remix-run/node";
import { Link, useLocation } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { TopicTags } from "~/components/topic-tags";
import type { MemberReplyItem, ThreadListItem } from "~/models/thread-lists.server";
import type { ThreadUnread } from "~/models/thread-reads.server";
import { NEW_COUNT_MAX } from "~/lib/thread-display";
import { MemberLink } from "~/components/member-link";

// Lists of threads and of a member's replies: plain links and text, so they work without JavaScript and
// every state (pinned, featured, locked) is a word, not only a colour.

type HeadingLevel = 2 | 3 | 4;

/** Facts in one line, each kept whole when the line wraps, with a dot between them. */
function MetaParts({ children }: { children: ReactNode[] }) {
  return (
    <>
      {children.map((part, i) => (
        <Fragment key={i}>
          {i ? (
            <>
              {" "}
              <span aria-hidden="true">·</span>{" "}
            </>
          ) : null}
          <span className="meta-part">{part}</span>
        </Fragment>
      ))}
    </>
  );
}

/** "3 new" for replies since the member's last visit; "New" for a recent thread they never opened. */
function newThreadLabel(state: ThreadUnread, t: TFunction<"browse">): string {
  if (!state.visited || state.newCount === 0) return t("threadList.new");
  if (state.newCount > NEW_COUNT_MAX) return t("threadList.newCountMax", { count: NEW_COUNT_MAX });
  return t("threadList.newCount", { count: state.newCount });
}

export function ThreadList({
  threads,
  headingLevel = 3,
  date = "created",
  showKind = true,
  unread = {},
}: {
  threads: SerializeFrom<ThreadListItem>[];
  /** The member's unread state of the listed threads (listUnreadStates); none for visitors. */
  unread?: Record<number, ThreadUnread>;
  headingLevel?: HeadingLevel;
  /** Which date each item shows: when it was started, or its latest activity (for "Active" lists). */
  date?: "created" | "activity";
  showKind?: boolean;
}) {
  const language = usePageLanguage();
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation("browse");
  return (
    <ol className="thread-list">
      {threads.map((thread) => {
        const when = date === "activity" ? thread.lastActivityAt : thread.createdAt;
        // Words, separated by spaces in the text too, so a screen reader says "Story Pinned", not "StoryPinned".
        const flags = [
          showKind ? t(`kind.${thread.kind}`) : null,
          thread.pinned ? t("threadList.pinned") : null,
          thread.featured ? t("threadList.featured") : null,
          thread.locked ? t("threadList.locked") : null,
        ].filter((flag): flag is string => flag !== null);
        const state = unread[thread.id];
        const newLabel = state ? newThreadLabel(state, t) : null;
        return (
          <li
            key={thread.id}
            className={["thread-item", thread.pinned ? "pinned" : "", state ? "unread" : ""].join(" ").trim()}
          >
            <Heading className="thread-title">
              <Link to={`/threads/${thread.id}/${thread.slug}`}>{thread.title}</Link>
              {newLabel ? (
                <>
                  {" "}
                  <span className="badge new-badge">{newLabel}</span>
                </>
              ) : null}
            </Heading>
            {flags.length ? (
              <p className="thread-flags">
                {flags.map((flag, i) => (
                  <Fragment key={flag}>
                    {i ? " " : null}
                    <span className={i === 0 && showKind ? "kind-label" : "badge"}>{flag}</span>
                  </Fragment>
                ))}
              </p>
            ) : null}
            {thread.cover ? (
              <img
                className="thread-cover"
                src={thread.cover.url}
                width={thread.cover.width}
                height={thread.cover.height}
                alt=""
                loading="lazy"
              />
            ) : null}
            {thread.excerpt ? <p className="thread-excerpt">{thread.excerpt}</p> : null}
            <p className="thread-meta muted small">
              <MetaParts>
                <Trans t={t} i18nKey="threadList.by" components={{ author: <MemberLink member={thread.author} /> }} />
                <Trans
                  t={t}
                  i18nKey={date === "activity" ? "threadList.activeOn" : "threadList.startedOn"}
                  values={{ date: formatDate(when, language) }}
                  components={{ date: <time dateTime={isoDate(when)} /> }}
                />
                {t(thread.kind === "prompt" ? "threadList.answers" : "threadList.replies", {
                  count: thread.replyCount,
                })}
                {t("threadList.helpfulMarks", { count: thread.helpfulCount })}
              </MetaParts>
            </p>
            <TopicTags tags={thread.tags} />
          </li>
        );
      })}
    </ol>
  );
}

/** A member's replies, each linking to its permalink. */
export function ReplyList({
  replies,
  headingLevel = 3,
}: {
  replies: SerializeFrom<MemberReplyItem>[];
  headingLevel?: HeadingLevel;
}) {
  const language = usePageLanguage();
  const Heading = `h${headingLevel}` as const;
  const { t } = useTranslation("browse");
  return (
    <ol className="thread-list">
      {replies.map((reply) => (
        <li key={reply.postId} className="thread-item">
          <Heading className="thread-title">
            <Link to={`/posts/${reply.postId}`}>
              <span className="visually-hidden">
                {reply.thread.kind === "prompt" ? t("replyList.answerTo") : t("replyList.replyIn")}{" "}
              </span>
              {reply.thread.title}
            </Link>
          </Heading>
          {reply.excerpt ? <p className="thread-excerpt">{reply.excerpt}</p> : null}
          <p className="thread-meta muted small">
            <MetaParts>
              <Trans
                t={t}
                i18nKey={reply.thread.kind === "prompt" ? "replyList.answeredOn" : "replyList.repliedOn"}
                values={{ date: formatDate(reply.createdAt, language) }}
                components={{ date: <time dateTime={isoDate(reply.createdAt)} /> }}
              />
              <Link to={`/threads/${reply.thread.id}/${reply.thread.slug}`}>
                {t(`replyList.whole.${reply.thread.kind}`)}
              </Link>
            </MetaParts>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The link to this page's URL with `changes` applied (null removes a parameter); other parameters stay. */
export function useQueryLink(): (changes: Record<string, string | null>) => string {
  const location = useLocation();
  return (changes) => {
    const params = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) params.delete(key);
      else params.set(key, value);
    }
    // Alphabetical, as the server's canonical URLs for cached pages are (app/lib/page-cache.server.ts).
    params.sort();
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}`;
  };
}

/** "Older threads" (and back to the first page) for a keyset-paged list, keeping the other query parameters. */
export function Pager({
  nextCursor,
  param = "after",
  label,
}: {
  nextCursor: string | null;
  param?: string;
  /** The "next" link's words; "Older threads" when none given. */
  label?: string;
}) {
  const { t } = useTranslation("browse");
  const link = useQueryLink();
  const location = useLocation();
  const onLaterPage = new URLSearchParams(location.search).has(param);
  if (!nextCursor && !onLaterPage) return null;
  return (
    <nav className="pager list-pager" aria-label={t("pager.label")}>
      {onLaterPage ? <Link to={link({ [param]: null })}>{t("pager.firstPage")}</Link> : null}
      {nextCursor ? (
        <Link to={link({ [param]: nextCursor })} rel="next">
          {label ?? t("pager.older")} <span aria-hidden="true">→</span>
        </Link>
      ) : null}
    </nav>
  );
}
