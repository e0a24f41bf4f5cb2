import { type Kysely, sql } from "kysely";
import type { SearchDialect, SearchQuery } from "./dialect";

// SQLite FTS5 (table search_index, migrations 0003 and 0016: porter stems over unicode61 with diacritics
// folded, docs/decisions/0023).

/**
 * FTS5 syntax for a query: every word quoted (so it is never an operator), phrases kept together. A partial
 * last word matches itself, its completions (FTS5 stems each: "organiz" finds "organizing", stored as
 * "organ") and, when `openPrefix`, the start of any term.
 */
export function toFts5Query(query: SearchQuery): string {
  const last = query.terms.length - 1;
  const quote = (text: string) => `"${text.replace(/"/g, "")}"`;
  return query.terms
    .map((words, i) => {
      const quoted = quote(words.join(" "));
      if (!query.partialLast || i !== last) return quoted;
      const { completions, openPrefix } = query.partialLast;
      return `(${[quoted, ...(openPrefix ? [`${quoted}*`] : []), ...completions.map(quote)].join(" OR ")})`;
    })
    .join(" AND "); // explicit: FTS5 refuses an implicit AND before a bracket
}

export const fts5Search: SearchDialect = {
  prepare: async (_db, query) => query,
  matches: (query) => sql<boolean>`search_index MATCH ${toFts5Query(query)}`,
  async matchesMoreThan(db, query, n) {
    // Newest first: FTS5 walks its doclists in rowid order either way, and stops at the (n + 1)th match.
    const { rows } =
      await sql`SELECT rowid FROM search_index WHERE ${fts5Search.matches(query)} ORDER BY rowid DESC LIMIT 1 OFFSET ${n}`.execute(
        db,
      );
    return rows.length > 0;
  },
  rank: () => sql<number>`bm25(search_index, 10.0, 1.0)`,
  async compact(db: Kysely<any>) {
    // Rewrites the index as one segment, leaving out deleted rows' entries: about 1 s per 100,000 posts, so
    // it runs for erasures only (docs/decisions/0016).
    await sql`INSERT INTO search_index(search_index) VALUES ('optimize')`.execute(db);
  },
};
