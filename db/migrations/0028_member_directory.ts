import { type Kysely } from "kysely";
import { byteOrdered, generatedId } from "./portable";

// Frozen in time: this migration never imports application code.
// The member directory (issue 19, docs/decisions/0043):
// - places: the neighbourhoods and cities of the region a moderator curates, plus one "elsewhere" (kept last);
//   a member picks one in their profile (members.place_id). Seeded with a Los Angeles list.
// - members.directory_listing: who sees the member in /members and "people who work like you": "everyone",
//   "members" (the default: signed-in members only) or "nobody".
// - members.ask_me_about: a few short lines (one per line) of what the member offers to others.
// - member_languages: the languages a member works in, as BCP 47 codes from the app's list.

/** The app's sortKey (app/lib/sort-key.ts) as of this migration. */
function sortKey(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
}

const LOS_ANGELES_PLACES = [
  "Boyle Heights",
  "East Los Angeles",
  "El Sereno",
  "Lincoln Heights",
  "Highland Park",
  "Downtown Los Angeles",
  "Koreatown",
  "Pico-Union and Westlake",
  "Hollywood",
  "South Los Angeles",
  "Watts",
  "Wilmington",
  "San Pedro",
  "Long Beach",
  "Inglewood",
  "Compton",
  "Pasadena",
  "Santa Monica",
  "Pomona",
  "San Fernando Valley",
  "San Gabriel Valley",
  "Antelope Valley",
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("places")
    .addColumn("id", "integer", generatedId(db))
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("sort_key", "text", (c) => byteOrdered(db)(c).notNull())
    .addColumn("elsewhere", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  const now = Date.now();
  await db
    .insertInto("places")
    .values([
      ...LOS_ANGELES_PLACES.map((name) => ({ name, sort_key: sortKey(name), elsewhere: 0, created_at: now })),
      { name: "Elsewhere", sort_key: sortKey("Elsewhere"), elsewhere: 1, created_at: now },
    ])
    .execute();

  await db.schema
    .alterTable("members")
    .addColumn("place_id", "integer", (c) => c.references("places.id"))
    .execute();
  await db.schema
    .alterTable("members")
    .addColumn("directory_listing", "text", (c) => c.notNull().defaultTo("members"))
    .execute();
  await db.schema
    .alterTable("members")
    .addColumn("ask_me_about", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("members_place_idx").on("members").column("place_id").execute();

  await db.schema
    .createTable("member_languages")
    .addColumn("member_id", "integer", (c) => c.notNull().references("members.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("member_languages_pk", ["member_id", "code"])
    .execute();
  await db.schema
    .createIndex("member_languages_code_idx")
    .on("member_languages")
    .columns(["code", "member_id"])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
