import { type Kysely, sql } from "kysely";
import { byteOrdered, isPostgres } from "./portable";

// Frozen in time: this migration never imports application code.
// Lists ordered by text sort the same on both engines, and as people read them (docs/decisions/0027).
// - Topics get `sort_key`: the name lower-cased, without accents (written by the app beside the name; filled
//   in here for the topics before it), compared byte by byte on both engines. ORDER BY name followed SQLite's
//   byte order ("Zoning" before "affordable housing") and the PostgreSQL database's locale elsewhere.
// - On PostgreSQL, handles and topic slugs compare byte by byte too (COLLATE "C", SQLite's BINARY): the admin
//   member list pages by handle with a prefix range (`handle < 'ab~'`), which a language collation breaks, and
//   the account export lists topics by slug.

/** The app's sortKey (app/lib/sort-key.ts) as of this migration. */
function sortKey(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite adds a NOT NULL column only with a default; the app always writes the key (db/schema.ts requires it).
  await db.schema
    .alterTable("tags")
    .addColumn("sort_key", "text", (c) => byteOrdered(db)(c).notNull().defaultTo(""))
    .execute();
  const tags = await db.selectFrom("tags").select(["id", "name"]).execute();
  for (const tag of tags)
    await db
      .updateTable("tags")
      .set({ sort_key: sortKey(tag.name) })
      .where("id", "=", tag.id)
      .execute();
  if (isPostgres(db)) {
    await sql`ALTER TABLE members ALTER COLUMN handle TYPE text COLLATE "C"`.execute(db);
    await sql`ALTER TABLE tags ALTER COLUMN slug TYPE text COLLATE "C"`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
