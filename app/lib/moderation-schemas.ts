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
    .string({ error: "Say why you are locking this thread." })
    .trim()
    .min(1, "Say why you are locking this thread.")
    .max(LOCK_REASON_MAX, `Keep the reason to ${LOCK_REASON_MAX} characters.`),
});

export const threadTopicsSchema = z.object({
  tagSlugs: z
    .array(z.string())
    .min(TAGS_MIN, "Choose at least one topic.")
    .max(TAGS_MAX, `Choose at most ${TAGS_MAX} topics.`),
});

export const hideThreadSchema = z
  .object({
    reason: z.enum(HIDE_REASON_KEYS, { error: "Choose why you are hiding this thread." }),
    note: z.string().trim().max(HIDE_NOTE_MAX, `Keep the note to ${HIDE_NOTE_MAX} characters.`).default(""),
  })
  .refine((v) => v.reason !== "other" || v.note.length > 0, {
    error: "With “Other”, write a note: the author will read it.",
    path: ["note"],
  });

/** A prompt is a thread composed by a moderator; it may be pinned to lead the home page. */
export const promptSchema = threadSchema.omit({ draftId: true }).extend({ pinned: checkbox });

const topicName = oneLine(
  z
    .string({ error: "Give the topic a name." })
    .trim()
    .min(1, "Give the topic a name.")
    .max(TOPIC_NAME_MAX, `Topic names can be at most ${TOPIC_NAME_MAX} characters.`),
);

const topicDescription = z
  .string()
  .trim()
  .max(TOPIC_DESCRIPTION_MAX, `Keep the description to ${TOPIC_DESCRIPTION_MAX} characters.`)
  .default("");

const topicSlug = z
  .string({ error: "Choose an address for the topic." })
  .trim()
  .toLowerCase()
  .min(TOPIC_SLUG_MIN, `The address needs at least ${TOPIC_SLUG_MIN} characters.`)
  .max(TOPIC_SLUG_MAX, `The address can be at most ${TOPIC_SLUG_MAX} characters.`)
  .regex(/^[a-z0-9-]+$/, "Use only lowercase letters, digits and hyphens, like “youth-work”.")
  .refine((v) => !v.startsWith("-") && !v.endsWith("-"), "The address can't start or end with a hyphen.");

export const createTopicSchema = z.object({ name: topicName, slug: topicSlug, description: topicDescription });

/** `slug` names the topic being edited; it is not changed (addresses of topics stay stable). */
export const editTopicSchema = z.object({
  slug: z.string({ error: "There is no such topic." }).min(1, "There is no such topic."),
  name: topicName,
  description: topicDescription,
});

export const mergeTopicSchema = z
  .object({
    from: z.string({ error: "Choose the topic to merge." }).min(1, "Choose the topic to merge."),
    into: z.string({ error: "Choose the topic to merge it into." }).min(1, "Choose the topic to merge it into."),
  })
  .refine((v) => v.from !== v.into, { error: "A topic can't be merged into itself. Choose another.", path: ["into"] });
