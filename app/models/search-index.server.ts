import { sql } from "kysely";
import { getDb, type Executor } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { htmlToPlainText } from "~/lib/markdown.server";
import { makeSnippet, type ParsedSearch, toFts5Query } from "~/lib/search-query";
import { publiclyWithheldPostIds } from "./round-visibility.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// The one module that knows the search engine is SQLite FTS5 (table search_index, migration 0003). Another
// engine would replace this file: the rest of the app calls indexPost / removeFromIndex / reindexThread inside
// its write transactions, and searchPosts to read.

/** Adds or replaces a post's row. The opening post carries the thread title, weighted above bodies. */
export async function indexPost(
  trx: Executor,
  post: { id: number; title: string | null; bodyHtml: string },
  isNew = false,
): Promise<void> {
  if (!isNew) await removeFromIndex(trx, [post.id]);
  await sql`INSERT INTO search_index(rowid, title, body) VALUES (${post.id}, ${post.title ?? ""}, ${htmlToPlainText(post.bodyHtml)})`.execute(
    trx,
  );
}

export async function removeFromIndex(trx: Executor, postIds: number[]): Promise<void> {
  if (!postIds.length) return;
  await trx.deleteFrom("search_index").where("rowid", "in", postIds).execute();
}

/**
 * Merges the index into one segment, which leaves out every entry of deleted rows. FTS5 only marks a deleted
 * row's words as deleted, and keeps them in its segments until a merge reaches them; after an erasure (an
 * account's posts removed) they must go now. It rewrites the whole index: about 1 s per 100,000 posts
 * (docs/decisions/0016), so it runs for erasures only. (FTS5's own secure-delete option would do it per row,
 * at some 10 ms for every later edit or deletion of any post.)
 */
export async function compactSearchIndex(trx: Executor): Promise<void> {
  await sql`INSERT INTO search_index(search_index) VALUES ('optimize')`.execute(trx);
}

/** Indexes one post if visitors can see it, else removes it: call after any change to the post or its thread. */
export async function syncPostIndex(trx: Executor, postId: number): Promise<void> {
  const row = await trx
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "p.id",
      "p.depth",
      "p.body_html",
      "p.hidden_at",
      "p.deleted_at",
      "t.title",
      "t.hidden_at as thread_hidden_at",
      "t.deleted_at as thread_deleted_at",
    ])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!row) return;
  const visible =
    row.hidden_at === null &&
    row.deleted_at === null &&
    row.thread_hidden_at === null &&
    row.thread_deleted_at === null;
  if (visible) await indexPost(trx, { id: row.id, title: row.depth === 0 ? row.title : null, bodyHtml: row.body_html });
  else await removeFromIndex(trx, [row.id]);
}

/** Brings a thread's rows in line with what visitors can see: all of its visible posts, or none. */
export async function reindexThread(trx: Executor, threadId: number): Promise<void> {
  const thread = await trx
    .selectFrom("threads")
    .select(["title", "hidden_at", "deleted_at"])
    .where("id", "=", threadId)
    .executeTakeFirstOrThrow();
  const posts = await trx
    .selectFrom("posts")
    .select(["id", "depth", "body_html", "hidden_at", "deleted_at"])
    .where("thread_id", "=", threadId)
    .execute();
  await removeFromIndex(
    trx,
    posts.map((p) => p.id),
  );
  if (thread.hidden_at !== null || thread.deleted_at !== null) return;
  for (const post of posts) {
    if (post.hidden_at !== null || post.deleted_at !== null) continue;
    await indexPost(
      trx,
      { id: post.id, title: post.depth === 0 ? thread.title : null, bodyHtml: post.body_html },
      true,
    );
  }
}

export interface SearchFilters {
  topicSlug?: string;
  kind?: ThreadKind;
  authorHandle?: string;
  from?: number;
  to?: number;
}

export interface SearchHit {
  postId: number;
  isOpening: boolean;
  thread: { id: number; slug: string; title: string; kind: ThreadKind };
  author: { handle: string; displayName: string };
  createdAt: number;
  /** The matching passage: text pieces, `hit` marks the matched words (rendered as <mark>, never as HTML). */
  snippet: Array<{ text: string; hit: boolean }>;
  topics: Array<{ slug: string; name: string }>;
}

export interface SearchResults {
  hits: SearchHit[];
  hasMore: boolean;
  /** Set when a term is so common that only its most recent matches were ranked. */
  limitedToRecent: number | null;
}

