import { z } from "zod";
import { FLAG_REASONS, HIDE_REASONS, type FlagReason, type HideReason } from "./moderation";
import { tr } from "./translate";

// Flags and hidden posts: the forms members and moderators fill in (parsed with parseForm in lib/validation)
// and the words for what became of a flag.

export const FLAG_NOTE_MAX = 500;
export const HIDE_POST_NOTE_MAX = 500;

const FLAG_REASON_KEYS = Object.keys(FLAG_REASONS) as [FlagReason, ...FlagReason[]];
const HIDE_REASON_KEYS = Object.keys(HIDE_REASONS) as [HideReason, ...HideReason[]];

export const flagSchema = z.object({
  reason: z.enum(FLAG_REASON_KEYS, { error: "threads:flag.reasonRequired" }),
  note: z.string().trim().max(FLAG_NOTE_MAX, "threads:flag.noteTooLong").default(""),
});

/** Which post a form on a page of several posts acts on. */
export const postIdSchema = z.object({
  postId: z
    .string({ error: "Choose a post." })
    .regex(/^[1-9][0-9]{0,15}$/, "Choose a post.")
    .transform(Number),
});

const hideFields = {
  reason: z.enum(HIDE_REASON_KEYS, { error: "Choose why you are hiding this post." }),
  note: z.string().trim().max(HIDE_POST_NOTE_MAX, `Keep the note to ${HIDE_POST_NOTE_MAX} characters.`).default(""),
};
const otherNeedsNote = {
  check: (v: { reason: HideReason; note: string }) => v.reason !== "other" || v.note.length > 0,
  params: { error: "With “Other”, write a note: the author will read it.", path: ["note"] },
};

export const hidePostSchema = z.object(hideFields).refine(otherNeedsNote.check, otherNeedsNote.params);

export const SUSPENSION_LENGTHS = {
  "1d": { label: "1 day", days: 1 },
  "7d": { label: "7 days", days: 7 },
  "30d": { label: "30 days", days: 30 },
  indefinite: { label: "Indefinitely, until a moderator lifts it", days: null },
} as const;
export type SuspensionLength = keyof typeof SUSPENSION_LENGTHS;
const LENGTH_KEYS = Object.keys(SUSPENSION_LENGTHS) as [SuspensionLength, ...SuspensionLength[]];

export const hideAndSuspendSchema = z
  .object({ ...hideFields, length: z.enum(LENGTH_KEYS, { error: "Choose how long the suspension lasts." }) })
  .refine(otherNeedsNote.check, otherNeedsNote.params);

/** When a suspension of this length, starting now, ends (null: until lifted). */
export function suspensionEnd(length: SuspensionLength, now = Date.now()): number | null {
  const days = SUSPENSION_LENGTHS[length].days;
  return days === null ? null : now + days * 24 * 60 * 60 * 1000;
}

/**
 * What became of a flag, in words (outcomes are written by moderatePost and dismissFlags, and "removed" by an
 * account deletion that removed the post).
 */
export function describeFlagOutcome(outcome: string | null): string {
  switch (outcome) {
    case null:
      return tr("threads:flag.outcome.waiting");
    case "hidden":
    case "dismissed":
    case "restored":
    case "removed":
      return tr(`threads:flag.outcome.${outcome}`);
    default:
      return tr("threads:flag.outcome.reviewed");
  }
}

export function flagReasonLabel(reason: string): string {
  return reason in FLAG_REASONS ? tr(`threads:flag.reasons.${reason}`) : reason;
}
