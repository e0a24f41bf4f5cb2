import { type Kysely, sql } from "kysely";

// Frozen in time: this migration never imports application code.
// SQLite FTS5 full-text index over thread titles and post bodies (plain text), one row per post, rowid = post
// id. Diacritics fold ("organizacion" finds "organización"). The vocabulary table gives each term's document
// count, which the search uses to treat very common words differently.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_index, 'row')`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
