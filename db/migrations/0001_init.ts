import type { Kysely } from "kysely";
import { byteOrdered, generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Times are integer milliseconds since the epoch; booleans are 0/1 integers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("members")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("handle", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("member"))
    .addColumn("organization", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("location", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("bio_source", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("bio_html", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("password_changed_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    // SHA-256 (hex) of the token in the member's cookie; the token itself is never stored.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_member_idx").on("sessions").column("member_id").execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("thread_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_activity_at", "bigint")
    // Set when a moderator merges this topic into another: its URL then redirects there.
    .addColumn("merged_into_id", "integer", (c) => c.references("tags.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("member_fields")
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id"))
    .addPrimaryKeyConstraint("member_fields_pk", ["member_id", "tag_id"])
    .execute();

  await db.schema
    .createTable("threads")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("author_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_activity_at", "bigint", (c) => c.notNull())
    // Counters over visible replies only; they change in the transaction that changes the replies.
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("helpful_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("pinned_at", "bigint")
    .addColumn("featured_at", "bigint")
    .addColumn("locked_at", "bigint")
    .addColumn("lock_reason", "text")
    .addColumn("hidden_at", "bigint")
    .addColumn("hidden_by", "integer", (c) => c.references("members.id"))
    .addColumn("hidden_reason", "text")
    .addColumn("hidden_note", "text")
    .addColumn("deleted_at", "bigint")
    .execute();
  await db.schema.createIndex("threads_activity_idx").on("threads").columns(["last_activity_at", "id"]).execute();
  await db.schema.createIndex("threads_created_idx").on("threads").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("threads_author_idx").on("threads").columns(["author_id", "created_at"]).execute();

  await db.schema
    .createTable("thread_tags")
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id"))
    .addPrimaryKeyConstraint("thread_tags_pk", ["thread_id", "tag_id"])
    .execute();
  await db.schema.createIndex("thread_tags_tag_idx").on("thread_tags").columns(["tag_id", "thread_id"]).execute();

  await db.schema
    .createTable("posts")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("members.id"))
    // The opening post of a thread has no parent and depth 0; replies hang below it.
    .addColumn("parent_id", "integer", (c) => c.references("posts.id"))
    .addColumn("depth", "integer", (c) => c.notNull())
    // Materialized path: fixed-width base-36 ids of the reply's ancestors and itself, so ORDER BY path is
    // threaded order and a top-level reply's subtree is one index range.
    .addColumn("path", "text", (c) => byteOrdered(db)(c).notNull())
    .addColumn("body_source", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("helpful_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("descendant_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("deleted_at", "bigint")
    .addColumn("hidden_at", "bigint")
    .addColumn("hidden_by", "integer", (c) => c.references("members.id"))
    .addColumn("hidden_reason", "text")
    .addColumn("hidden_note", "text")
    .execute();
  await db.schema.createIndex("posts_thread_path_idx").on("posts").columns(["thread_id", "path"]).execute();
  await db.schema.createIndex("posts_thread_depth_idx").on("posts").columns(["thread_id", "depth", "id"]).execute();
  await db.schema.createIndex("posts_author_idx").on("posts").columns(["author_id", "created_at"]).execute();
  await db.schema.createIndex("posts_parent_idx").on("posts").column("parent_id").execute();

  await db.schema
    .createTable("post_revisions")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("editor_id", "integer", (c) => c.notNull().references("members.id"))
    // The version that this edit replaced: source, and for an opening post the thread title then.
    .addColumn("body_source", "text", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("post_revisions_post_idx").on("post_revisions").columns(["post_id", "id"]).execute();

  await db.schema
    .createTable("post_reactions")
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("post_reactions_pk", ["post_id", "member_id"])
    .execute();
  await db.schema
    .createIndex("post_reactions_member_idx")
    .on("post_reactions")
    .columns(["member_id", "post_id"])
    .execute();

  await db.schema
    .createTable("drafts")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.references("threads.id"))
    .addColumn("parent_post_id", "integer", (c) => c.references("posts.id"))
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_source", "text", (c) => c.notNull().defaultTo(""))
    // Comma-separated tag slugs as the member chose them; validated when the draft is published.
    .addColumn("tag_slugs", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("drafts_member_idx").on("drafts").columns(["member_id", "updated_at"]).execute();

  await db.schema
    .createTable("flags")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("post_id", "integer", (c) => c.notNull().references("posts.id"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addColumn("resolved_by", "integer", (c) => c.references("members.id"))
    .addColumn("outcome", "text")
    .addUniqueConstraint("flags_once_per_member", ["post_id", "member_id"])
    .execute();
  await db.schema.createIndex("flags_open_idx").on("flags").columns(["resolved_at", "created_at"]).execute();
  await db.schema.createIndex("flags_member_idx").on("flags").columns(["member_id", "created_at"]).execute();

  await db.schema
    .createTable("suspensions")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("moderator_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("starts_at", "bigint", (c) => c.notNull())
    // NULL: indefinite.
    .addColumn("ends_at", "bigint")
    .addColumn("lifted_at", "bigint")
    .addColumn("lifted_by", "integer", (c) => c.references("members.id"))
    .execute();
  await db.schema.createIndex("suspensions_member_idx").on("suspensions").columns(["member_id", "starts_at"]).execute();

  await db.schema
    .createTable("member_notes")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("author_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("member_notes_member_idx")
    .on("member_notes")
    .columns(["member_id", "created_at"])
    .execute();

  // Append-only: the application has no code path that updates or deletes these rows.
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("actor_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "integer", (c) => c.notNull())
    .addColumn("subject_member_id", "integer", (c) => c.references("members.id"))
    .addColumn("reason", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("before_json", "text")
    .addColumn("after_json", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").columns(["created_at", "id"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_id", "created_at"]).execute();
  await db.schema
    .createIndex("audit_log_subject_idx")
    .on("audit_log")
    .columns(["subject_member_id", "created_at"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