export const RESULTS_PER_PAGE = 20;
/** A query with more matches than this is too common to rank with bm25: its most recent matches are ranked. */
const rankAllMax = () => Number(process.env.SEARCH_RANK_ALL_MAX) || 500;
const recentCandidates = () => Number(process.env.SEARCH_RECENT_CANDIDATES) || 300;

interface Candidate {
  id: number;
  score: number;
  text: string;
}

/**
 * The index rows a search may rank: not withheld from visitors, and within the filters; null when no post
 * can pass them. The filters apply in the walk that picks the candidates, before any cut to the newest
 * (docs/decisions/0007): filtering the newest 300 matches afterwards found nothing when the filtered matches
 * were older. How each filter is applied keeps the walk short:
 * - an author's or a topic's posts are few enough to list once; each match is looked up in the list;
 * - a date range gives the range of ids of its posts (index posts_created_idx), and the walk visits only
 *   that range (ids grow with time, so it is tight; it is never wrong, as each post is checked as well);
 * - a kind holds many posts: each match is checked as the walk (newest first) reaches it.
 */
async function eligibleRows(db: Executor, filters: SearchFilters) {
  const visible = sql`rowid NOT IN (${publiclyWithheldPostIds(db)})`;
  const conditions = [
    filters.kind ? sql`t.kind = ${filters.kind}` : null,
    filters.authorHandle ? sql`p.author_id = (SELECT id FROM members WHERE handle = ${filters.authorHandle})` : null,
    filters.from !== undefined ? sql`p.created_at >= ${filters.from}` : null,
    filters.to !== undefined ? sql`p.created_at < ${filters.to}` : null,
    filters.topicSlug
      ? sql`t.id IN (SELECT tt.thread_id FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id WHERE g.slug = ${filters.topicSlug})`
      : null,
  ].filter((c) => c !== null);
  if (!conditions.length) return visible;
  let ids = sql``;
  if (filters.from !== undefined || filters.to !== undefined) {
    const range = await db
      .selectFrom("posts")
      .select((eb) => [eb.fn.min<number | null>("id").as("lo"), eb.fn.max<number | null>("id").as("hi")])
      .$if(filters.from !== undefined, (q) => q.where("created_at", ">=", filters.from!))
      .$if(filters.to !== undefined, (q) => q.where("created_at", "<", filters.to!))
      .executeTakeFirstOrThrow();
    if (range.lo === null || range.hi === null) return null;
    ids = sql`AND rowid BETWEEN ${range.lo} AND ${range.hi}`;
  }
  const where = sql.join(conditions, sql` AND `);
  // "+rowid": the list is checked per match; offered to FTS5 as rowid lookups, each would run the MATCH anew.
  return filters.authorHandle || filters.topicSlug
    ? sql`${visible} ${ids} AND +rowid IN (SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id WHERE ${where})`
    : sql`${visible} ${ids} AND EXISTS (SELECT 1 FROM posts p JOIN threads t ON t.id = p.thread_id WHERE p.id = search_index.rowid AND ${where})`;
}

/**
 * Ranked full-text search (bm25, titles weighted 10 to 1) over visible posts, with filters and pages.
 *
 * FTS5's bm25 first counts, for each word, every document that holds it (its IDF): for a word in most of
 * 500,000 posts that alone walks the whole doclist, some 20 ms, however few rows are ranked. So we probe
 * (cheaply, newest first) whether the query has more than 500 matches. If not, FTS5 ranks those within the
 * filters with bm25. If so, the 300 newest matches within the filters are ranked here with the same formula
 * and a constant IDF (which cannot tell such common words apart anyway), and the page says so when there
 * were more.
 */
