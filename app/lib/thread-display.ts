import type { ThreadKind } from "~db/schema";

// How threads display, shared by the models and the components. The depth limit is not in
// models/thread-page.server.ts: the browser bundle gets an empty module for a .server import, so a page
// reading the limit from there hydrated with `undefined` and lost "Continue this thread".

/** A thread's kind in lists and search results. */
export const THREAD_KIND_LABELS: Record<ThreadKind, string> = {
  story: "Story",
  discussion: "Discussion",
  prompt: "Prompt",
};

/** A thread's kind above its title, on its page and the moderators' page for it. */
export const THREAD_KIND_HEADINGS: Record<ThreadKind, string> = {
  discussion: "Discussion",
  story: "Story from the field",
  prompt: "Prompt",
};

/**
 * The same, as catalog keys (issue 18): `t(THREAD_KIND_LABEL_KEYS[kind])` in a component, `tr(...)` elsewhere.
 * The English maps above stay until every page that shows a kind reads these.
 */
export const THREAD_KIND_LABEL_KEYS: Record<ThreadKind, string> = {
  story: "threads:kind.label.story",
  discussion: "threads:kind.label.discussion",
  prompt: "threads:kind.label.prompt",
};

export const THREAD_KIND_HEADING_KEYS: Record<ThreadKind, string> = {
  discussion: "threads:kind.heading.discussion",
  story: "threads:kind.heading.story",
  prompt: "threads:kind.heading.prompt",
};

/** Deeper replies are behind "continue this thread" (/posts/:id). */
export const MAX_DISPLAY_DEPTH = 6;

/** Thread lists count a member's new replies up to this many ("100+ new"), so a list costs the same always. */
export const NEW_COUNT_MAX = 100;
/**
 * Whether a reply's byline shows "replying to X" (issue 14): only where the post it answers is not the one
 * just above it. A first reply sits right under its parent; a reply to the opening post is what every
 * top-level reply is, and its place in the list says so. Screen readers still hear it (decision 0021).
 */
export function showsReplyingTo(post: { depth: number; replyToName: string | null }, parentJustAbove: boolean) {
  return post.replyToName !== null && post.depth > 1 && !parentJustAbove;
}
