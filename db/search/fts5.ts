import { type Kysely, sql } from "kysely";
import type { SearchDialect, SearchQuery } from "./dialect";
import { Fts5Tokens, tokenizeOption } from "./fts5-tokens";

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

/** One tokenizer per tokenize option (every database of a process has the same), found once per database. */
const tokenizers = new Map<string, Fts5Tokens>();
const tokenizerOf = new WeakMap<Kysely<any>, Fts5Tokens>();

async function tokensFor(db: Kysely<any>): Promise<Fts5Tokens> {
  const known = tokenizerOf.get(db);
  if (known) return known;
  const { rows } = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_index'`.execute(db);
  const option = tokenizeOption(rows[0]?.sql ?? "");
  const tokens = tokenizers.get(option) ?? new Fts5Tokens(option);
  tokenizers.set(option, tokens);
  tokenizerOf.set(db, tokens);
  return tokens;
}

/**
 * Keeps one of the partial last word's alternatives per term FTS5 would search for: "community", "communities"
 * and a dozen more are all "commun", and FTS5 reads the term's doclist (and, to rank, counts its documents)
 * once per alternative that names it, so a common word cost 40 times its doclist (docs/decisions/0035). Every
 * dropped alternative stems to the same tokens as one kept, so the same rows match.
 */
async function prepare(db: Kysely<any>, query: SearchQuery): Promise<SearchQuery> {
  if (!query.partialLast) return query;
  const typed = query.terms[query.terms.length - 1]!.join(" ");
  const { completions } = query.partialLast;
  const tokens = (await tokensFor(db)).tokensOf([typed, ...completions]);
  const seen = new Set([tokens[0]!.join(" ")]);
  const distinct = completions.filter((_, i) => {
    const key = tokens[i + 1]!.join(" ");
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...query, partialLast: { ...query.partialLast, completions: distinct } };
}

export const fts5Search: SearchDialect = {
  prepare,
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
