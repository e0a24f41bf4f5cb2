import type { Viewer } from "~/auth/viewer";

// The vocabulary of who may do what. Loaders and actions enforce these on the server; components use the
// same predicates to decide which controls to show.

export function isModerator(viewer: Pick<Viewer, "role"> | null): boolean {
  return viewer?.role === "moderator" || viewer?.role === "admin";
}

export function isAdmin(viewer: Viewer | null): boolean {
  return viewer?.role === "admin";
}

// Seeing content (docs/decisions/0012): removed content is for no one; content moderators hid (or flags hid,
// pending review) is for its author and moderators, marked as hidden. The same rule as SQL, for queries, is in
// models/visibility.server. Lists, feeds and cached pages ask with no viewer: what everyone may see.
type Reader = Pick<Viewer, "id" | "role"> | null;

export function canSeeHidden(viewer: Reader, authorId: number): boolean {
  return viewer !== null && (viewer.id === authorId || isModerator(viewer));
}

export function canSeeContent(viewer: Reader, item: { authorId: number; hidden: boolean; deleted: boolean }): boolean {
  return !item.deleted && (!item.hidden || canSeeHidden(viewer, item.authorId));
}

export function canEditProfile(viewer: Viewer | null, memberId: number): boolean {
  return viewer !== null && viewer.id === memberId;
}

interface ThreadState {
  locked: boolean;
  hidden: boolean;
}

export function canReplyTo(viewer: Viewer | null, thread: ThreadState): boolean {
  return viewer !== null && !thread.locked && !thread.hidden;
}

export function canEditPost(viewer: Viewer | null, authorId: number): boolean {
  return viewer !== null && viewer.id === authorId;
}

export function canDeletePost(viewer: Viewer | null, authorId: number): boolean {
  return viewer !== null && viewer.id === authorId;
}

/** "Helpful" is for other people's posts. */
export function canReact(viewer: Viewer | null, authorId: number): boolean {
  return viewer !== null && viewer.id !== authorId;
}

// Flags: a signed-in member may flag someone else's post (moderators review it; see isModerator).
export function canFlag(viewer: Viewer | null, authorId: number): boolean {
  return viewer !== null && viewer.id !== authorId;
}

// Curating threads: a story's author may close its replies, and reopen them only if they closed them.
interface StoryState {
  kind: string;
  author: { id: number };
  locked: boolean;
  lockedByAuthor: boolean;
}

export function canCloseStoryReplies(viewer: Viewer | null, thread: StoryState): boolean {
  return viewer !== null && thread.kind === "story" && viewer.id === thread.author.id && !thread.locked;
}

export function canReopenStoryReplies(viewer: Viewer | null, thread: StoryState): boolean {
  return (
    viewer !== null &&
    thread.kind === "story" &&
    viewer.id === thread.author.id &&
    thread.locked &&
    thread.lockedByAuthor
  );
}

// Rounds: moderators create them, write their synthesis and export their answers; any member may answer.
export function canManageRounds(viewer: Viewer | null): boolean {
  return isModerator(viewer);
}

/**
 * Whether Roundtable may email a member: digests, alerts, notices. Until their address is verified it may be
 * anyone's (a typo, or someone else's given on purpose), so it gets only the two emails that prove or recover
 * the account, the verification link and the password reset link, which are sent without asking this.
 */
export function canReceiveEmail(member: { emailVerifiedAt: number | null }): boolean {
  return member.emailVerifiedAt !== null;
}