export async function searchPosts(parsed: ParsedSearch, filters: SearchFilters, page: number): Promise<SearchResults> {
  const db = getDb();
  const match = toFts5Query(parsed);
  const eligible = await eligibleRows(db, filters);
  if (!eligible) return { hits: [], hasMore: false, limitedToRecent: null };
  const probe = await sql<{
    rowid: number;
  }>`SELECT rowid FROM search_index WHERE search_index MATCH ${match} ORDER BY rowid DESC LIMIT 1 OFFSET ${rankAllMax()}`.execute(
    db,
  );
  let candidates: Candidate[];
  let limitedToRecent: number | null = null;
  if (probe.rows.length) {
    // A common word: its newest matches within the filters, ranked here.
    const rows = (
      await sql<{
        id: number;
        title: string;
        body: string;
      }>`SELECT rowid AS id, title, body FROM search_index WHERE search_index MATCH ${match} AND ${eligible} ORDER BY rowid DESC LIMIT ${recentCandidates() + 1}`.execute(
        db,
      )
    ).rows;
    if (rows.length > recentCandidates()) limitedToRecent = recentCandidates();
    candidates = rankRecent(rows.slice(0, recentCandidates()), parsed);
  } else {
    candidates = (
      await sql<{
        id: number;
        score: number;
        title: string;
        body: string;
      }>`SELECT rowid AS id, bm25(search_index, 10.0, 1.0) AS score, title, body FROM search_index WHERE search_index MATCH ${match} AND ${eligible} ORDER BY score`.execute(
        db,
      )
    ).rows.map((r) => ({ id: r.id, score: r.score, text: r.body || r.title }));
  }
  if (!candidates.length) return { hits: [], hasMore: false, limitedToRecent };

  // What the page shows of each candidate (the filters were applied above); their order is the ranking's.
  const visible = await sql<{
    post_id: number;
    depth: number;
    thread_id: number;
    slug: string;
    title: string;
    kind: ThreadKind;
    handle: string;
    display_name: string;
    created_at: number;
  }>`
    SELECT p.id AS post_id, p.depth, t.id AS thread_id, t.slug, t.title, t.kind, m.handle, m.display_name, p.created_at
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    JOIN members m ON m.id = p.author_id
    WHERE p.id IN (${sql.join(candidates.map((c) => c.id))})
      AND ${postShownTo("p")} AND ${threadShownTo("t")}`.execute(db);
  const rowsById = new Map(visible.rows.map((r) => [r.post_id, r]));
  const ranked = candidates.filter((c) => rowsById.has(c.id));
  const offset = (page - 1) * RESULTS_PER_PAGE;
  const pageItems = ranked.slice(offset, offset + RESULTS_PER_PAGE);
  const threadIds = [...new Set(pageItems.map((c) => rowsById.get(c.id)!.thread_id))];
  const topics = threadIds.length
    ? await db
        .selectFrom("thread_tags")
        .innerJoin("tags", "tags.id", "thread_tags.tag_id")
        .select(["thread_tags.thread_id", "tags.slug", "tags.name"])
        .where("thread_tags.thread_id", "in", threadIds)
        .execute()
    : [];
  return {
    hits: pageItems.map((c) => {
      const r = rowsById.get(c.id)!;
      return {
        postId: r.post_id,
        isOpening: r.depth === 0,
        thread: { id: r.thread_id, slug: r.slug, title: r.title, kind: r.kind },
        author: { handle: r.handle, displayName: r.display_name },
        createdAt: r.created_at,
        snippet: makeSnippet(c.text, parsed),
        topics: topics.filter((t) => t.thread_id === r.thread_id).map((t) => ({ slug: t.slug, name: t.name })),
      };
    }),
    hasMore: ranked.length > offset + RESULTS_PER_PAGE,
    limitedToRecent,
  };
}

// Lowercase with diacritics folded, as the FTS5 tokenizer does; plain ASCII (most text) skips normalizing.
const fold = (text: string) =>
  /^[\x00-\x7f]*$/.test(text)
    ? text.toLowerCase()
    : text
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase();
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** How often each wanted word occurs in a text, and the text's length in words. */
function termCounts(text: string, wanted: Set<string>): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const tokens = fold(text).split(WORD_SPLIT);
  let length = 0;
  for (const token of tokens) {
    if (!token) continue;
    length++;
    if (wanted.has(token)) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return { counts, length };
}

/** bm25 (k1 1.2, b 0.75, titles weighted 10 to 1) with a constant IDF, over a few hundred candidates. */
function rankRecent(rows: Array<{ id: number; title: string; body: string }>, parsed: ParsedSearch): Candidate[] {
  const wanted = new Set(
    parsed.terms
      .flat()
      .flatMap((w) => fold(w).split(WORD_SPLIT))
      .filter(Boolean),
  );
  const docs = rows.map((r) => ({
    id: r.id,
    text: r.body || r.title,
    title: termCounts(r.title, wanted),
    body: termCounts(r.body, wanted),
  }));
  const average = (key: "title" | "body") =>
    docs.reduce((n, d) => n + d[key].length, 0) / Math.max(1, docs.length) || 1;
  const avgTitle = average("title");
  const avgBody = average("body");
  const part = (field: { counts: Map<string, number>; length: number }, avg: number) => {
    let sum = 0;
    for (const tf of field.counts.values()) sum += (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * field.length) / avg));
    return sum;
  };
  return docs
    .map((d) => ({ id: d.id, text: d.text, score: -(10 * part(d.title, avgTitle) + part(d.body, avgBody)) }))
    .sort((a, b) => a.score - b.score || b.id - a.id);
}
