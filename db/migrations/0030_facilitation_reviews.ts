import type { Kysely } from "kysely";
import { generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// The facilitator's view (issue 19, docs/decisions/0045): each time a moderator marks the list as worked
// through, so the page can say when that last happened and by whom.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("facilitation_reviews")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("moderator_id", "integer", (col) => col.notNull().references("members.id"))
    .addColumn("reviewed_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("facilitation_reviews_reviewed_idx")
    .on("facilitation_reviews")
    .columns(["reviewed_at"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
