import type { Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Email when someone answers you (issue 13, section 3; docs/decisions/0015): each member's choice for replies to
// their posts and mentions of them, and the durable queue every such email goes through.
export async function up(db: Kysely<any>): Promise<void> {
  // immediate | digest | never. Existing members get "immediate" too, like new ones (decision 0015 says why).
  await db.schema
    .alterTable("members")
    .addColumn("reply_alerts", "text", (c) => c.notNull().defaultTo("immediate"))
    .execute();

  await db.schema
    .createTable("mail_jobs")
    .addColumn("id", "integer", generatedId(db))
    // What the job sends ("reply-alert"); its composer reads `payload` (JSON) at send time.
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id").onDelete("cascade"))
    // Queued jobs of one member with the same group key go out as one email (a reply alert's: its thread).
    .addColumn("group_key", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    // The same email is never queued twice (a reply alert's: the member and the post).
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    // Not sent before this (the few minutes' grace of a reply alert).
    .addColumn("not_before", "bigint", (c) => c.notNull())
    // queued | sending | sent | skipped | failed | uncertain
    .addColumn("state", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    // When a queued job may next be claimed: not_before at first, then later by the backoff after a failure.
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_at", "bigint")
    .addColumn("claim_token", "text")
    // Set, with the email's Message-ID, just before the email is handed to the transport: a job found
    // "sending" without it never reached SMTP or the outbox.
    .addColumn("handed_at", "bigint")
    .addColumn("message_id", "text")
    .addColumn("sent_at", "bigint")
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("mail_jobs_due_idx").on("mail_jobs").columns(["state", "next_attempt_at"]).execute();
  await db.schema
    .createIndex("mail_jobs_group_idx")
    .on("mail_jobs")
    .columns(["member_id", "group_key", "state"])
    .execute();
  await db.schema.createIndex("mail_jobs_claim_idx").on("mail_jobs").columns(["claim_token"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
