import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Mailing-list mode (issue 20, docs/decisions/0042): a member follows a topic "by email", and every new thread
// and reply in it comes as its own email. 0: the topic's new threads come to notifications and the digest only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("topic_follows")
    .addColumn("by_email", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
