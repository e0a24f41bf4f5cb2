import { z } from "zod";
import { isPostLanguage, type PostLanguage } from "./post-language";
import { translateMessage } from "./translate";

// The post language as forms and filters send it (docs/decisions/0038). Apart from post-language.ts so the pages
// that only show a post's language (every thread page) don't load zod.

/** A message key (languages catalog). */
export const POST_LANGUAGE_UNKNOWN_MESSAGE = "languages:postLanguage.unknown";

/**
 * The composer's `postLanguage` field: a code from the list, or absent (a form from before the field, a
 * script): then a new post takes the writer's interface language and an edit keeps the post's.
 */
export const postLanguageSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isPostLanguage(v), POST_LANGUAGE_UNKNOWN_MESSAGE)
  .transform((v) => v as PostLanguage | undefined);

/**
 * A composer's `postLanguage` field, judged on its own (the composers' schemas are each their area's): the code,
 * undefined when the form has no such field, or the message to show next to the select.
 */
export function readPostLanguage(
  formData: FormData,
): { ok: true; language: PostLanguage | undefined } | { ok: false; fieldErrors: { postLanguage: string } } {
  const parsed = postLanguageSchema.safeParse(formData.get("postLanguage") ?? undefined);
  if (parsed.success) return { ok: true, language: parsed.data };
  return { ok: false, fieldErrors: { postLanguage: translateMessage(POST_LANGUAGE_UNKNOWN_MESSAGE) } };
}

/** A message key (languages catalog). */
export const LANGUAGE_FILTER_UNKNOWN_MESSAGE = "languages:filter.unknown";

/** A reader's filter (`?language=ko`): a code from the list, else none; a code not on the list is an error. */
export const languageFilterSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isPostLanguage(v), LANGUAGE_FILTER_UNKNOWN_MESSAGE)
  .transform((v) => v as PostLanguage | undefined);

/** A list's `?language=` (the topic page): the code, undefined for none; a code not on the list is a 400. */
export function parseLanguageFilter(params: URLSearchParams): PostLanguage | undefined {
  const parsed = languageFilterSchema.safeParse(params.get("language") ?? undefined);
  if (!parsed.success) throw new Response(translateMessage(LANGUAGE_FILTER_UNKNOWN_MESSAGE), { status: 400 });
  return parsed.data;
}
