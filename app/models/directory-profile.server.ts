import { getDb } from "~db/client.server";
import type { DirectoryListing } from "~db/schema";
import { askLines, directoryProfileSchema, workLanguageNames, type DirectoryProfileInput } from "~/lib/directory";
import { parseForm } from "~/lib/validation";
import { languageNow, tr } from "~/lib/translate";
import { invalidateAllPages } from "./page-invalidation.server";
import { listPlaces, placeName } from "./places.server";

// A member's part of the directory on their profile (issue 19, docs/decisions/0043): their place, "ask me about"
// lines, the languages they work in, and who may find them in the directory.

export interface DirectoryProfile {
  placeId: number | null;
  place: string | null;
  askMeAbout: string[];
  languages: string[];
  listing: DirectoryListing;
}

export async function getDirectoryProfile(memberId: number): Promise<DirectoryProfile | null> {
  const db = getDb();
  const row = await db
    .selectFrom("members as m")
    .leftJoin("places as pl", "pl.id", "m.place_id")
    .select(["m.place_id", "pl.name as place", "pl.elsewhere", "m.ask_me_about", "m.directory_listing"])
    .where("m.id", "=", memberId)
    .where("m.deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const languages = await db
    .selectFrom("member_languages")
    .select("code")
    .where("member_id", "=", memberId)
    .orderBy("code")
    .execute();
  return {
    placeId: row.place_id,
    place: row.place === null ? null : placeName({ name: row.place, elsewhere: row.elsewhere ?? 0 }),
    askMeAbout: askLines(row.ask_me_about),
    languages: languages.map((l) => l.code),
    listing: row.directory_listing,
  };
}

export type DirectoryProfileResult = { ok: true } | { ok: false; field: "placeId"; message: string };

/** Saves the member's own directory fields (the caller saved the rest of the profile, with its rules, first). */
export async function updateDirectoryProfile(
  memberId: number,
  input: DirectoryProfileInput,
): Promise<DirectoryProfileResult> {
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<DirectoryProfileResult> => {
      if (input.placeId !== null) {
        const place = await trx.selectFrom("places").select("id").where("id", "=", input.placeId).executeTakeFirst();
        if (!place) return { ok: false, field: "placeId", message: tr("directory:form.unknownPlace") };
      }
      await trx
        .updateTable("members")
        .set({
          place_id: input.placeId,
          ask_me_about: input.askMeAbout.join("\n"),
          directory_listing: input.directoryListing,
        })
        .where("id", "=", memberId)
        .execute();
      await trx.deleteFrom("member_languages").where("member_id", "=", memberId).execute();
      const codes = [...new Set(input.workLanguages)];
      if (codes.length)
        await trx
          .insertInto("member_languages")
          .values(codes.map((code) => ({ member_id: memberId, code })))
          .execute();
      return { ok: true };
    });
  // Profiles show these, and "people who work like you" on other profiles lists or leaves out the member.
  if (result.ok) invalidateAllPages();
  return result;
}

/** What the profile form's directory part needs: the member's values, the places, language names. */
export async function loadDirectoryProfileForm(memberId: number) {
  const [profile, places] = await Promise.all([getDirectoryProfile(memberId), listPlaces()]);
  if (!profile) throw new Response(tr("directory:form.noAccount"), { status: 404 });
  return { profile, places, languageNames: workLanguageNames(languageNow()) };
}

/** The field the profile form's directory part sends, so a form without that part changes none of it. */
export const DIRECTORY_FIELDS_MARKER = "directoryFields";

/** The directory part of a profile form, parsed; null when the form has no such part. */
export function readDirectoryFields(formData: FormData) {
  if (!formData.has(DIRECTORY_FIELDS_MARKER)) return null;
  return parseForm(directoryProfileSchema, formData, ["workLanguages"]);
}
