import { sql, type Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Rounds: the focus group, again and again. A round is a set of prompt threads open between two dates;
// answers are top-level replies to those threads, each with the member's consent to be quoted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rounds")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose_source", "text", (c) => c.notNull())
    .addColumn("purpose_html", "text", (c) => c.notNull())
    // Open from opens_at (inclusive) to closes_at (exclusive); the state is read from these, never stored.
    .addColumn("opens_at", "bigint", (c) => c.notNull())
    .addColumn("closes_at", "bigint", (c) => c.notNull())
    // "Answer before you see others": while open, a member sees other answers only after posting their own.
    .addColumn("answer_first", "integer", (c) => c.notNull().defaultTo(0))
    // The synthesis: a draft while synthesis_published_at is NULL.
    .addColumn("synthesis_source", "text")
    .addColumn("synthesis_html", "text")
    .addColumn("synthesis_published_at", "bigint")
    .addColumn("synthesis_thread_id", "integer", (c) => c.references("threads.id"))
    .addColumn("created_by", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    // Set when topic followers were told the round opened / reminded before it closes (npm run rounds:notify).
    .addColumn("opened_notified_at", "bigint")
    .addColumn("reminded_at", "bigint")
    // Set by the first rounds:notify run after the close: its write tells the server's page cache to refresh.
    .addColumn("closed_noted_at", "bigint")
    .addCheckConstraint("rounds_dates_check", sql`closes_at > opens_at`)
    .execute();
  await db.schema.createIndex("rounds_opens_idx").on("rounds").columns(["opens_at", "id"]).execute();
  await db.schema.createIndex("rounds_closes_idx").on("rounds").columns(["closes_at", "id"]).execute();

  await db.schema
    .createTable("round_prompts")
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    // A prompt thread belongs to at most one round.
    .addColumn("thread_id", "integer", (c) => c.notNull().unique().references("threads.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("round_prompts_pk", ["round_id", "position"])
    .execute();

  await db.schema
    .createTable("round_tags")
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id"))
    .addPrimaryKeyConstraint("round_tags_pk", ["round_id", "tag_id"])
    .execute();
  await db.schema.createIndex("round_tags_tag_idx").on("round_tags").columns(["tag_id", "round_id"]).execute();

  await db.schema
    .createTable("round_answers")
    .addColumn("post_id", "integer", (c) => c.primaryKey().references("posts.id"))
    .addColumn("round_id", "integer", (c) => c.notNull().references("rounds.id"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("threads.id"))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    // Shown instead of the member's name to everyone but the member and moderators; NULL: answered by name.
    .addColumn("pseudonym", "text")
    // named | anonymized | none: whether, and how, the answer may be quoted in research outputs.
    .addColumn("consent", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("consent_changed_at", "bigint")
    .addUniqueConstraint("round_answers_once", ["thread_id", "member_id"])
    .execute();
  await db.schema
    .createIndex("round_answers_round_idx")
    .on("round_answers")
    .columns(["round_id", "created_at", "post_id"])
    .execute();
  await db.schema
    .createIndex("round_answers_member_idx")
    .on("round_answers")
    .columns(["member_id", "round_id"])
    .execute();

  // Every change of consent, with its date: what a member agreed to, and when, stays answerable.
  await db.schema
    .createTable("consent_changes")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("post_id", "integer", (c) => c.notNull().references("round_answers.post_id"))
    .addColumn("from_consent", "text", (c) => c.notNull())
    .addColumn("to_consent", "text", (c) => c.notNull())
    .addColumn("changed_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consent_changes_post_idx").on("consent_changes").columns(["post_id", "id"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
