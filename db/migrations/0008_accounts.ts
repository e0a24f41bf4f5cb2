import { sql, type Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// Accounts people can rely on: a verified email address, links sent by email (verify an address, reset a
// password, confirm a new address), and, when the site asks for it, a moderator's approval of new members.
export async function up(db: Kysely<any>): Promise<void> {
  // NULL until the member follows the link sent to their address. Members from before this change count as
  // verified from the day they joined.
  await db.schema.alterTable("members").addColumn("email_verified_at", "bigint").execute();
  await sql`UPDATE members SET email_verified_at = created_at`.execute(db);
  // approved | waiting | declined. Only members who joined while MEMBER_APPROVAL=1 ever wait.
  await db.schema
    .alterTable("members")
    .addColumn("approval_state", "text", (c) =>
      c
        .notNull()
        .defaultTo("approved")
        .check(sql`approval_state IN ('approved', 'waiting', 'declined')`),
    )
    .execute();
  await db.schema.alterTable("members").addColumn("approval_decided_at", "bigint").execute();

  // One row per link sent. Only the SHA-256 of the token is stored: the database never holds a usable link.
  await db.schema
    .createTable("email_tokens")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose IN ('verify', 'reset', 'email-change')`))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    // The address being confirmed by an email-change link; NULL for the other purposes.
    .addColumn("new_email", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    // Set when the link is used, or when a later event makes it moot (a newer change, a verified address).
    .addColumn("used_at", "bigint")
    .execute();
  await db.schema
    .createIndex("email_tokens_member_idx")
    .on("email_tokens")
    .columns(["member_id", "purpose", "created_at"])
    .execute();
  await db.schema.createIndex("members_approval_idx").on("members").columns(["approval_state", "created_at"]).execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
