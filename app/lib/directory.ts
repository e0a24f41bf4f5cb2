import { z } from "zod";
import type { DirectoryListing } from "~db/schema";
import { oneLine, textProblem } from "./validation";

// The member directory's words and limits that browser code shows too (issue 19, docs/decisions/0043).

/** Who sees a member in /members and in "people who work like you"; "members" is the default. */
export const DIRECTORY_LISTINGS: readonly DirectoryListing[] = ["everyone", "members", "nobody"];

/**
 * The languages a member may say they work in: BCP 47 codes (names come from Intl.DisplayNames in the reader's
 * language). A bounded list of the languages spoken in the region, so that the filter finds people and the
 * column holds only codes the app knows.
 */
export const WORK_LANGUAGES = [
  "en",
  "es",
  "zh",
  "yue",
  "ko",
  "tl",
  "vi",
  "hy",
  "fa",
  "ru",
  "ja",
  "ar",
  "km",
  "th",
  "pt",
  "fr",
  "hi",
  "pa",
  "zap",
] as const;
export type WorkLanguage = (typeof WORK_LANGUAGES)[number];

export const isWorkLanguage = (value: string): value is WorkLanguage =>
  (WORK_LANGUAGES as readonly string[]).includes(value);

/** At most this many "ask me about" lines, each at most ASK_LINE_MAX characters. */
export const ASK_LINES_MAX = 5;
export const ASK_LINE_MAX = 80;
export const PLACE_NAME_MAX = 60;

/** A language's name in `language` (the page's), or the code when the runtime has none. */
export function languageName(code: string, language: string): string {
  return new Intl.DisplayNames([language], { type: "language", fallback: "code" }).of(code) ?? code;
}

/** The "ask me about" lines as stored (one per line, blank lines dropped). */
export const askLines = (stored: string): string[] =>
  stored
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

const askSchema = z
  .string()
  .default("")
  .transform((value) => askLines(value.replace(/\r\n?/g, "\n")))
  .pipe(
    z
      .array(
        z
          .string()
          .max(ASK_LINE_MAX, "directory:form.askLineTooLong")
          .refine((line) => textProblem(line) === null, "directory:form.askUnreadable"),
      )
      .max(ASK_LINES_MAX, "directory:form.askTooManyLines"),
  );

/** The directory's part of the profile form (settings.profile). */
export const directoryProfileSchema = z.object({
  placeId: z
    .string()
    .default("")
    .transform((v, ctx) => {
      if (v === "") return null;
      if (/^[1-9][0-9]{0,9}$/.test(v)) return Number(v);
      ctx.addIssue({ code: "custom", message: "directory:form.unknownPlace" });
      return z.NEVER;
    }),
  askMeAbout: askSchema,
  workLanguages: z
    .array(z.string())
    .max(WORK_LANGUAGES.length, "directory:form.unknownLanguage")
    .refine((codes) => codes.every(isWorkLanguage), "directory:form.unknownLanguage")
    .default([]),
  directoryListing: z.enum(["everyone", "members", "nobody"], { error: "directory:form.listingRequired" }),
});
export type DirectoryProfileInput = z.infer<typeof directoryProfileSchema>;

export const placeNameSchema = z.object({
  name: oneLine(
    z
      .string({ error: "directory:places.nameRequired" })
      .trim()
      .min(1, "directory:places.nameRequired")
      .max(PLACE_NAME_MAX, "directory:places.nameTooLong"),
  ),
});

/** Every work language's name in `language`, in the list's order. */
export function workLanguageNames(language: string): Record<string, string> {
  return Object.fromEntries(WORK_LANGUAGES.map((code) => [code, languageName(code, language)]));
}

const SLUG = /^[a-z0-9-]{1,60}$/;
const FILTER_TEXT_MAX = 80;

/** The directory's filters from its address; a value that can't be one is ignored, as if not given. */
export function readDirectoryQuery(search: URLSearchParams) {
  const slug = (name: string) => {
    const value = search.get(name) ?? "";
    return SLUG.test(value) ? value : null;
  };
  const textFilter = (name: string) => {
    const value = (search.get(name) ?? "").trim().slice(0, FILTER_TEXT_MAX);
    return value && textProblem(value) === null ? value : null;
  };
  const place = search.get("place") ?? "";
  const language = search.get("speaks") ?? "";
  const page = Number(search.get("page") ?? "1");
  return {
    filters: {
      field: slug("field"),
      placeId: /^[1-9][0-9]{0,9}$/.test(place) ? Number(place) : null,
      organization: textFilter("org"),
      topic: slug("topic"),
      ask: textFilter("ask"),
      language: isWorkLanguage(language) ? language : null,
    },
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}
