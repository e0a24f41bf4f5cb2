import { z } from "zod";
import { tr, translateMessage } from "./translate";
import { isTimeZone, TIME_ZONE_UNKNOWN_MESSAGE } from "./format";
import { isReservedHandle, isStaffLikeName, RESERVED_HANDLE_MESSAGE, STAFF_NAME_MESSAGE } from "./reserved-names";

// Every form is parsed by a schema here; failures become messages next to the fields.

export const HANDLE_PATTERN = /^[a-z0-9_]{3,30}$/;
export const DISPLAY_NAME_MAX = 60;
export const PROFILE_TEXT_MAX = 120;
export const BIO_MAX = 5_000;
export const FIELDS_OF_PRACTICE_MAX = 8;

export type FieldErrors = Partial<Record<string, string>>;
export type Fields = Record<string, string | string[]>;

export type FormResult<T> = { success: true; data: T } | { success: false; fieldErrors: FieldErrors; fields: Fields };

/** What the user typed, kept so a failed form shows it again (passwords are never echoed). */
export function formFields(formData: FormData): Fields {
  const fields: Fields = {};
  for (const key of new Set(formData.keys())) {
    if (/password/i.test(key)) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    fields[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  return fields;
}

// Valid text, for every field of every form (parseForm checks each value before its schema runs):
// - well-formed Unicode. The form decoder turns bytes that are not UTF-8 (and lone surrogates) into U+FFFD, so
//   U+FFFD is refused as their trace: whoever sees it in their text is better off retyping than storing it;
// - no control characters but tab, line feed and carriage return (no NUL, no other C0, DEL or C1 control);
// - no noncharacters (U+FDD0 to U+FDEF and the last two code points of every plane), which are for internal
//   use and never for interchange.
// Fields of one line (names, titles, places) refuse line breaks and tabs too, and the bidirectional
// embedding, override and isolate controls, which make the text after them display in another order (a name
// that reads as another). Marks (LRM, RLM, ALM) reset nothing and stay allowed. Multi-line text (posts, bios,
// notes) keeps those controls: writers of right-to-left languages use them, and a paragraph ends their effect.
// Passwords are never stored or shown, so they are not judged here (a password set long ago stays usable);
// nor are the hidden redirect targets of log-in and join, which safeRedirectPath makes safe or drops: a
// member who typed the right password is sent somewhere sensible rather than shown an error they can't fix.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNREADABLE = new RegExp(`${LONE_SURROGATE.source}|\ufffd`);
const CONTROL_OR_NONCHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef]|[\ufffe\uffff]/;
// U+1FFFE, U+1FFFF ... U+10FFFE, U+10FFFF, as surrogate pairs: a high surrogate ending in 3F or 7F or BF or FF,
// then DFFE or DFFF.
const ASTRAL_NONCHARACTER =
  /[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]/;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
const NOT_TEXT = /password|^redirectTo$/i;
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

export const UNREADABLE_TEXT_MESSAGE = "forms:text.unreadable";
export const CONTROL_CHARACTER_MESSAGE = "forms:text.controlCharacters";
export const ONE_LINE_MESSAGE = "forms:text.oneLine";
export const BIDI_CONTROL_MESSAGE = "forms:text.bidiControls";

/** Why a value is not valid text (see above), or null when it is. */
export function textProblem(value: string): string | null {
  if (UNREADABLE.test(value)) return tr(UNREADABLE_TEXT_MESSAGE);
  if (CONTROL_OR_NONCHARACTER.test(value) || ASTRAL_NONCHARACTER.test(value)) return tr(CONTROL_CHARACTER_MESSAGE);
  return null;
}

/** Why a value is not valid text for a field of one line, or null. */
export function oneLineProblem(value: string): string | null {
  if (LINE_BREAK_OR_TAB.test(value)) return tr(ONE_LINE_MESSAGE);
  if (BIDI_CONTROL.test(value)) return tr(BIDI_CONTROL_MESSAGE);
  return null;
}

/** A string schema for a field of one line: valid one-line text (the characters themselves are checked above). */
export function oneLine<S extends z.ZodString>(schema: S): S {
  return schema
    .refine((v) => !LINE_BREAK_OR_TAB.test(v), ONE_LINE_MESSAGE)
    .refine((v) => !BIDI_CONTROL.test(v), BIDI_CONTROL_MESSAGE) as S;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  arrayKeys: string[] = [],
): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  const fieldErrors: FieldErrors = {};
  const read = fieldsReadBy(schema);
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = arrayKeys.includes(key) ? values : values[0];
    if (NOT_TEXT.test(key) || (read && !read.has(key))) continue;
    for (const value of values) fieldErrors[key] ??= textProblem(value) ?? undefined;
  }
  for (const key of arrayKeys) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success && !Object.values(fieldErrors).some(Boolean)) return { success: true, data: result.data };
  for (const issue of result.error?.issues ?? []) {
    const key = String(issue.path[0] ?? "form");
    // Messages are keys, translated here in the sender's language with the issue's own numbers.
    const { minimum, maximum } = issue as { minimum?: unknown; maximum?: unknown };
    const params = (issue as { params?: Record<string, unknown> }).params;
    fieldErrors[key] ??= translateMessage(issue.message, { minimum, maximum, ...params });
  }
  for (const key of Object.keys(fieldErrors)) if (!fieldErrors[key]) delete fieldErrors[key];
  return { success: false, fieldErrors, fields: formFields(formData) };
}

