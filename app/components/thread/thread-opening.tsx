import type { SerializeFrom } from "@remix-run/node";
import { formatDateTime, isoDate } from "~/lib/format";
import { THREAD_KIND_HEADINGS } from "~/lib/thread-display";
import type { PostView, ThreadHeaderView } from "~/models/thread-page.server";
import { PostCard, type PostActions } from "./post-card";
import { TopicTags } from "~/components/topic-tags";
import { MemberLink } from "~/components/member-link";

interface ThreadOpeningProps {
  thread: SerializeFrom<ThreadHeaderView>;
  opening: SerializeFrom<PostView>;
  actions: PostActions;
}

/** The thread's title, kind, topics and opening post. */
export function ThreadOpening({ thread, opening, actions }: ThreadOpeningProps) {
  return (
    <header className="thread-header">
      <p className="kicker">
        {THREAD_KIND_HEADINGS[thread.kind]}
        {thread.pinned ? <span className="badge">Pinned</span> : null}
        {thread.featured ? <span className="badge">Featured</span> : null}
        {thread.locked ? <span className="badge">Locked</span> : null}
      </p>
      <h1>{thread.title}</h1>
      {thread.hidden ? (
        <p className="notice">
          This thread is hidden by moderators{thread.hiddenReason ? `: ${thread.hiddenReason}` : ""}. Only you and the
          moderators can see it.
        </p>
      ) : null}
      <p className="muted">
        Started by <MemberLink member={thread.author} /> on{" "}
        <time dateTime={isoDate(thread.createdAt)}>{formatDateTime(thread.createdAt)}</time>
      </p>
      <TopicTags tags={thread.tags} />
      <div className="opening-post">
        <PostCard post={opening} level={0} actions={{ ...actions, continueAtDepth: Infinity }} />
      </div>
    </header>
  );
}
