import type { Kysely } from "kysely";
import { sql } from "kysely";

// Frozen in time: this migration never imports application code.
// Community rules (issue 14, docs/decisions/0018): a member accepts them once, when joining. Members from
// before this migration joined under the same rules (they were on /about), so they count as having accepted
// them when they joined.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").addColumn("rules_accepted_at", "bigint").execute();
  await db
    .updateTable("members")
    .set({ rules_accepted_at: sql`created_at` })
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
