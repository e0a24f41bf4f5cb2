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
    .string({ error: "moderation:hideForm.choosePost" })
    .regex(/^[1-9][0-9]{0,15}$/, "moderation:hideForm.choosePost")
    .transform(Number),
});

const hideFields = {
  reason: z.enum(HIDE_REASON_KEYS, { error: "moderation:hideForm.reasonRequired" }),
  note: z.string().trim().max(HIDE_POST_NOTE_MAX, "moderation:hideForm.noteTooLong").default(""),
};
const otherNeedsNote = {
  check: (v: { reason: HideReason; note: string }) => v.reason !== "other" || v.note.length > 0,
  params: { error: "moderation:hideForm.otherNeedsNote", path: ["note"] },
};

export const hidePostSchema = z.object(hideFields).refine(otherNeedsNote.check, otherNeedsNote.params);

export const SUSPENSION_LENGTHS = {
  "1d": { label: "moderation:suspensionLength.oneDay", days: 1 },
  "7d": { label: "moderation:suspensionLength.sevenDays", days: 7 },
  "30d": { label: "moderation:suspensionLength.thirtyDays", days: 30 },
  indefinite: { label: "moderation:suspensionLength.indefinite", days: null },
} as const;
export type SuspensionLength = keyof typeof SUSPENSION_LENGTHS;
const LENGTH_KEYS = Object.keys(SUSPENSION_LENGTHS) as [SuspensionLength, ...SuspensionLength[]];

export const hideAndSuspendSchema = z
  .object({ ...hideFields, length: z.enum(LENGTH_KEYS, { error: "moderation:suspensionLength.required" }) })
  .refine(otherNeedsNote.check, otherNeedsNote.params);

/** When a suspension of this length, starting now, ends (null: until lifted). */
export function suspensionEnd(length: SuspensionLength, now = Date.now()): number | null {
  const days = SUSPENSION_LENGTHS[length].days;
  return days === null ? null : now + days * 24 * 60 * 60 * 1000;
}

const FLAG_OUTCOMES: Record<string, string> = {
  hidden: "moderation:flagOutcome.hidden",
  dismissed: "moderation:flagOutcome.dismissed",
  restored: "moderation:flagOutcome.restored",
  removed: "moderation:flagOutcome.removed",
};

/**
 * What became of a flag, in words (outcomes are written by moderatePost and dismissFlags, and "removed" by an
 * account deletion that removed the post). Shown to the member who flagged; the words are moderation's.
 */
export function describeFlagOutcome(outcome: string | null): string {
  if (outcome === null) return tr("moderation:flagOutcome.waiting");
  return tr(FLAG_OUTCOMES[outcome] ?? "moderation:flagOutcome.reviewed");
}

export function flagReasonLabel(reason: string): string {
  return reason in FLAG_REASONS ? tr(`threads:flag.reasons.${reason}`) : reason;
}
