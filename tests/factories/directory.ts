import { getDb } from "~db/client.server";
import type { DirectoryListing } from "~db/schema";
import type { WorkLanguage } from "~/lib/directory";
import { updateDirectoryProfile } from "~/models/directory-profile.server";

/** A place's id by its name (the migration seeds the Los Angeles list). */
export async function placeId(name: string): Promise<number> {
  const row = await getDb().selectFrom("places").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return row.id;
}

/** Sets what the directory reads of a member: fields of practice, organization, place, asks, languages, listing. */
export async function setDirectoryFacts(
  memberId: number,
  facts: {
    fields?: string[];
    organization?: string;
    place?: string | null;
    ask?: string[];
    languages?: WorkLanguage[];
    listing?: DirectoryListing;
  },
): Promise<void> {
  const db = getDb();
  if (facts.organization !== undefined)
    await db.updateTable("members").set({ organization: facts.organization }).where("id", "=", memberId).execute();
  if (facts.fields) {
    await db.deleteFrom("member_fields").where("member_id", "=", memberId).execute();
    const tags = facts.fields.length
      ? await db.selectFrom("tags").select("id").where("slug", "in", facts.fields).execute()
      : [];
    if (tags.length)
      await db
        .insertInto("member_fields")
        .values(tags.map((t) => ({ member_id: memberId, tag_id: t.id })))
        .execute();
  }
  const result = await updateDirectoryProfile(memberId, {
    placeId: facts.place ? await placeId(facts.place) : null,
    askMeAbout: facts.ask ?? [],
    workLanguages: facts.languages ?? [],
    directoryListing: facts.listing ?? "members",
  });
  if (!result.ok) throw new Error(result.message);
}