/** The fields an object schema reads (through transforms), so that a form parsed in parts is judged per part. */
function fieldsReadBy(schema: z.ZodType): Set<string> | null {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape));
  if (schema instanceof z.ZodPipe) return fieldsReadBy(schema.in as z.ZodType);
  return null;
}

/** A text field whose messages are `<key>.required` and `<key>.tooLong` (with {{maximum}}) in the forms catalog. */
const text = (key: string, max: number) =>
  z
    .string({ error: `forms:${key}.required` })
    .trim()
    .max(max, `forms:${key}.tooLong`);

export const handleSchema = z
  .string({ error: "forms:handle.required" })
  .trim()
  .toLowerCase()
  .min(3, "forms:handle.tooShort")
  .max(30, "forms:handle.tooLong")
  .regex(HANDLE_PATTERN, "forms:handle.characters");

export const emailSchema = z
  .string({ error: "forms:email.required" })
  .trim()
  .toLowerCase()
  .max(254, "forms:email.tooLong")
  .pipe(z.email("forms:email.invalid"));

export const displayNameSchema = oneLine(text("displayName", DISPLAY_NAME_MAX)).min(1, "forms:displayName.required");

export const RULES_NOT_ACCEPTED_MESSAGE = "forms:rules.notAccepted";

export const joinSchema = z.object({
  handle: handleSchema.refine((handle) => !isReservedHandle(handle), RESERVED_HANDLE_MESSAGE),
  displayName: displayNameSchema.refine((name) => !isStaffLikeName(name), STAFF_NAME_MESSAGE),
  email: emailSchema,
  password: z.string({ error: "forms:password.required" }),
  // The checkbox sends "on" when ticked and nothing otherwise; anything else is not a tick either.
  rulesAccepted: z.literal("on", { error: RULES_NOT_ACCEPTED_MESSAGE }),
  redirectTo: z.string().optional(),
});
export type JoinForm = z.infer<typeof joinSchema>;

