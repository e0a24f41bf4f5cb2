import { type Kysely, sql } from "kysely";

// Frozen in time: this migration never imports application code.
// Thread lists walk an index in their own order instead of sorting every candidate (docs/decisions/0032):
// - pinned threads, in the order they were pinned, lead a topic's first page: a partial index holds only them;
// - the home page's recent stories and active discussions are one kind, newest first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("threads_pinned_order_idx")
    .on("threads")
    .columns(["pinned_at", "id"])
    .where(sql.ref("pinned_at"), "is not", null)
    .execute();
  await db.schema.createIndex("threads_kind_created_idx").on("threads").columns(["kind", "created_at", "id"]).execute();
  await db.schema
    .createIndex("threads_kind_activity_idx")
    .on("threads")
    .columns(["kind", "last_activity_at", "id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
