import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Search filters by date (docs/decisions/0007): the posts written in a date range are found from this index,
// which gives the range of post ids the full-text walk needs to visit, instead of a scan of every post.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("posts_created_idx").on("posts").columns(["created_at", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
