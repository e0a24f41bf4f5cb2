import { z } from "zod";
import type { Role } from "~/auth/viewer";
import { DAY_MS, parseDateInput } from "./date-input";

// The forms moderators use on a member (suspend, note) and admins use to set roles. Parsed with parseForm.

export const SUSPEND_REASON_MAX = 500;
export const MEMBER_NOTE_MAX = 2_000;

export const ROLE_LABELS: Record<Role, string> = { member: "Member", moderator: "Moderator", admin: "Admin" };
const ROLE_KEYS = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

export const SUSPENSION_LENGTHS = {
  "1d": "1 day",
  "7d": "7 days",
  "30d": "30 days",
  date: "Until a date",
  indefinite: "Indefinitely, until a moderator lifts it",
} as const;
export type SuspensionLength = keyof typeof SUSPENSION_LENGTHS;
const LENGTH_KEYS = Object.keys(SUSPENSION_LENGTHS) as [SuspensionLength, ...SuspensionLength[]];
const LENGTH_DAYS: Partial<Record<SuspensionLength, number>> = { "1d": 1, "7d": 7, "30d": 30 };

/** Gives `until`: when the suspension ends (ms), or null for indefinitely. A date ends at its midnight UTC. */
export const suspendSchema = z
  .object({
    reason: z
      .string({ error: "Say why you are suspending this member." })
      .trim()
      .min(1, "Say why you are suspending this member.")
      .max(SUSPEND_REASON_MAX, `Keep the reason to ${SUSPEND_REASON_MAX} characters.`),
    length: z.enum(LENGTH_KEYS, { error: "Choose how long the suspension lasts." }),
    until: z.string().trim().default(""),
  })
  .transform((v, ctx) => {
    const now = Date.now();
    const days = LENGTH_DAYS[v.length];
    if (days !== undefined) return { reason: v.reason, until: now + days * DAY_MS };
    if (v.length === "indefinite") return { reason: v.reason, until: null };
    const date = parseDateInput(v.until);
    if (date === null) {
      ctx.addIssue({
        code: "custom",
        message: "Choose the date the suspension ends, like 2026-05-01.",
        path: ["until"],
      });
      return z.NEVER;
    }
    if (date <= now) {
      ctx.addIssue({ code: "custom", message: "Choose a date in the future: tomorrow or later.", path: ["until"] });
      return z.NEVER;
    }
    return { reason: v.reason, until: date };
  });

export const memberNoteSchema = z.object({
  body: z
    .string({ error: "Write the note first." })
    .trim()
    .min(1, "Write the note first.")
    .max(MEMBER_NOTE_MAX, `Keep notes to ${MEMBER_NOTE_MAX.toLocaleString("en-US")} characters.`),
});

export const setRoleSchema = z.object({
  memberId: z
    .string({ error: "There is no such member." })
    .regex(/^[1-9][0-9]{0,15}$/, "There is no such member.")
    .transform(Number),
  role: z.enum(ROLE_KEYS, { error: "Choose member, moderator or admin." }),
});

export const APPROVAL_REASON_MAX = 500;

/** A moderator's decision on a member waiting for approval (MEMBER_APPROVAL=1); the reason is for the log. */
export const approvalSchema = z.object({
  intent: z.enum(["approve", "decline"], { error: "Choose approve or decline." }),
  memberId: z
    .string({ error: "Choose a member from the queue." })
    .regex(/^[1-9][0-9]{0,15}$/, "Choose a member from the queue.")
    .transform(Number),
  reason: z.string().trim().max(APPROVAL_REASON_MAX, `Keep the note to ${APPROVAL_REASON_MAX} characters.`).default(""),
});
