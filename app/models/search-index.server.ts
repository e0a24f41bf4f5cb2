import { sql } from "kysely";
import { localTopic, threadTitle } from "~/lib/seeded-content";
import { getDb, searchDialect, type Executor } from "~db/client.server";
import type { SearchQuery } from "~db/search/dialect";
import type { ThreadKind } from "~db/schema";
import { htmlToPlainText } from "~/lib/markdown.server";
import {
  basesOf,
  completionsOf,
  editDistance,
  foldText,
  formatSearchQuery,
  makeSnippet,
  type ParsedSearch,
  WORD_SPLIT,
} from "~/lib/search-query";
import { rankRecent, type RankedText } from "~/lib/search-ranking";
import { isPubliclyWithheld } from "./round-visibility.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// What the app asks of search: rows kept in line with what visitors see (indexPost / removeFromIndex /
// reindexThread, inside the write's transaction), ranked searches (searchPosts) and "did you mean"
// (suggestSearch). lib/search-query parses what people type; how an engine matches and ranks is db/search/
// (FTS5 or tsvector, docs/decisions/0025); the table, the vocabulary and every other query are shared.

/**
 * The engine's form of a parsed search. A last word that may be unfinished matches itself, any word it may be
 * the start of (completionsOf: each engine stems them, "organiz" finds "organizing", stored as "organ") and,
 * when `openPrefix`, the start of any indexed term.
 */
export function searchQueryOf(parsed: ParsedSearch, { openPrefix = true } = {}): SearchQuery {
  const last = parsed.terms[parsed.terms.length - 1];
  return {
    terms: parsed.terms,
    partialLast: parsed.prefixLast && last ? { completions: completionsOf(last[0]!), openPrefix } : null,
  };
}

/** Beyond these, `word*` is left out (the completions stay): FTS5 merges every term it matches, up front. */
const PREFIX_MAX_TERMS = 50;
const PREFIX_MAX_DOCUMENTS = 50_000;

/**
 * The query for a search, with the partial last word's open prefix only where few terms start with it: "the*"
 * (then, there, their, theory…) merges thousands of doclists before the first row (1.4 s on 200,000 posts),
 * "organiz*" a handful. One bounded range read of the vocabulary (at most 51 terms). The range starts at the
 * word less any English ending, as FTS5 stems the prefix too ("organizing*" is "organ*"). Then prepared for the
 * engine (SearchDialect.prepare).
 */
async function matchFor(db: Executor, parsed: ParsedSearch): Promise<SearchQuery> {
  const last = parsed.terms[parsed.terms.length - 1];
  if (!parsed.prefixLast || !last) return searchDialect().prepare(db, searchQueryOf(parsed));
  const start = basesOf(foldText(last[0]!)).reduce((a, b) => (b.base.length < a.base.length ? b : a)).base;
  const openPrefix = await isNarrowPrefix(db, start);
  return searchDialect().prepare(db, searchQueryOf(parsed, { openPrefix }));
}

/**
 * Whether few terms and documents start with `start`. On SQLite the vocabulary counts each term's documents by
 * walking its doclist, so for a common word ("commun", in 490,000 of 500,000 posts) the read alone took 7 ms, more
 * than the whole search: the answer is kept for PREFIX_DECISION_MS, for up to PREFIX_DECISIONS starts (each at
 * most 60 letters), oldest out first. What it decides is only whether longer words starting with the typed
 * one match too; a word that turns common meanwhile costs at most that long (docs/decisions/0035).
 */
async function isNarrowPrefix(db: Executor, start: string): Promise<boolean> {
  const now = Date.now();
  const known = prefixDecisions.get(start);
  if (known && known.until > now) return known.narrow;
  const terms = await sql<{
    doc: number;
  }>`SELECT doc FROM search_vocab WHERE term >= ${start} AND term < ${start + "\u{10ffff}"} LIMIT ${PREFIX_MAX_TERMS + 1}`.execute(
    db,
  );
  const documents = terms.rows.reduce((sum, r) => sum + r.doc, 0);
  const narrow = terms.rows.length <= PREFIX_MAX_TERMS && documents <= PREFIX_MAX_DOCUMENTS;
  prefixDecisions.delete(start);
  if (prefixDecisions.size >= PREFIX_DECISIONS) prefixDecisions.delete(prefixDecisions.keys().next().value!);
  prefixDecisions.set(start, { narrow, until: now + PREFIX_DECISION_MS });
  return narrow;
}

