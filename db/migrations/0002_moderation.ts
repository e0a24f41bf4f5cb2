import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Who locked a thread: a story's author may reopen replies they closed, never a moderator's lock.
  await db.schema
    .alterTable("threads")
    .addColumn("locked_by", "integer", (c) => c.references("members.id"))
    .execute();
  await db.schema.createIndex("flags_post_idx").on("flags").columns(["post_id", "resolved_at"]).execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["action", "created_at"]).execute();
  await db.schema.createIndex("threads_pinned_idx").on("threads").columns(["kind", "pinned_at"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
