import type { Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// A calmer thread page (issue 14, docs/decisions/0021): each member may choose the time zone the full date and
// time of a post is shown in; NULL means the site's (SITE_TIME_ZONE). The value is an IANA zone name, checked
// by the application against the zones the runtime knows.
//
// Rounds gain `dates_recorded`: the focus group ran before Roundtable existed and its write-up gives no date, so
// its round's opens_at/closes_at are only the seeding day (they order it among rounds). With 0 the site says
// the dates are not recorded instead of showing the seeding day as when it ran.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("members").addColumn("time_zone", "text").execute();
  await db.schema
    .alterTable("rounds")
    .addColumn("dates_recorded", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
  // The focus group's round, seeded before this migration, carries the seeding day: mark its dates unknown.
  await db
    .updateTable("rounds")
    .set({ dates_recorded: 0 })
    .where("title", "=", "The first focus group")
    .where("created_by", "in", db.selectFrom("members").select("id").where("handle", "=", "roundtable"))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
