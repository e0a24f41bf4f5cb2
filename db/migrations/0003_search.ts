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
// search_vocab (term, doc) is kept by a trigger in the same transaction, as FTS5's vocabulary table is: how
// many rows hold each stem, read by a prefix's cost check and by "did you mean".
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
  await sql`CREATE TABLE search_vocab (term text COLLATE "C" PRIMARY KEY, doc integer NOT NULL)`.execute(db);
  // Lexemes come sorted out of a tsvector, so concurrent writers lock vocabulary rows in one order.
  await sql`CREATE FUNCTION search_vocab_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO search_vocab (term, doc) SELECT lexeme, 1 FROM unnest(NEW.document)
          ON CONFLICT (term) DO UPDATE SET doc = search_vocab.doc + 1;
        RETURN NEW;
      END IF;
      UPDATE search_vocab SET doc = doc - 1 WHERE term IN (SELECT lexeme FROM unnest(OLD.document));
      DELETE FROM search_vocab WHERE doc <= 0 AND term IN (SELECT lexeme FROM unnest(OLD.document));
      RETURN OLD;
    END $$`.execute(db);
  await sql`CREATE TRIGGER search_vocab_count AFTER INSERT OR DELETE ON search_index
    FOR EACH ROW EXECUTE FUNCTION search_vocab_count()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
