import Database from "better-sqlite3";

// FTS5's own tokens (stems) for a few words, from FTS5 itself: an in-memory database of this process holds a
// one-column FTS5 table with search_index's tokenizer, and its fts5vocab 'instance' table lists each row's
// tokens. No JavaScript stemmer could promise to stem exactly as the SQLite build does; this is that build.
// The partial last word's ~45 alternatives stem to a handful of terms, and FTS5 reads a term's doclist once per
// alternative that names it (docs/decisions/0035), so the search keeps one alternative per term.

/** Tokens of this many alternative lists are kept (each at most ~50 words of at most 60 letters). */
const CACHE_MAX_BYTES = 1024 * 1024;

export class Fts5Tokens {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[number, string]>;
  readonly #read: Database.Statement<[], { doc: number; term: string }>;
  readonly #tokenize: (words: string[]) => string[][];
  readonly #cache = new Map<string, { tokens: string[][]; bytes: number }>();
  #cacheBytes = 0;

  /** `tokenize`: the tokenize option of the FTS5 table whose tokens these must be, as its CREATE states it. */
  constructor(tokenize: string) {
    this.#db = new Database(":memory:");
    this.#db.exec(
      `CREATE VIRTUAL TABLE words USING fts5(word, tokenize = '${tokenize.replace(/'/g, "''")}');` +
        "CREATE VIRTUAL TABLE word_tokens USING fts5vocab(words, 'instance');",
    );
    this.#insert = this.#db.prepare("INSERT INTO words(rowid, word) VALUES (?, ?)");
    this.#read = this.#db.prepare("SELECT doc, term FROM word_tokens ORDER BY doc, offset");
    const clear = this.#db.prepare("DELETE FROM words");
    this.#tokenize = this.#db.transaction((words: string[]) => {
      words.forEach((word, i) => this.#insert.run(i, word));
      const tokens = words.map((): string[] => []);
      for (const row of this.#read.all()) tokens[row.doc]!.push(row.term);
      clear.run();
      return tokens;
    });
  }

  /** Each word's tokens, in order (none for a word of symbols only). */
  tokensOf(words: string[]): string[][] {
    const key = words.join("\u0000");
    const cached = this.#cache.get(key);
    if (cached) {
      // Least recently used goes first: re-inserted on every use.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached.tokens;
    }
    const tokens = this.#tokenize(words);
    const bytes = 2 * (key.length + tokens.flat().join("").length) + 64 * (words.length + 1);
    for (const [oldest, entry] of this.#cache) {
      if (this.#cacheBytes + bytes <= CACHE_MAX_BYTES) break;
      this.#cache.delete(oldest);
      this.#cacheBytes -= entry.bytes;
    }
    if (bytes <= CACHE_MAX_BYTES) {
      this.#cache.set(key, { tokens, bytes });
      this.#cacheBytes += bytes;
    }
    return tokens;
  }
}

/** The tokenize option written in an FTS5 table's CREATE statement (sqlite_master.sql). */
export function tokenizeOption(createSql: string): string {
  const option = /tokenize\s*=\s*'((?:[^']|'')*)'/i.exec(createSql)?.[1];
  if (option === undefined) throw new Error(`No tokenize option in ${createSql}`);
  return option.replace(/''/g, "'");
}
