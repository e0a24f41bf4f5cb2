import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Viewer } from "~/auth/viewer";
import { canCloseStoryReplies, canReopenStoryReplies, isModerator } from "~/lib/permissions";
import { SubmitButton } from "~/components/submit-button";

interface ThreadToolsProps {
  thread: { id: number; kind: string; author: { id: number }; locked: boolean; lockedByAuthor: boolean };
  viewer: Viewer | null;
  followLevel: "following" | "muted" | "stopped" | null;
}

const FOLLOW_STATE = {
  following: "threadTools.following",
  muted: "threadTools.muted",
  stopped: "threadTools.stopped",
} as const;

/** Under the opening post: following and the feed for everyone, the moderators' way in, the story author's "close replies". */
export function ThreadTools({ thread, viewer, followLevel }: ThreadToolsProps) {
  const { t } = useTranslation("threads");
  const moderate = isModerator(viewer);
  const close = canCloseStoryReplies(viewer, thread);
  const reopen = canReopenStoryReplies(viewer, thread);
  const level = followLevel ?? "stopped";
  return (
    <div className="thread-tools button-row">
      {viewer ? (
        <Form
          method="post"
          action={`/threads/${thread.id}/follow`}
          className="follow-controls"
          aria-label={t("threadTools.label")}
        >
          <span className="muted small">{t(FOLLOW_STATE[level])}</span>
          {level !== "following" ? (
            <SubmitButton
              busyLabel={t("threadTools.followBusy")}
              name="intent"
              value="follow"
              className="secondary small-button"
            >
              {t("threadTools.follow")}
            </SubmitButton>
          ) : (
            <SubmitButton
              busyLabel={t("threadTools.stopBusy")}
              name="intent"
              value="stop"
              className="secondary small-button"
            >
              {t("threadTools.stop")}
            </SubmitButton>
          )}
          {level !== "muted" ? (
            <SubmitButton
              busyLabel={t("threadTools.muteBusy")}
              name="intent"
              value="mute"
              className="secondary small-button"
            >
              {t("threadTools.mute")}
            </SubmitButton>
          ) : null}
        </Form>
      ) : null}
      <a href={`/threads/${thread.id}/feed.atom`} className="small">
        {t("threadTools.feed")}
      </a>
      {close || reopen ? (
        <Form method="post" action={`/threads/${thread.id}/close`}>
          <SubmitButton
            busyLabel={t("threadTools.saving")}
            name="intent"
            value={close ? "close" : "reopen"}
            className="secondary small-button"
          >
            {close ? t("threadTools.close") : t("threadTools.reopen")}
          </SubmitButton>
        </Form>
      ) : null}
      {moderate ? <Link to={`/mod/threads/${thread.id}`}>{t("threadTools.moderate")}</Link> : null}
    </div>
  );
}
