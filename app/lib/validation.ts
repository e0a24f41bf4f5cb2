import { z } from "zod";

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

export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  arrayKeys: string[] = [],
): FormResult<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = arrayKeys.includes(key) ? values : values[0];
  }
  for (const key of arrayKeys) raw[key] ??= [];
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { success: false, fieldErrors, fields: formFields(formData) };
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

export const displayNameSchema = text("Your name", DISPLAY_NAME_MAX).min(
  1,
  "Tell us the name to show with your posts.",
);

export const joinSchema = z.object({
  handle: handleSchema,
  displayName: displayNameSchema,
  email: emailSchema,
  password: z.string({ error: "Choose a password." }),
  redirectTo: z.string().optional(),
});
export type JoinForm = z.infer<typeof joinSchema>;

export const loginSchema = z.object({
  login: z.string({ error: "Enter your handle or email." }).trim().min(1, "Enter your handle or email."),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export const profileSchema = z.object({
  displayName: displayNameSchema,
  organization: text("Organization", PROFILE_TEXT_MAX).default(""),
  location: text("Location", PROFILE_TEXT_MAX).default(""),
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

export const threadSchema = z.object({
  title: z
    .string({ error: "Give your post a title." })
    .trim()
    .min(TITLE_MIN, `Titles need at least ${TITLE_MIN} characters.`)
    .max(TITLE_MAX, `Titles can be at most ${TITLE_MAX} characters.`),
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

export const digestSettingsSchema = z.object({
  frequency: z.enum(["none", "daily", "weekly"], { error: "Choose no emails, daily or weekly." }),
  digestTopic: z.array(z.string()).max(200, "Choose fewer topics.").default([]),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
  newPassword: z.string({ error: "Choose a new password." }).min(1, "Choose a new password."),
});
