import { Form, Link } from "@remix-run/react";
import type { Viewer } from "~/auth/viewer";
import { canCloseStoryReplies, canReopenStoryReplies, isModerator } from "~/lib/permissions";
import { SubmitButton } from "~/components/submit-button";

interface ThreadToolsProps {
  thread: { id: number; kind: string; author: { id: number }; locked: boolean; lockedByAuthor: boolean };
  viewer: Viewer | null;
  followLevel: "following" | "muted" | "stopped" | null;
}

const FOLLOW_STATE = {
  following: "You follow this thread: replies come to your notifications.",
  muted: "You muted this thread: it won't notify you, except when someone mentions you.",
  stopped: "You don't follow this thread.",
} as const;

/** Under the opening post: following and the feed for everyone, the moderators' way in, the story author's "close replies". */
export function ThreadTools({ thread, viewer, followLevel }: ThreadToolsProps) {
  const moderate = isModerator(viewer);
  const close = canCloseStoryReplies(viewer, thread);
  const reopen = canReopenStoryReplies(viewer, thread);
  const level = followLevel ?? "stopped";
  return (
    <div className="thread-tools button-row">
      {viewer ? (
        <Form method="post" action={`/threads/${thread.id}/follow`} className="follow-controls" aria-label="Following">
          <span className="muted small">{FOLLOW_STATE[level]}</span>
          {level !== "following" ? (
            <SubmitButton busyLabel="Following…" name="intent" value="follow" className="secondary small-button">
              Follow
            </SubmitButton>
          ) : (
            <SubmitButton busyLabel="Stopping…" name="intent" value="stop" className="secondary small-button">
              Stop following
            </SubmitButton>
          )}
          {level !== "muted" ? (
            <SubmitButton busyLabel="Muting…" name="intent" value="mute" className="secondary small-button">
              Mute
            </SubmitButton>
          ) : null}
        </Form>
      ) : null}
      <a href={`/threads/${thread.id}/feed.atom`} className="small">
        Replies feed (Atom)
      </a>
      {close || reopen ? (
        <Form method="post" action={`/threads/${thread.id}/close`}>
          <SubmitButton
            busyLabel="Saving…"
            name="intent"
            value={close ? "close" : "reopen"}
            className="secondary small-button"
          >
            {close ? "Close replies" : "Reopen replies"}
          </SubmitButton>
        </Form>
      ) : null}
      {moderate ? <Link to={`/mod/threads/${thread.id}`}>Moderate this thread</Link> : null}
    </div>
  );
}
