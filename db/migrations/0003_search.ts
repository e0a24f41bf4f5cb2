import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable";

// Frozen in time: this migration never imports application code.
// SQLite FTS5 full-text index over thread titles and post bodies (plain text), one row per post, rowid = post
// id. Diacritics fold ("organizacion" finds "organización"). The vocabulary table gives each term's document
// count, which the search uses to treat very common words differently.
//
// PostgreSQL has no FTS5: the same table (rowid = post id, title, body) carries a tsvector kept by the database
// itself (a generated column, so it changes in the write's own transaction) with a GIN index. The text search
// configuration "roundtable" folds accents (unaccent) and stems English; "roundtable_simple" folds accents only.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return createPostgresSearch(db);
  await sql`CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row')`.execute(db);
}

async function createPostgresSearch(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE TEXT SEARCH CONFIGURATION roundtable (COPY = english)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION roundtable
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem`.execute(db);
  await sql`CREATE TEXT SEARCH CONFIGURATION roundtable_simple (COPY = simple)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION roundtable_simple
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`.execute(db);
  await sql`CREATE TABLE search_index (
    rowid integer PRIMARY KEY,
    title text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    document tsvector GENERATED ALWAYS AS (
      setweight(to_tsvector('roundtable', title), 'A') || setweight(to_tsvector('roundtable', body), 'B')
    ) STORED
  )`.execute(db);
  await sql`CREATE INDEX search_index_document_idx ON search_index USING gin (document)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
