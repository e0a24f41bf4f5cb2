import { type Kysely, type RawBuilder, sql } from "kysely";
import type { SearchDialect, SearchQuery } from "./dialect";

// PostgreSQL: search_index.document is a tsvector the database keeps from title (weight A) and body (B) with
// the "roundtable" configuration (unaccent, then English stems); a GIN index answers @@. Every word goes in as
// a value, never as tsquery syntax: phraseto_tsquery reads plain text, and a prefix is a quoted lexeme.
//
// The tsqueries are worked out once per search (prepare) and go into each query as constants. Built in the
// query from some 45 phraseto_tsquery calls (a partial last word and its completions), the tsquery cost twice:
// every row tested made the 45 calls anew, and the planner took each alternative for one more lexeme of 0.5%
// selectivity (it has statistics on common lexemes only), guessed that 21% of rows match "zephyrine" (5 in
// 500,000) and walked the primary key or read the whole table instead of using the GIN index. Matching now
// leaves out the alternatives that can match nothing, so the guess is that of the lexemes actually indexed.

function term(words: string[]): RawBuilder<unknown> {
  return sql`phraseto_tsquery('roundtable', ${words.join(" ")})`;
}

/** The tsquery built in SQL, as the engine reads it (used by prepare, and where a query is not prepared). */
function toTsQuery(query: SearchQuery): RawBuilder<unknown> {
  const last = query.terms.length - 1;
  const parts = query.terms.map((words, i) => {
    if (!query.partialLast || i !== last) return term(words);
    const { completions, openPrefix } = query.partialLast;
    const alternatives = [
      term(words),
      ...(openPrefix ? [sql`to_tsquery('roundtable', quote_literal(${words[0]!}) || ':*')`] : []),
      ...completions.map((c) => term([c])),
    ];
    return sql`(${sql.join(alternatives, sql` || `)})`;
  });
  return sql`(${sql.join(parts, sql` && `)})`;
}

/** The tsquery to match with, or to rank by: a prepared query's constant, else built in SQL. */
const tsQuery = (query: SearchQuery, use: "match" | "rank") =>
  query.prepared ? sql`${query.prepared[use]}::tsquery` : toTsQuery(query);

/**
 * Works out the two tsqueries of a search in one round trip. To rank by: toTsQuery's, as text, so ts_rank
 * scores exactly as before. To match with: the same terms, with the partial last word's alternatives stemmed
 * one by one and only those kept that can match anything: not empty (a stop word, which && and || leave out
 * anyway), not a repeat, and every lexeme in the vocabulary (search_vocab, kept in the same transactions as
 * the index), or for the prefix some lexeme starting with it. The same rows match; when no alternative can
 * match, one is kept, and nothing matches, as before.
 */
async function prepare(db: Kysely<any>, query: SearchQuery): Promise<SearchQuery> {
  const last = query.terms.length - 1;
  const phrases = query.terms.map((words) => words.join(" "));
  const partial = query.partialLast;
  // The partial last word itself, then its completions: toTsQuery's order.
  const alternatives = partial ? [phrases[last]!, ...partial.completions] : [];
  const prefix = partial?.openPrefix ? query.terms[last]![0]! : null;
  const { rows } = await sql<{
    rank: string;
    terms: string[];
    alternatives: string[];
    found: boolean[];
    prefix: string | null;
    prefix_found: boolean;
  }>`
    WITH alternative AS (
      SELECT i, phraseto_tsquery('roundtable', w)::text AS q,
        NOT EXISTS (
          SELECT 1 FROM unnest(tsvector_to_array(to_tsvector('roundtable', w))) AS l(lexeme)
          WHERE NOT EXISTS (SELECT 1 FROM search_vocab v WHERE v.term = l.lexeme)
        ) AS found
      FROM unnest(${alternatives}::text[]) WITH ORDINALITY AS t(w, i)
    )
    SELECT ${toTsQuery(query)}::text AS rank,
      array(SELECT phraseto_tsquery('roundtable', w)::text FROM unnest(${phrases}::text[]) WITH ORDINALITY AS t(w, i) ORDER BY i) AS terms,
      array(SELECT q FROM alternative ORDER BY i) AS alternatives,
      array(SELECT found FROM alternative ORDER BY i) AS found,
      to_tsquery('roundtable', quote_literal(${prefix}::text) || ':*')::text AS prefix,
      (SELECT count(*) <> 1 OR bool_and(EXISTS (
          SELECT 1 FROM search_vocab v WHERE v.term >= l.lexeme AND v.term < l.lexeme || chr(1114111)))
        FROM unnest(tsvector_to_array(to_tsvector('roundtable', ${prefix}::text))) AS l(lexeme)) AS prefix_found`.execute(
    db,
  );
  const r = rows[0]!;
  const groups = r.terms.map((text, i) => {
    if (!partial || i !== last) return text;
    const candidates = r.alternatives.map((q, j) => ({ q, found: r.found[j]! }));
    if (r.prefix !== null) candidates.splice(1, 0, { q: r.prefix, found: r.prefix_found });
    const nonEmpty = candidates.filter((c) => c.q !== "");
    const kept = nonEmpty.filter((c) => c.found);
    const distinct = [...new Set((kept.length ? kept : nonEmpty.slice(0, 1)).map((c) => c.q))];
    return distinct.length === 1 ? distinct[0]! : distinct.map((q) => `(${q})`).join(" | ");
  });
  const match = groups
    .filter((g) => g !== "")
    .map((g) => `(${g})`)
    .join(" & ");
  return { ...query, prepared: { match, rank: r.rank } };
}

export const tsvectorSearch: SearchDialect = {
  prepare,
  matches: (query) => sql<boolean>`search_index.document @@ ${tsQuery(query, "match")}`,
  async matchesMoreThan(db, query, n) {
    // Asked as "the (n + 1)th match, newest first", the planner walks the primary key backwards testing every
    // row whenever it guesses matches are common enough to meet n + 1 soon: for a rare word, the whole table
    // (0.33 s on 500,000 posts). Its guess for a word it has no statistics on is 0.5%, a prefix more, so a
    // rare word's is often thousands of rows. The matches as a MATERIALIZED CTE are planned for all of them
    // (the GIN index, unless the word is in most rows: then a sequential scan) and read lazily, so the count
    // stops at n + 1 either way.
    const { rows } = await sql<{ n: number }>`
      WITH matched AS MATERIALIZED (SELECT rowid FROM search_index WHERE ${tsvectorSearch.matches(query)})
      SELECT count(*)::int AS n FROM (SELECT 1 FROM matched LIMIT ${n + 1}) AS first`.execute(db);
    return rows[0]!.n > n;
  },
  // ts_rank grows with relevance; negated so that lower comes first, as bm25's does. Weights D, C, B, A.
  rank: (query) => sql<number>`-ts_rank('{0.1, 0.1, 0.1, 1.0}', search_index.document, ${tsQuery(query, "rank")})`,
  async compact() {},
};
