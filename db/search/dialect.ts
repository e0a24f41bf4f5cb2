import type { Kysely, RawBuilder, SqlBool } from "kysely";

// What differs between the engines' full-text search, behind one small interface (docs/decisions/0025). Both
// keep the same table, search_index (rowid = post id, title, body), written and read with the same SQL, and a
// vocabulary, search_vocab (term, doc: how many rows hold it); only matching and ranking are the engine's own.
// SQLite: FTS5 with porter stems over unicode61 (migrations 0003, 0016). PostgreSQL: a generated tsvector with
// a GIN index, accents folded by unaccent and English stemmed (migration 0003's PostgreSQL part).

/** A search as the engine needs it: what app/lib/search-query parsed, with the partial last word spelled out. */
export interface SearchQuery {
  /** Each a word or a phrase (its words in order); a row must hold every one. */
  terms: string[][];
  /**
   * The last term is one word that may be unfinished: it also matches these whole words (its likely
   * completions), and, with `openPrefix`, any word it is the start of.
   */
  partialLast: { completions: string[]; openPrefix: boolean } | null;
  /** The engine's own forms of the query (to match with, to rank by), when SearchDialect.prepare made them. */
  prepared?: { match: string; rank: string };
}

export interface SearchDialect {
  /**
   * Works out, once per search, what the engine's queries then use as it is: PostgreSQL stems the words and
   * passes the tsquery as a constant, which its planner can weigh (tsvector.ts); FTS5 needs nothing.
   */
  prepare(db: Kysely<any>, query: SearchQuery): Promise<SearchQuery>;
  /** A condition on a row of search_index: it matches the query. */
  matches(query: SearchQuery): RawBuilder<SqlBool>;
  /**
   * Whether more than `n` rows match, without reading them all: the probe of the common-word rule
   * (docs/decisions/0007), and "does anything match" for "did you mean" (n = 0).
   */
  matchesMoreThan(db: Kysely<any>, query: SearchQuery, n: number): Promise<boolean>;
  /** A row's relevance to the query, lower first (titles weigh ten times as much as bodies). */
  rank(query: SearchQuery): RawBuilder<number>;
  /**
   * After an erasure: nothing of deleted rows stays in the index's own storage (FTS5 keeps deleted words in
   * its segments until a merge; PostgreSQL's dead tuples go with the VACUUM that follows every erasure).
   */
  compact(db: Kysely<any>): Promise<void>;
}
