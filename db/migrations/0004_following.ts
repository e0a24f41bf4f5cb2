import type { Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("topic_follows")
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id"))
    // Whether the topic's new threads go into the member's email digest.
    .addColumn("in_digest", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("topic_follows_pk", ["member_id", "tag_id"])
    .execute();
  await db.schema.createIndex("topic_follows_tag_idx").on("topic_follows").columns(["tag_id", "member_id"]).execute();

  await db.schema
    .createTable("thread_follows")
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id"))
    // following | muted | stopped. A "stopped" row remembers the choice, so replying again does not re-follow.
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_follows_pk", ["member_id", "thread_id"])
    .execute();
  await db.schema
    .createIndex("thread_follows_thread_idx")
    .on("thread_follows")
    .columns(["thread_id", "level"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.references("threads.id"))
    .addColumn("post_id", "integer", (c) => c.references("posts.id"))
    .addColumn("actor_id", "integer", (c) => c.references("members.id"))
    .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .execute();
  await db.schema
    .createIndex("notifications_member_idx")
    .on("notifications")
    .columns(["member_id", "read_at", "id"])
    .execute();
  await db.schema
    .createIndex("notifications_post_idx")
    .on("notifications")
    .columns(["post_id", "kind", "member_id"])
    .execute();

  await db.schema
    .alterTable("members")
    .addColumn("digest_frequency", "text", (c) => c.notNull().defaultTo("none"))
    .execute();
  await db.schema
    .createTable("digest_sends")
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("period", "text", (c) => c.notNull())
    // The period's key, e.g. 2026-11-28 for a daily digest or 2026-W48 for a weekly one.
    .addColumn("period_key", "text", (c) => c.notNull())
    .addColumn("sent_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("digest_sends_pk", ["member_id", "period", "period_key"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
