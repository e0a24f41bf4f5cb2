import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Leaving (issue 13, docs/decisions/0016): a deleted account keeps its row, so that every post, audit row and
// round answer that points at it still points somewhere, but the row says when it was deleted and holds
// nothing personal any more. Its handle is kept from others for a while, and its round answers leave every
// research output from then on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").addColumn("deleted_at", "bigint").execute();

  // The handles of deleted accounts, refused to anyone joining (or renaming) until reserved_until.
  await db.schema
    .createTable("reserved_handles")
    .addColumn("handle", "text", (c) => c.primaryKey())
    .addColumn("reserved_until", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("reserved_handles_until_idx").on("reserved_handles").column("reserved_until").execute();

  // Set when the answer's author deleted their account: the row stays (participant labels are numbered over
  // every answer ever given, so others' labels never move) but no export or synthesis holds it.
  await db.schema.alterTable("round_answers").addColumn("withdrawn_at", "bigint").execute();

  // "Download your data" pages through a member's revisions by id; without this, each page would scan them all.
  await db.schema.createIndex("post_revisions_editor_idx").on("post_revisions").columns(["editor_id", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
