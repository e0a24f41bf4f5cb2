import { type Kysely, sql } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Pictures and files (issue 17, docs/decisions/0036):
// - uploads: one row per file a member sent, after processing; `hash` names the file that is served
//   (/uploads/<hash>.<ext>), `thumb_hash` its thumbnail. A profile picture is an upload whose purpose is
//   "avatar" (at most one live one a member); every other upload is for posts.
// - post_uploads: which uploads a post's words (any version of them) show, written when the post is saved.
//   Whether a file may be served is whether one of those posts may be shown.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("uploads")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addColumn("ext", "text", (c) => c.notNull())
    .addColumn("byte_size", "integer", (c) => c.notNull())
    .addColumn("received_bytes", "integer", (c) => c.notNull())
    .addColumn("width", "integer")
    .addColumn("height", "integer")
    .addColumn("thumb_hash", "text")
    .addColumn("thumb_ext", "text")
    .addColumn("thumb_width", "integer")
    .addColumn("thumb_height", "integer")
    .addColumn("original_name", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("removed_at", "bigint")
    .addColumn("removed_by", "integer", (c) => c.references("members.id"))
    .execute();
  await db.schema.createIndex("uploads_hash_idx").on("uploads").column("hash").execute();
  await db.schema.createIndex("uploads_thumb_hash_idx").on("uploads").column("thumb_hash").execute();
  await db.schema
    .createIndex("uploads_member_created_idx")
    .on("uploads")
    .columns(["member_id", "created_at"])
    .execute();
  // One live profile picture a member: the partial unique index keeps it so under any race.
  await db.schema
    .createIndex("uploads_one_avatar_idx")
    .on("uploads")
    .column("member_id")
    .unique()
    .where(sql.ref("purpose"), "=", "avatar")
    .execute();

  await db.schema
    .createTable("post_uploads")
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("upload_id", "integer", (c) => c.notNull().references("uploads.id"))
    .addPrimaryKeyConstraint("post_uploads_pk", ["post_id", "upload_id"])
    .execute();
  await db.schema.createIndex("post_uploads_upload_idx").on("post_uploads").columns(["upload_id", "post_id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
