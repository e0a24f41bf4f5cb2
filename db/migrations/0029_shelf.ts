import { type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// The shelf (issue 19, docs/decisions/0044): a resource is a thread of kind "resource" (threads.kind is text,
// so the new kind needs no change there) with one row here for what only a resource has:
// - link_url: the address the member wrote, shown as text with its host and never fetched; NULL when the
//   resource is a file attached to its opening post (the uploads rules, decision 0036);
// - resource_type: training, article, toolkit, network, funder or other;
// - audience (who it is for, a short line), cost (free, low-cost, paid), language (a BCP 47 code);
// - checked_at / checked_by: when a moderator last checked it is still there, still free, still relevant.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("resources")
    .addColumn("thread_id", "integer", (c) => c.primaryKey().references("threads.id"))
    .addColumn("link_url", "text")
    .addColumn("resource_type", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cost", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("checked_at", "bigint")
    .addColumn("checked_by", "integer", (c) => c.references("members.id"))
    .execute();
  await db.schema.createIndex("resources_type_idx").on("resources").columns(["resource_type", "thread_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
