import { LANGUAGES } from "./i18n";

// The language a post is written in (issue 18, docs/decisions/0038): members' words are never translated, but
// their language is marked, so screen readers and search engines read them right and readers can filter by
// it. Stored as a BCP 47 code from this bounded list: the interface languages first, then the languages of
// Los Angeles's larger communities. Browser-safe (the composer's select and its names use it too).

export const POST_LANGUAGES = [
  ...LANGUAGES,
  "ko", // Korean
  "zh", // Chinese
  "tl", // Tagalog (Intl calls it Filipino)
  "vi", // Vietnamese
  "hy", // Armenian
  "fa", // Persian
  "ja", // Japanese
  "ru", // Russian
  "km", // Khmer
  "th", // Thai
  "ar", // Arabic
] as const;
export type PostLanguage = (typeof POST_LANGUAGES)[number];

const RIGHT_TO_LEFT: ReadonlySet<string> = new Set(["fa", "ar"]);

export function isPostLanguage(value: unknown): value is PostLanguage {
  return typeof value === "string" && (POST_LANGUAGES as readonly string[]).includes(value);
}

/** The `dir` a post's body needs when its script runs right to left; undefined when the page's will do. */
export function postLanguageDir(language: string): "rtl" | undefined {
  return RIGHT_TO_LEFT.has(language) ? "rtl" : undefined;
}

/**
 * The attributes a post body needs inside a page in `pageLanguage`: `lang` (and `dir`) only when the post's
 * language is known and differs from the page's; a post of unknown language (NULL: written before 0023)
 * inherits the page's.
 */
export function postLanguageAttributes(
  postLanguage: string | null | undefined,
  pageLanguage: string,
): { lang?: string; dir?: "rtl" } {
  if (!postLanguage || postLanguage === pageLanguage) return {};
  const dir = postLanguageDir(postLanguage);
  return dir ? { lang: postLanguage, dir } : { lang: postLanguage };
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** A language's name in the reader's language ("Korean", "coreano"), capitalised for a list of choices. */
export function postLanguageName(code: string, readerLanguage: string): string {
  let names = displayNames.get(readerLanguage);
  if (!names) displayNames.set(readerLanguage, (names = new Intl.DisplayNames([readerLanguage], { type: "language" })));
  const name = names.of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(readerLanguage) + name.slice(1);
}
