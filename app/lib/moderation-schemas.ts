import { z } from "zod";
import { HIDE_REASONS, type HideReason } from "./moderation";
import { oneLine, TAGS_MAX, TAGS_MIN, threadSchema } from "./validation";

// The forms moderators use to curate threads, prompts and topics. Parsed with parseForm (lib/validation).

export const LOCK_REASON_MAX = 300;
export const HIDE_NOTE_MAX = 500;
export const TOPIC_NAME_MAX = 60;
export const TOPIC_SLUG_MIN = 2;
export const TOPIC_SLUG_MAX = 40;
export const TOPIC_DESCRIPTION_MAX = 200;

const HIDE_REASON_KEYS = Object.keys(HIDE_REASONS) as [HideReason, ...HideReason[]];

/** A checkbox: present (whatever its value) means ticked. */
const checkbox = z
  .string()
  .optional()
  .transform((v) => v !== undefined && v !== "");

export const lockThreadSchema = z.object({
  lockReason: z
    .string({ error: "moderation:threadPage.lockReasonRequired" })
    .trim()
    .min(1, "moderation:threadPage.lockReasonRequired")
    .max(LOCK_REASON_MAX, "moderation:threadPage.lockReasonTooLong"),
});

export const threadTopicsSchema = z.object({
  tagSlugs: z
    .array(z.string())
    .min(TAGS_MIN, "moderation:threadPage.topicsRequired")
    .max(TAGS_MAX, "moderation:threadPage.topicsTooMany"),
});

export const hideThreadSchema = z
  .object({
    reason: z.enum(HIDE_REASON_KEYS, { error: "moderation:threadPage.hideReasonRequired" }),
    note: z.string().trim().max(HIDE_NOTE_MAX, "moderation:hideForm.noteTooLong").default(""),
  })
  .refine((v) => v.reason !== "other" || v.note.length > 0, {
    error: "moderation:hideForm.otherNeedsNote",
    path: ["note"],
  });

/** A prompt is a thread composed by a moderator; it may be pinned to lead the home page. */
export const promptSchema = threadSchema.omit({ draftId: true }).extend({ pinned: checkbox });

const topicName = oneLine(
  z
    .string({ error: "moderation:topics.nameRequired" })
    .trim()
    .min(1, "moderation:topics.nameRequired")
    .max(TOPIC_NAME_MAX, "moderation:topics.nameTooLong"),
);

const topicDescription = z
  .string()
  .trim()
  .max(TOPIC_DESCRIPTION_MAX, "moderation:topics.descriptionTooLong")
  .default("");

const topicSlug = z
  .string({ error: "moderation:topics.addressRequired" })
  .trim()
  .toLowerCase()
  .min(TOPIC_SLUG_MIN, "moderation:topics.addressTooShort")
  .max(TOPIC_SLUG_MAX, "moderation:topics.addressTooLong")
  .regex(/^[a-z0-9-]+$/, "moderation:topics.addressCharacters")
  .refine((v) => !v.startsWith("-") && !v.endsWith("-"), "moderation:topics.addressHyphen");

export const createTopicSchema = z.object({ name: topicName, slug: topicSlug, description: topicDescription });

/** `slug` names the topic being edited; it is not changed (addresses of topics stay stable). */
export const editTopicSchema = z.object({
  slug: z.string({ error: "moderation:topics.noSuchTopic" }).min(1, "moderation:topics.noSuchTopic"),
  name: topicName,
  description: topicDescription,
});

export const mergeTopicSchema = z
  .object({
    from: z.string({ error: "moderation:topics.mergeFromRequired" }).min(1, "moderation:topics.mergeFromRequired"),
    into: z.string({ error: "moderation:topics.mergeIntoRequired" }).min(1, "moderation:topics.mergeIntoRequired"),
  })
  .refine((v) => v.from !== v.into, { error: "moderation:topics.mergeSame", path: ["into"] });
