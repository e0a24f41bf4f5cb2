import { getDb } from "~db/client.server";
import { isLanguage, type Language } from "~/lib/i18n";

// A member's interface language (issue 18, docs/decisions/0037): it comes before a visitor's cookie and the
// browser's Accept-Language on every page they read (lib/language.server.ts reads it with the session).

/** Keeps the member's choice; null goes back to none (cookie, then Accept-Language). */
export async function setMemberLanguage({
  memberId,
  language,
}: {
  memberId: number;
  language: Language | null;
}): Promise<void> {
  await getDb().updateTable("members").set({ language }).where("id", "=", memberId).execute();
}

/** The member's own choice, or null when they chose none. */
export async function getMemberLanguage(memberId: number): Promise<Language | null> {
  const row = await getDb().selectFrom("members").select("language").where("id", "=", memberId).executeTakeFirst();
  return isLanguage(row?.language) ? row.language : null;
}