const PREFIX_DECISION_MS = 5 * 60 * 1000;
const PREFIX_DECISIONS = 2000;
const prefixDecisions = new Map<string, { narrow: boolean; until: number }>();

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

/** After an erasure, nothing of the deleted rows stays in the index's storage (see SearchDialect.compact). */
export async function compactSearchIndex(trx: Executor): Promise<void> {
  await searchDialect().compact(trx);
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
  /** Posts written in this language (lib/post-language); posts of unknown language drop out. */
  language?: string;
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
  // Per matched row (two index lookups), not NOT IN a list of every withheld post, which costs a scan of posts.
  const visible = sql`NOT EXISTS (SELECT 1 FROM posts wp WHERE wp.id = search_index.rowid AND ${isPubliclyWithheld("wp")})`;
  const conditions = [
    filters.kind ? sql`t.kind = ${filters.kind}` : null,
    filters.language ? sql`p.language = ${filters.language}` : null,
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
  const match = await matchFor(db, parsed);
  const search = searchDialect();
  const eligible = await eligibleRows(db, filters);
  if (!eligible) return { hits: [], hasMore: false, limitedToRecent: null };
  let candidates: RankedText[];
  let limitedToRecent: number | null = null;
  if (await search.matchesMoreThan(db, match, rankAllMax())) {
    // A common word: its newest matches within the filters, ranked here.
    const rows = (
      await sql<{
        id: number;
        title: string;
        body: string;
      }>`SELECT rowid AS id, title, body FROM search_index WHERE ${search.matches(match)} AND ${eligible} ORDER BY rowid DESC LIMIT ${recentCandidates() + 1}`.execute(
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
      }>`SELECT rowid AS id, ${search.rank(match)} AS score, title, body FROM search_index WHERE ${search.matches(match)} AND ${eligible} ORDER BY score, rowid DESC`.execute(
        db,
      )
    ).rows.map((r) => ({ id: r.id, score: r.score, text: r.body || r.title }));
  }
  if (!candidates.length) return { hits: [], hasMore: false, limitedToRecent };

  // What the page shows of each candidate (the filters were applied above), in the ranking's order, read for as
  // many candidates as this page and "more results" need: the index holds only what visitors see, so nearly
  // every candidate passes, and one read of 21 rows replaces one of 300 (a common word's, 1 ms).
  const offset = (page - 1) * RESULTS_PER_PAGE;
  const needed = offset + RESULTS_PER_PAGE + 1;
  const ranked: RankedText[] = [];
  const rowsById = new Map<number, ShownRow>();
  for (let next = 0; next < candidates.length && ranked.length < needed;) {
    const chunk = candidates.slice(next, next + needed - ranked.length);
    next += chunk.length;
    const rows = await shownRows(
      db,
      chunk.map((c) => c.id),
    );
    for (const row of rows) rowsById.set(row.post_id, row);
    ranked.push(...chunk.filter((c) => rowsById.has(c.id)));
  }
  const pageItems = ranked.slice(offset, offset + RESULTS_PER_PAGE);
  const threadIds = [...new Set(pageItems.map((c) => rowsById.get(c.id)!.thread_id))];
  const topics = threadIds.length
    ? await db
        .selectFrom("thread_tags")
        .innerJoin("tags", "tags.id", "thread_tags.tag_id")
        .select(["thread_tags.thread_id", "tags.slug", "tags.name"])
        .where("thread_tags.thread_id", "in", threadIds)
        .orderBy("tags.sort_key")
        .orderBy("tags.id")
        .execute()
    : [];
  return {
    hits: pageItems.map((c) => {
      const r = rowsById.get(c.id)!;
      return {
        postId: r.post_id,
        isOpening: r.depth === 0,
        // A seeded prompt and seeded topics read in the reader's language while unedited (decision 0039).
        thread: { id: r.thread_id, slug: r.slug, title: threadTitle(r.kind, r.title), kind: r.kind },
        author: { handle: r.handle, displayName: r.display_name },
        createdAt: r.created_at,
        snippet: makeSnippet(c.text, parsed),
        topics: topics
          .filter((t) => t.thread_id === r.thread_id)
          .map((t) => localTopic({ slug: t.slug, name: t.name })),
      };
    }),
    hasMore: ranked.length > offset + RESULTS_PER_PAGE,
    limitedToRecent,
  };
}

interface ShownRow {
  post_id: number;
  depth: number;
  thread_id: number;
  slug: string;
  title: string;
  kind: ThreadKind;
  handle: string;
  display_name: string;
  created_at: number;
}

/** Of these posts, those shown to visitors, with what a result shows of them. */
async function shownRows(db: Executor, postIds: number[]): Promise<ShownRow[]> {
  const { rows } = await sql<ShownRow>`
    SELECT p.id AS post_id, p.depth, t.id AS thread_id, t.slug, t.title, t.kind, m.handle, m.display_name, p.created_at
    FROM posts p
    JOIN threads t ON t.id = p.thread_id
    JOIN members m ON m.id = p.author_id
    WHERE p.id IN (${sql.join(postIds)})
      AND ${postShownTo("p")} AND ${threadShownTo("t")}`.execute(db);
  return rows;
}

/** Words of a query that "did you mean" tries to correct, and terms it compares each with (docs/decisions/0023). */
const MAX_CORRECTED_WORDS = 3;
const MAX_CANDIDATE_TERMS = 1000;

/**
 * "Did you mean": when a search finds nothing, each word that matches nothing is replaced by the closest term
 * of the index's own vocabulary (search_vocab over the stems), and the corrected query is offered only if it
 * finds something a visitor may see. The vocabulary holds every indexed row's words, including answers a round
 * still withholds, so a term is never offered on its own say: the corrected search runs through searchPosts,
 * with every visibility rule and the same filters. Bounded work: at most 3 words, each compared with at most
 * 1,000 terms that start with its first two letters (one range read of the vocabulary), and one more search.
 */
export async function suggestSearch(parsed: ParsedSearch, filters: SearchFilters): Promise<string | null> {
  const db = getDb();
  const corrected = parsed.terms.map((words) => [...words]);
  const endings = new Map<number, string>();
  let changed = false;
  let tried = 0;
  for (const [i, words] of parsed.terms.entries()) {
    if (tried >= MAX_CORRECTED_WORDS) break;
    const word = words.length === 1 ? foldText(words[0]!) : "";
    // Phrases are kept as typed; numbers and very short words are not guessed at.
    if (word.length < 3 || /\d/.test(word)) continue;
    const alone: ParsedSearch = {
      terms: [words],
      truncated: false,
      prefixLast: parsed.prefixLast && i === corrected.length - 1,
    };
    if (await searchDialect().matchesMoreThan(db, await matchFor(db, alone), 0)) continue;
    tried++;
    const closest = await closestTerm(word);
    if (closest) {
      corrected[i] = [closest.term];
      endings.set(i, closest.ending);
      changed = true;
    }
  }
  if (!changed) return null;
  const correctedSearch: ParsedSearch = { terms: corrected, truncated: false, prefixLast: false };
  const results = await searchPosts(correctedSearch, filters, 1);
  const first = results.hits[0];
  if (!first) return null;
  // The vocabulary holds stems ("chang"): a word typed with an ending gets it back ("changes"), else the word
  // is offered as the first match writes it.
  const written = first.snippet
    .filter((piece) => piece.hit)
    .flatMap((piece) => piece.text.toLowerCase().split(WORD_SPLIT))
    .filter(Boolean);
  const readable = corrected.map((words, i) => {
    const ending = endings.get(i);
    if (ending === undefined) return words;
    if (ending) return [words[0]! + ending];
    return [written.find((w) => foldText(w).startsWith(words[0]!)) ?? words[0]!];
  });
  return formatSearchQuery(readable);
}

/**
 * The vocabulary term nearest a word or the word without an ending (1 edit for words up to 4 letters, else 2),
 * commoner terms first on ties, and the ending it was compared without.
 */
async function closestTerm(word: string): Promise<{ term: string; ending: string } | null> {
  const start = word.slice(0, 2);
  const end = start.slice(0, -1) + String.fromCodePoint(start.codePointAt(start.length - 1)! + 1);
  const candidates = await sql<{
    term: string;
    doc: number;
  }>`SELECT term, doc FROM search_vocab WHERE term >= ${start} AND term < ${end} LIMIT ${MAX_CANDIDATE_TERMS}`.execute(
    getDb(),
  );
  const max = word.length <= 4 ? 1 : 2;
  const bases = basesOf(word);
  let best: { term: string; ending: string; distance: number; doc: number } | null = null;
  for (const { term, doc } of candidates.rows) {
    for (const { base, ending } of bases) {
      if (term === base) continue;
      const distance = editDistance(base, term, max);
      if (distance > max) continue;
      if (!best || distance < best.distance || (distance === best.distance && doc > best.doc)) {
        best = { term, ending, distance, doc };
      }
    }
  }
  return best ? { term: best.term, ending: best.ending } : null;
}