export const loginSchema = z.object({
  login: z.string({ error: "forms:login.required" }).trim().min(1, "forms:login.required"),
  password: z.string({ error: "forms:login.passwordRequired" }).min(1, "forms:login.passwordRequired"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({
  login: z
    .string({ error: "forms:login.required" })
    .trim()
    .min(1, "forms:login.required")
    .max(254, "forms:login.tooLong"),
});

export const resetPasswordSchema = z.object({
  newPassword: z.string({ error: "forms:password.newRequired" }).min(1, "forms:password.newRequired"),
});

export const profileSchema = z.object({
  displayName: displayNameSchema,
  organization: oneLine(text("profile.organization", PROFILE_TEXT_MAX)).default(""),
  location: oneLine(text("profile.location", PROFILE_TEXT_MAX)).default(""),
  bioSource: text("profile.bio", BIO_MAX).default(""),
  fieldSlugs: z.array(z.string()).max(FIELDS_OF_PRACTICE_MAX, "forms:profile.tooManyFields").default([]),
});

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const TAGS_MIN = 1;
export const TAGS_MAX = 5;
// Same limit as MARKDOWN_MAX_LENGTH in markdown.server.ts (kept here so browser code can show it).
export const BODY_MAX = 50_000;

const bodySchema = (what: "reply" | "post") =>
  z
    .string({ error: `forms:body.${what}.empty` })
    .trim()
    .min(1, `forms:body.${what}.empty`)
    .max(BODY_MAX, `forms:body.${what}.tooLong`);

export const composerIntentSchema = z.enum(["publish", "preview", "save-draft"]).default("publish");

const draftIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number)
  .optional()
  .catch(undefined);

export const replySchema = z.object({
  bodySource: bodySchema("reply"),
  draftId: draftIdSchema,
});

/** The live preview beside a composer (routes/preview.tsx): any composer's text, within the same limit. */
export const previewSchema = z.object({
  bodySource: z.string().max(BODY_MAX, "forms:body.text.tooLong").default(""),
});

export const threadSchema = z.object({
  title: oneLine(
    z
      .string({ error: "forms:title.required" })
      .trim()
      .min(TITLE_MIN, "forms:title.tooShort")
      .max(TITLE_MAX, "forms:title.tooLong"),
  ),
  bodySource: bodySchema("post"),
  tagSlugs: z.array(z.string()).min(TAGS_MIN, "forms:topics.none").max(TAGS_MAX, "forms:topics.tooMany"),
  draftId: draftIdSchema,
});

/** A draft keeps whatever was typed, valid or not yet. */
export const draftSchema = z.object({
  title: z
    .string()
    .max(TITLE_MAX * 4)
    .default(""),
  bodySource: z
    .string()
    .max(BODY_MAX * 2, "forms:draft.tooLong")
    .default(""),
  tagSlugs: z.array(z.string().max(60)).max(20).default([]),
  draftId: draftIdSchema,
});

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const dateParam = (field: "from" | "to") =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
      if (!date || Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: `forms:search.${field}NotADate` });
        return z.NEVER;
      }
      return date;
    });

export const searchFiltersSchema = z.object({
  topic: optionalText,
  kind: z
    .enum(["story", "discussion", "prompt"])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  author: optionalText.transform((v) => v?.replace(/^@/, "").toLowerCase()),
  from: dateParam("from"),
  to: dateParam("to"),
  page: z.coerce.number().int().min(1).max(50, "forms:search.tooManyPages").catch(1).default(1),
});

export const digestSettingsSchema = z
  .object({
    frequency: z.enum(["none", "daily", "weekly"], { error: "forms:digest.frequency" }),
    digestTopic: z.array(z.string()).max(200, "forms:digest.tooManyTopics").default([]),
    alerts: z.enum(["immediate", "digest", "never"], { error: "forms:digest.alerts" }),
  })
  .refine((form) => form.alerts !== "digest" || form.frequency !== "none", {
    path: ["alerts"],
    message: "forms:digest.alertsNeedDigest",
  });

export const changeEmailSchema = z.object({
  newEmail: emailSchema,
  currentPassword: z.string({ error: "forms:password.currentRequired" }).min(1, "forms:password.currentRequired"),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "forms:password.currentRequired" }).min(1, "forms:password.currentRequired"),
  newPassword: z.string({ error: "forms:password.newRequired" }).min(1, "forms:password.newRequired"),
});

export const deleteAccountSchema = z.object({
  posts: z.enum(["keep", "remove"], { error: "forms:deleteAccount.posts" }),
  currentPassword: z.string({ error: "forms:password.currentRequired" }).min(1, "forms:password.currentRequired"),
});

/** The settings page's time-zone form (issue 14): "" for the site's zone, else a zone the runtime knows. */
export const timeZoneSchema = z.object({
  timeZone: z
    .string({ error: TIME_ZONE_UNKNOWN_MESSAGE })
    .refine((zone) => zone === "" || isTimeZone(zone), TIME_ZONE_UNKNOWN_MESSAGE),
});
