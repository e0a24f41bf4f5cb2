import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Roundtable in English and Spanish (issue 18, docs/decisions/0037): the interface language a member chose.
// NULL means none chosen: the visitor's cookie, then the browser's Accept-Language decide. The value is a
// language code the application supports ("en", "es"); one it stops supporting is read as NULL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").addColumn("language", "text").execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
