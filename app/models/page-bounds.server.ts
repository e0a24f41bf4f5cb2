import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { childPath, subtreeEnd } from "./post-path";

// How much of a thread one page holds (issue 12): whatever members write, wide or deep, a page (a thread
// page or a branch page) shows at most PAGE_POSTS_MAX posts and PAGE_HTML_BYTES_MAX bytes of their HTML.
// The rest is one plain link away: "More replies" for the next of the root's children, and "Continue this
// thread (n more replies)" under each shown post whose replies were cut (see docs/decisions/0005).

/** Posts on one page, top-level and nested together, with the opening post or a branch's ancestors. */
export const PAGE_POSTS_MAX = 100;
/**
 * Bytes (UTF-8) of post HTML on one page. Remix sends the loader data beside the markup, escaped for a
 * script (`<` as `\u003c`), so a page weighs two to four times this: under 2 MB even for markup-dense posts.
 */
export const PAGE_HTML_BYTES_MAX = 512 * 1024;
/** Earlier versions on one page of a post's edit history (each is at most BODY_MAX characters of Markdown). */
export const REVISIONS_PER_PAGE = 10;
/** Ancestors shown above a branch page's post; farther ones are on the topmost one's own branch page. */
export const BRANCH_ANCESTORS_MAX = MAX_DISPLAY_DEPTH;

export interface PageBudget {
  posts: number;
  bytes: number;
}

/** What is left of a page for a range of replies once the posts it always shows (or their sizes) are counted. */
export function budgetAfter(shown: Array<{ body_html: string } | number>): PageBudget {
  const size = (post: { body_html: string } | number) =>
    typeof post === "number" ? post : Buffer.byteLength(post.body_html);
  const bytes = shown.reduce<number>((sum, post) => sum + size(post), 0);
  return { posts: PAGE_POSTS_MAX - shown.length, bytes: PAGE_HTML_BYTES_MAX - bytes };
}

/** "Continue this thread (count more replies)" under `postId`: its replies after its child `after`. */
export interface Continuation {
  postId: number;
  count: number;
  /** The last child of the post shown on this page; null when none was. */
  after: number | null;
}

export interface BoundedRange {
  /** The posts of the page, in threaded order. */
  ids: number[];
  /** The root's last child shown, when more children follow it: the cursor of "More replies". */
  nextAfter: number | null;
  continuations: Continuation[];
}

interface RangeRow {
  id: number;
  parent_id: number | null;
  depth: number;
  descendant_count: number;
}

/**
 * The root's descendants after its child `after` (from the first when null), in threaded order, down to
 * MAX_DISPLAY_DEPTH levels below the root, for as long as they fit the budget (the first always does). One
 * statement on the (thread_id, path) index: it takes at most budget + 1 rows and sums the byte length of
 * their HTML in SQL, so the server never loads what it cuts; the caller reads the kept rows by id.
 */
export async function readBoundedRange(input: {
  threadId: number;
  root: { id: number; path: string; depth: number };
  after: number | null;
  budget: PageBudget;
}): Promise<BoundedRange> {
  const { root, budget } = input;
  const posts = Math.max(1, budget.posts);
  const maxDepth = root.depth + MAX_DISPLAY_DEPTH;
  const start = input.after === null ? root.path : subtreeEnd(childPath(root.path, input.after));
  const rows = await getDb()
    .with("candidates", (db) =>
      db
        .selectFrom("posts")
        .select(["id", "parent_id", "path", "depth", "descendant_count"])
        .select(sql<number>`octet_length(body_html)`.as("size"))
        .where("thread_id", "=", input.threadId)
        .where("path", ">", start)
        .where("path", "<", subtreeEnd(root.path))
        .where("depth", "<=", maxDepth)
        .orderBy("path")
        .limit(posts + 1),
    )
    .with("ranked", (db) =>
      db
        .selectFrom("candidates")
        .select(["id", "parent_id", "path", "depth", "descendant_count"])
        .select(sql<number>`row_number() over (order by path)`.as("n"))
        .select(sql<number>`sum(size) over (order by path)`.as("bytes")),
    )
    .with("kept", (db) =>
      db
        .selectFrom("ranked")
        .selectAll()
        .where((eb) => eb.or([eb("n", "=", 1), eb.and([eb("n", "<=", posts), eb("bytes", "<=", budget.bytes)])])),
    )
    .selectFrom("kept")
    .select(["id", "parent_id", "depth", "descendant_count"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("posts as later")
            .select("later.id")
            .where("later.parent_id", "=", root.id)
            .where(
              "later.id",
              ">",
              eb
                .selectFrom("kept")
                .select(eb.fn.max("id").as("id"))
                .where("depth", "=", root.depth + 1),
            ),
        )
        .as("more_children"),
    )
    .orderBy("path")
    .execute();
  const lastChild = rows.filter((row) => row.depth === root.depth + 1).at(-1);
  return {
    ids: rows.map((row) => row.id),
    nextAfter: rows[0]?.more_children && lastChild ? lastChild.id : null,
    continuations: continuationsOf(rows, maxDepth),
  };
}

/**
 * Where a range stopped inside a subtree, the last post shown and each of its ancestors on the page have
 * replies cut: each gets a link to those after its last child shown. Counts come from descendant_count:
 * what a post has below it, less what the page shows after it (a post at the display depth brings its own
 * "continue" link for everything under it).
 */
function continuationsOf(rows: RangeRow[], maxDepth: number): Continuation[] {
  const shownAfter = new Map<number, number>();
  let weight = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i]!;
    shownAfter.set(row.id, weight);
    weight += 1 + (row.depth >= maxDepth ? row.descendant_count : 0);
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  const continuations: Continuation[] = [];
  let child: { row: RangeRow; cut: number } | null = null;
  for (let row = rows.at(-1); row; row = row.parent_id === null ? undefined : byId.get(row.parent_id)) {
    const cut = row.depth >= maxDepth ? 0 : Math.max(0, row.descendant_count - shownAfter.get(row.id)!);
    // What is cut under the child is the child's own link; this post's link is for its later children.
    const count = cut - (child?.cut ?? 0);
    if (count > 0) continuations.push({ postId: row.id, count, after: child?.row.id ?? null });
    child = { row, cut };
  }
  return continuations;
}

/**
 * Whether a page whose replies start after `start` (a path) shows the post at `path`: it does when the posts
 * from the start to it, in threaded order, fit the budget. Reads at most budget + 1 rows.
 */
export async function fitsOnPage(input: {
  threadId: number;
  start: string;
  path: string;
  budget: PageBudget;
}): Promise<boolean> {
  const db = getDb();
  const posts = Math.max(1, input.budget.posts);
  const prefix = db
    .selectFrom("posts")
    .select(sql<number>`octet_length(body_html)`.as("size"))
    .where("thread_id", "=", input.threadId)
    .where("path", ">", input.start)
    .where("path", "<=", input.path)
    .where("depth", ">=", 1)
    .where("depth", "<=", MAX_DISPLAY_DEPTH)
    .orderBy("path")
    .limit(posts + 1)
    .as("prefix");
  const row = await db
    .selectFrom(prefix)
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("size").as("bytes")])
    .executeTakeFirstOrThrow();
  const n = Number(row.n);
  return n === 1 || (n <= posts && Number(row.bytes) <= input.budget.bytes);
}
