import type { Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Roundtable by email (issue 20, docs/decisions/0040): every inbound message, by its Message-ID, is handled
// once however often a mail server delivers it. The row is written in the same transaction as what the
// message became (a reply, or the queued answer explaining a refusal).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("inbound_mail")
    .addColumn("id", "integer", generatedId(db))
    // The Message-ID as received (angle brackets kept); a message without one gets a digest of its bytes.
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("received_at", "bigint", (c) => c.notNull())
    // posted | refused | ignored (auto-replies and bounces, never answered)
    .addColumn("outcome", "text", (c) => c.notNull())
    // Why a message was refused or ignored (a short code: "expired", "auto-reply"...).
    .addColumn("reason", "text")
    // The member the message spoke for, when one was known; the post it became.
    .addColumn("member_id", "integer", (c) => c.references("members.id").onDelete("set null"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id").onDelete("set null"))
    .execute();
  // The answers' rate limit counts a member's recent refusals.
  await db.schema
    .createIndex("inbound_mail_member_idx")
    .on("inbound_mail")
    .columns(["member_id", "received_at"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
