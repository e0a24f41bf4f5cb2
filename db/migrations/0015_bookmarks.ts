import type { Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Save for later (issue 14, docs/decisions/0022): a member's bookmarks, one row per saved post. Saving a thread
// saves its opening post, so one column covers both. Rows are never deleted when their post is hidden or
// removed: /saved filters them through the visibility rules as it reads them, so a restored post comes back.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("bookmarks")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  // One bookmark per member and post; the index also serves "/saved" (a member's, newest first) and the count.
  await db.schema
    .createIndex("bookmarks_member_post_idx")
    .on("bookmarks")
    .columns(["member_id", "post_id"])
    .unique()
    .execute();
  await db.schema.createIndex("bookmarks_member_id_idx").on("bookmarks").columns(["member_id", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
