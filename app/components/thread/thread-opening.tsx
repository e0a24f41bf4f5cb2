import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { THREAD_KIND_HEADING_KEYS } from "~/lib/thread-display";
import type { PostView, ThreadHeaderView } from "~/models/thread-page.server";
import { PostCard, type PostActions } from "./post-card";
import { TopicTags } from "~/components/topic-tags";
import { usePageLanguage } from "~/components/reader-time";
import { postLanguageAttributes } from "~/lib/post-language";

interface ThreadOpeningProps {
  thread: SerializeFrom<ThreadHeaderView>;
  opening: SerializeFrom<PostView>;
  actions: PostActions;
}

/**
 * The thread's title, kind, topics and opening post. The opening post's own header names its author and
 * time, so the page gives each post one timestamp (issue 14).
 */
export function ThreadOpening({ thread, opening, actions }: ThreadOpeningProps) {
  const language = usePageLanguage();
  const { t } = useTranslation("threads");
  return (
    <header className="thread-header">
      <p className="kicker">
        {t(THREAD_KIND_HEADING_KEYS[thread.kind])}
        {thread.pinned ? <span className="badge">{t("threadOpening.pinned")}</span> : null}
        {thread.featured ? <span className="badge">{t("threadOpening.featured")}</span> : null}
        {thread.locked ? <span className="badge">{t("threadOpening.locked")}</span> : null}
      </p>
      <h1 {...postLanguageAttributes(opening.language, language)}>{thread.title}</h1>
      {thread.hidden ? (
        <p className="notice">
          {thread.hiddenReason
            ? t("threadOpening.hiddenWithReason", { reason: thread.hiddenReason })
            : t("threadOpening.hidden")}
        </p>
      ) : null}
      <TopicTags tags={thread.tags} />
      <div className="opening-post">
        <PostCard post={opening} level={0} actions={{ ...actions, continueAtDepth: Infinity }} />
      </div>
    </header>
  );
}
