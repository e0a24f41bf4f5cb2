import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/lib/i18n";
import { getDb } from "~db/client.server";

/** The language a member's emails are written in: the one they chose, else English (docs/decisions/0037). */
export async function memberLanguage(memberId: number): Promise<Language> {
  const row = await getDb().selectFrom("members").select("language").where("id", "=", memberId).executeTakeFirst();
  return isLanguage(row?.language) ? row.language : DEFAULT_LANGUAGE;
}
