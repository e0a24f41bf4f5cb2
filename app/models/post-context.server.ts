import type { Viewer } from "~/auth/viewer";
import { canSeeContent } from "~/lib/permissions";
import {
  BRANCH_ANCESTORS_MAX,
  budgetAfter,
  PAGE_HTML_BYTES_MAX,
  readBoundedRange,
  REVISIONS_PER_PAGE,
  type Continuation,
} from "./page-bounds.server";
import { listRevisions, type RevisionView } from "./posts.server";
import { idsInPath } from "./post-path";
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

// One post in its context: above a reply or flag form (with its thread), as the root of a branch page, or
// with its earlier versions.

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
  /** The nearest ancestors (at most BRANCH_ANCESTORS_MAX), farthest first. */
  ancestors: PostView[];
  /** How many ancestors farther up are left out; the first ancestor shown has them on its own branch page. */
  earlierCount: number;
  /** The post, then its replies after its child `after` (from the first when null), in threaded order. */
  branch: PostView[];
  after: number | null;
  /** The cursor of the branch's next page, when more of the post's replies follow. */
  nextAfter: number | null;
  continuations: Continuation[];
}

/**
 * "Continue this thread": a reply with its nearest ancestors above and a bounded page of its replies below (down
 * to MAX_DISPLAY_DEPTH levels under it), in a constant number of queries.
 */
export async function getBranch(
  postId: number,
  viewer: Viewer | null,
  after: number | null = null,
): Promise<BranchView | null> {
  const viewerId = viewer?.id ?? 0;
  const root = await postQuery(viewerId)
    .select(["p.thread_id", "p.path"])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!root || root.depth === 0) return null;
  // A reply this viewer may not see has a page only as the placeholder that its replies hang on.
  const rootState = { authorId: root.author_id, hidden: root.hidden_at !== null, deleted: root.deleted_at !== null };
  if (root.descendant_count === 0 && !canSeeContent(viewer, rootState)) return null;
  const thread = await getThreadHeader(root.thread_id, viewer);
  if (!thread) return null;
  const allAncestorIds = idsInPath(root.path).slice(0, -1);
  const ancestorIds = allAncestorIds.slice(-BRANCH_ANCESTORS_MAX);
  const ancestorRows = ancestorIds.length
    ? await postQuery(viewerId).where("p.id", "in", ancestorIds).orderBy("p.depth").execute()
    : [];
  const range = await readBoundedRange({
    threadId: root.thread_id,
    root: { id: root.id, path: root.path, depth: root.depth },
    after,
    budget: budgetAfter([...ancestorRows, root]),
  });
  const rows = range.ids.length
    ? await postQuery(viewerId).where("p.id", "in", range.ids).orderBy("p.path").execute()
    : [];
  const names = new Map<number, string | null>();
  const ancestors = toThreadedViews(ancestorRows, viewer, names);
  const branch = toThreadedViews([root, ...rows], viewer, names, (row) => isListed(row) || row.id === postId);
  const [shownAncestors, shownBranch] = await applyRoundRules(root.thread_id, viewer, [ancestors, branch]);
  if (!shownBranch!.some((post) => post.id === postId)) return null;
  return {
    thread,
    ancestors: shownAncestors!,
    earlierCount: allAncestorIds.length - ancestorIds.length,
    branch: shownBranch!,
    after,
    nextAfter: range.nextAfter,
    continuations: range.continuations,
  };
}

export interface RevisionPage {
  revisions: RevisionView[];
  /** The cursor of the page of older versions, if there are any. */
  nextBefore: number | null;
}

/**
 * A page of a post's edit history, newest first: at most REVISIONS_PER_PAGE earlier versions, and no more HTML
 * beside the current version's than a thread page holds (the first one always shows).
 */
export async function getRevisionPage(
  postId: number,
  currentHtml: string,
  before: number | null,
  viewer: Viewer | null,
): Promise<RevisionPage> {
  const rows = await listRevisions(postId, { before, limit: REVISIONS_PER_PAGE }, viewer);
  const revisions: RevisionView[] = [];
  let bytes = Buffer.byteLength(currentHtml);
  for (const revision of rows) {
    bytes += Buffer.byteLength(revision.html);
    if (revisions.length && bytes > PAGE_HTML_BYTES_MAX) break;
    revisions.push(revision);
  }
  const last = revisions.at(-1);
  return { revisions, nextBefore: last && last.version > 1 ? last.id : null };
}
