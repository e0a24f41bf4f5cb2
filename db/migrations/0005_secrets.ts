import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Secrets the app generates for itself on first use (the key that signs unsubscribe links), so a fresh
// install needs no configuration and the key survives restarts.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("app_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
