import { z } from "zod";
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

export const UNREADABLE_TEXT_MESSAGE = "Part of this could not be read (it shows as “�”). Retype it and try again.";
export const CONTROL_CHARACTER_MESSAGE =
  "This contains invisible control characters, which we don't store. Remove them and try again.";
export const ONE_LINE_MESSAGE = "Keep this to one line, without tabs or line breaks.";
export const BIDI_CONTROL_MESSAGE =
  "This contains characters that change the direction of text around them. Remove them and try again.";

/** Why a value is not valid text (see above), or null when it is. */
export function textProblem(value: string): string | null {
  if (UNREADABLE.test(value)) return UNREADABLE_TEXT_MESSAGE;
  if (CONTROL_OR_NONCHARACTER.test(value) || ASTRAL_NONCHARACTER.test(value)) return CONTROL_CHARACTER_MESSAGE;
  return null;
}

/** Why a value is not valid text for a field of one line, or null. */
export function oneLineProblem(value: string): string | null {
  if (LINE_BREAK_OR_TAB.test(value)) return ONE_LINE_MESSAGE;
  if (BIDI_CONTROL.test(value)) return BIDI_CONTROL_MESSAGE;
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
    fieldErrors[key] ??= issue.message;
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

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`);

export const handleSchema = z
  .string({ error: "Choose a handle." })
  .trim()
  .toLowerCase()
  .min(3, "Your handle needs at least 3 characters.")
  .max(30, "Your handle can be at most 30 characters.")
  .regex(HANDLE_PATTERN, "Use only letters, digits and underscores in your handle.");

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.org."));

export const displayNameSchema = oneLine(text("Your name", DISPLAY_NAME_MAX)).min(
  1,
  "Tell us the name to show with your posts.",
);

export const RULES_NOT_ACCEPTED_MESSAGE =
  "Read the community rules, then tick this box. Everyone who posts here agrees to them.";

export const joinSchema = z.object({
  handle: handleSchema.refine((handle) => !isReservedHandle(handle), RESERVED_HANDLE_MESSAGE),
  displayName: displayNameSchema.refine((name) => !isStaffLikeName(name), STAFF_NAME_MESSAGE),
  email: emailSchema,
  password: z.string({ error: "Choose a password." }),
  // The checkbox sends "on" when ticked and nothing otherwise; anything else is not a tick either.
  rulesAccepted: z.literal("on", { error: RULES_NOT_ACCEPTED_MESSAGE }),
  redirectTo: z.string().optional(),
});
export type JoinForm = z.infer<typeof joinSchema>;

export const loginSchema = z.object({
  login: z.string({ error: "Enter your handle or email." }).trim().min(1, "Enter your handle or email."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({
  login: z
    .string({ error: "Enter your handle or email." })
    .trim()
    .min(1, "Enter your handle or email.")
    .max(254, "That is longer than any handle or email address."),
});

export const resetPasswordSchema = z.object({
  newPassword: z.string({ error: "Choose a new password." }).min(1, "Choose a new password."),
});

export const profileSchema = z.object({
  displayName: displayNameSchema,
  organization: oneLine(text("Organization", PROFILE_TEXT_MAX)).default(""),
  location: oneLine(text("Location", PROFILE_TEXT_MAX)).default(""),
  bioSource: text("Bio", BIO_MAX).default(""),
  fieldSlugs: z
    .array(z.string())
    .max(FIELDS_OF_PRACTICE_MAX, `Choose at most ${FIELDS_OF_PRACTICE_MAX} fields of practice.`)
    .default([]),
});

export const TITLE_MIN = 5;
export const TITLE_MAX = 150;
export const TAGS_MIN = 1;
export const TAGS_MAX = 5;
// Same limit as MARKDOWN_MAX_LENGTH in markdown.server.ts (kept here so browser code can show it).
export const BODY_MAX = 50_000;

const bodySchema = (what: string) =>
  z
    .string({ error: `Write your ${what} before posting.` })
    .trim()
    .min(1, `Write your ${what} before posting.`)
    .max(
      BODY_MAX,
      `Your ${what} is over ${BODY_MAX.toLocaleString("en-US")} characters. Shorten it or split it in two.`,
    );

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
  bodySource: z
    .string()
    .max(BODY_MAX, `Your text is over ${BODY_MAX.toLocaleString("en-US")} characters. Shorten it or split it in two.`)
    .default(""),
});

export const threadSchema = z.object({
  title: oneLine(
    z
      .string({ error: "Give your post a title." })
      .trim()
      .min(TITLE_MIN, `Titles need at least ${TITLE_MIN} characters.`)
      .max(TITLE_MAX, `Titles can be at most ${TITLE_MAX} characters.`),
  ),
  bodySource: bodySchema("post"),
  tagSlugs: z
    .array(z.string())
    .min(TAGS_MIN, "Choose at least one topic, so people can find your post.")
    .max(TAGS_MAX, `Choose at most ${TAGS_MAX} topics.`),
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
    .max(BODY_MAX * 2, "That draft is too long to save.")
    .default(""),
  tagSlugs: z.array(z.string().max(60)).max(20).default([]),
  draftId: draftIdSchema,
});

const optionalText = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();
const dateParam = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const date = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : null;
      if (!date || Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: `${label} should be a date like 2026-05-01.` });
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
  from: dateParam("“From”"),
  to: dateParam("“To”"),
  page: z.coerce.number().int().min(1).max(50, "Search shows up to 50 pages of results.").catch(1).default(1),
});

export const digestSettingsSchema = z
  .object({
    frequency: z.enum(["none", "daily", "weekly"], { error: "Choose no emails, daily or weekly." }),
    digestTopic: z.array(z.string()).max(200, "Choose fewer topics.").default([]),
    alerts: z.enum(["immediate", "digest", "never"], { error: "Choose right away, in my digest or never." }),
  })
  .refine((form) => form.alerts !== "digest" || form.frequency !== "none", {
    path: ["alerts"],
    message: "Replies and mentions can go in your digest once you choose a daily or weekly digest below.",
  });

export const changeEmailSchema = z.object({
  newEmail: emailSchema,
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
  newPassword: z.string({ error: "Choose a new password." }).min(1, "Choose a new password."),
});

export const deleteAccountSchema = z.object({
  posts: z.enum(["keep", "remove"], { error: "Choose what happens to your posts." }),
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
});

/** The settings page's time-zone form (issue 14): "" for the site's zone, else a zone the runtime knows. */
export const timeZoneSchema = z.object({
  timeZone: z
    .string({ error: TIME_ZONE_UNKNOWN_MESSAGE })
    .refine((zone) => zone === "" || isTimeZone(zone), TIME_ZONE_UNKNOWN_MESSAGE),
});
