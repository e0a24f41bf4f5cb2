import { type Kysely, sql } from "kysely";

// Frozen in time: this migration never imports application code.
// A post's language (issue 18, docs/decisions/0038): a BCP 47 code ("en", "es", "ko"...) the writer chose in
// the composer, checked by the application against its list. NULL means unknown: every post written before
// this migration (nothing is guessed or backfilled). A thread carries its opening post's language too, so a
// list filtered by language reads the threads table alone (docs/decisions/0032), walking one of two partial
// indexes in the list's own order: newest first or most recently active first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("posts").addColumn("language", "text").execute();
  await db.schema.alterTable("threads").addColumn("language", "text").execute();
  await db.schema
    .createIndex("threads_language_created_idx")
    .on("threads")
    .columns(["language", "created_at", "id"])
    .where(sql.ref("language"), "is not", null)
    .execute();
  await db.schema
    .createIndex("threads_language_activity_idx")
    .on("threads")
    .columns(["language", "last_activity_at", "id"])
    .where(sql.ref("language"), "is not", null)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
