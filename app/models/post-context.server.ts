import type { Viewer } from "~/auth/viewer";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { idsInPath, subtreeEnd } from "./post-path";
import { applyRoundRules, replyPseudonym } from "./round-visibility.server";
import {
  getThreadHeader,
  isListed,
  postQuery,
  toPostView,
  toThreadedViews,
  type PostView,
  type ThreadHeaderView,
} from "./thread-page.server";

// One post in its context: above a reply or flag form (with its thread), or as the root of a branch page.

export interface ReplyTargetView {
  thread: ThreadHeaderView;
  post: PostView;
  /** The post's Markdown source, for quoting; null when it is not visible to this viewer. */
  quoteSource: string | null;
  /** The pseudonym the viewer's reply here is shown under: under their own answer given with one (else null). */
  replyPseudonym: string | null;
}

/** A post and its thread, as shown above the reply form. */
export async function getReplyTarget(postId: number, viewer: Viewer | null): Promise<ReplyTargetView | null> {
  const row = await postQuery(viewer?.id ?? 0)
    .select(["p.thread_id", "p.body_source", "p.path"])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!row) return null;
  const thread = await getThreadHeader(row.thread_id, viewer);
  if (!thread) return null;
  const [shown] = await applyRoundRules(row.thread_id, viewer, [[toPostView(row, viewer, null)]]);
  const post = shown?.[0];
  if (!post) return null;
  return {
    thread,
    post,
    // A post shown under a pseudonym is not quoted with its author's handle.
    quoteSource: post.state === "visible" && post.author ? row.body_source : null,
    replyPseudonym:
      viewer && thread.kind === "prompt"
        ? await replyPseudonym({ threadId: row.thread_id, depth: row.depth, path: row.path }, viewer.id)
        : null,
  };
}

export interface BranchView {
  thread: ThreadHeaderView;
  ancestors: PostView[];
  /** The post and its subtree (down to MAX_DISPLAY_DEPTH levels below it), in threaded order. */
  branch: PostView[];
}

/** "Continue this thread": a reply with its ancestors above and its replies below, in three queries. */
export async function getBranch(postId: number, viewer: Viewer | null): Promise<BranchView | null> {
  const viewerId = viewer?.id ?? 0;
  const root = await postQuery(viewerId)
    .select(["p.thread_id", "p.path"])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!root || root.depth === 0) return null;
  const thread = await getThreadHeader(root.thread_id, viewer);
  if (!thread) return null;
  const ancestorIds = idsInPath(root.path).slice(0, -1);
  const ancestorRows = ancestorIds.length
    ? await postQuery(viewerId).where("p.id", "in", ancestorIds).orderBy("p.depth").execute()
    : [];
  const rows = await postQuery(viewerId)
    .where("p.thread_id", "=", root.thread_id)
    .where("p.path", ">=", root.path)
    .where("p.path", "<", subtreeEnd(root.path))
    .where("p.depth", "<=", root.depth + MAX_DISPLAY_DEPTH)
    .orderBy("p.path")
    .execute();
  const names = new Map<number, string | null>();
  const ancestors = toThreadedViews(ancestorRows, viewer, names);
  const branch = toThreadedViews(rows, viewer, names, (row) => isListed(row) || row.id === postId);
  const [shownAncestors, shownBranch] = await applyRoundRules(root.thread_id, viewer, [ancestors, branch]);
  if (!shownBranch!.some((post) => post.id === postId)) return null;
  return { thread, ancestors: shownAncestors!, branch: shownBranch! };
}
