import { z } from "zod";
import type { Role } from "~/auth/viewer";
import { DAY_MS, parseDateInput } from "./date-input";

// The forms moderators use on a member (suspend, note) and admins use to set roles. Parsed with parseForm.

export const SUSPEND_REASON_MAX = 500;
export const MEMBER_NOTE_MAX = 2_000;

/** Catalog keys: shown with `t(ROLE_LABELS[role])`. */
export const ROLE_LABELS: Record<Role, string> = {
  member: "moderation:role.member",
  moderator: "moderation:role.moderator",
  admin: "moderation:role.admin",
};
const ROLE_KEYS = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

export const SUSPENSION_LENGTHS = {
  "1d": "moderation:suspensionLength.oneDay",
  "7d": "moderation:suspensionLength.sevenDays",
  "30d": "moderation:suspensionLength.thirtyDays",
  date: "moderation:suspensionLength.untilDate",
  indefinite: "moderation:suspensionLength.indefinite",
} as const;
export type SuspensionLength = keyof typeof SUSPENSION_LENGTHS;
const LENGTH_KEYS = Object.keys(SUSPENSION_LENGTHS) as [SuspensionLength, ...SuspensionLength[]];
const LENGTH_DAYS: Partial<Record<SuspensionLength, number>> = { "1d": 1, "7d": 7, "30d": 30 };

/** Gives `until`: when the suspension ends (ms), or null for indefinitely. A date ends at its midnight UTC. */
export const suspendSchema = z
  .object({
    reason: z
      .string({ error: "moderation:memberPage.reasonRequired" })
      .trim()
      .min(1, "moderation:memberPage.reasonRequired")
      .max(SUSPEND_REASON_MAX, "moderation:threadPage.lockReasonTooLong"),
    length: z.enum(LENGTH_KEYS, { error: "moderation:suspensionLength.required" }),
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
        message: "moderation:memberPage.untilRequired",
        path: ["until"],
      });
      return z.NEVER;
    }
    if (date <= now) {
      ctx.addIssue({ code: "custom", message: "moderation:memberPage.untilInPast", path: ["until"] });
      return z.NEVER;
    }
    return { reason: v.reason, until: date };
  });

export const memberNoteSchema = z.object({
  body: z
    .string({ error: "moderation:memberPage.noteRequired" })
    .trim()
    .min(1, "moderation:memberPage.noteRequired")
    .max(MEMBER_NOTE_MAX, "moderation:memberPage.noteTooLong"),
});

export const setRoleSchema = z.object({
  memberId: z
    .string({ error: "moderation:noSuchMember" })
    .regex(/^[1-9][0-9]{0,15}$/, "moderation:noSuchMember")
    .transform(Number),
  role: z.enum(ROLE_KEYS, { error: "moderation:admin.roleRequired" }),
});

export const APPROVAL_REASON_MAX = 500;

/** A moderator's decision on a member waiting for approval (MEMBER_APPROVAL=1); the reason is for the log. */
export const approvalSchema = z.object({
  intent: z.enum(["approve", "decline"], { error: "moderation:approvals.intentRequired" }),
  memberId: z
    .string({ error: "moderation:approvals.chooseMember" })
    .regex(/^[1-9][0-9]{0,15}$/, "moderation:approvals.chooseMember")
    .transform(Number),
  reason: z.string().trim().max(APPROVAL_REASON_MAX, "moderation:hideForm.noteTooLong").default(""),
});
