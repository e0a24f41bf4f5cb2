import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable";

// Frozen in time: this migration never imports application code.
// Search finds what people type (issue 14, docs/decisions/0023): the index is rebuilt with FTS5's porter
// stemmer over the same unicode61 tokenizer with diacritics folded, so "listserv" finds "Listservs",
// "organizing" finds "organizer", and "organizacion" still finds "organización". The rows are copied from the
// old table, which stores the plain text the indexer wrote, so nothing is re-rendered here. The vocabulary
// table is made again over the new index: "did you mean" reads it.
//
// PostgreSQL's index (0003) stems English from the start, through its "roundtable" text search configuration.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`DROP TABLE IF EXISTS search_vocab`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_index_stemmed USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`INSERT INTO search_index_stemmed(rowid, title, body) SELECT rowid, title, body FROM search_index`.execute(
    db,
  );
  await sql`DROP TABLE search_index`.execute(db);
  await sql`ALTER TABLE search_index_stemmed RENAME TO search_index`.execute(db);
  await sql`INSERT INTO search_index(search_index) VALUES ('optimize')`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
