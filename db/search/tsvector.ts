import { type RawBuilder, sql } from "kysely";
import type { SearchDialect, SearchQuery } from "./dialect";

// PostgreSQL: search_index.document is a tsvector the database keeps from title (weight A) and body (B) with
// the "roundtable" configuration (unaccent, then English stems); a GIN index answers @@. Every word goes in as
// a value, never as tsquery syntax: phraseto_tsquery reads plain text, and a prefix is a quoted lexeme.

function term(words: string[]): RawBuilder<unknown> {
  return sql`phraseto_tsquery('roundtable', ${words.join(" ")})`;
}

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

export const tsvectorSearch: SearchDialect = {
  matches: (query) => sql<boolean>`search_index.document @@ ${toTsQuery(query)}`,
  // ts_rank grows with relevance; negated so that lower comes first, as bm25's does. Weights D, C, B, A.
  rank: (query) => sql<number>`-ts_rank('{0.1, 0.1, 0.1, 1.0}', search_index.document, ${toTsQuery(query)})`,
  async compact() {},
};
