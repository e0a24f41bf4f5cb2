import { Form, Link } from "@remix-run/react";
import type { Viewer } from "~/auth/viewer";
import { canCloseStoryReplies, canReopenStoryReplies, isModerator } from "~/lib/permissions";

interface ThreadToolsProps {
  thread: { id: number; kind: string; author: { id: number }; locked: boolean; lockedByAuthor: boolean };
  viewer: Viewer | null;
}

/** Under the opening post: the moderators' way in, and the story author's "close replies". */
export function ThreadTools({ thread, viewer }: ThreadToolsProps) {
  const moderate = isModerator(viewer);
  const close = canCloseStoryReplies(viewer, thread);
  const reopen = canReopenStoryReplies(viewer, thread);
  if (!moderate && !close && !reopen) return null;
  return (
    <div className="thread-tools button-row">
      {close || reopen ? (
        <Form method="post" action={`/threads/${thread.id}/close`}>
          <button type="submit" name="intent" value={close ? "close" : "reopen"} className="secondary small-button">
            {close ? "Close replies" : "Reopen replies"}
          </button>
        </Form>
      ) : null}
      {moderate ? <Link to={`/mod/threads/${thread.id}`}>Moderate this thread</Link> : null}
    </div>
  );
}
