import type { Viewer } from "~/auth/viewer";
import { canDeletePost, canEditPost, canFlag, canReact, canReplyTo, isModerator } from "~/lib/permissions";
import type { PostActions } from "./post-card";

/** What a viewer may do with each post of a thread, from the same predicates the server enforces. */
export function postActionsFor(
  viewer: Viewer | null,
  thread: { locked: boolean; hidden: boolean },
  options: { loginToReply: string | null; continueAtDepth: number; savedPostIds?: ReadonlySet<number> | null },
): (authorId: number | undefined) => PostActions {
  const replyable = canReplyTo(viewer, thread);
  const moderator = isModerator(viewer);
  return (authorId) => ({
    canReply: replyable,
    canEdit: authorId !== undefined && canEditPost(viewer, authorId),
    canDelete: authorId !== undefined && canDeletePost(viewer, authorId),
    canReact: authorId !== undefined && canReact(viewer, authorId),
    canFlag: authorId !== undefined && canFlag(viewer, authorId),
    canModerate: moderator,
    loginToReply: thread.locked ? null : options.loginToReply,
    continueAtDepth: options.continueAtDepth,
    savedPostIds: viewer ? (options.savedPostIds ?? null) : null,
  });
}

/** No buttons: a post shown above a form about it (reply, flag, moderate). */
export const NO_POST_ACTIONS: PostActions = {
  canReply: false,
  canEdit: false,
  canDelete: false,
  canReact: false,
  canFlag: false,
  canModerate: false,
  loginToReply: null,
  continueAtDepth: Infinity,
  savedPostIds: null,
};
