// Shared vocabulary of moderation, for forms (browser) and rules (server).

export const HIDE_REASONS = {
  spam: "Spam",
  harassment: "Harassment",
  "off-topic": "Off-topic",
  "personal-information": "Personal information",
  other: "Other",
} as const;
export type HideReason = keyof typeof HIDE_REASONS;

export const FLAG_REASONS = {
  spam: "Spam or advertising",
  harassment: "Harassment or hate",
  "off-topic": "Off-topic",
  "personal-information": "Shares someone's personal information",
  other: "Something else",
} as const;
export type FlagReason = keyof typeof FLAG_REASONS;

/** How a hidden post's reason reads to its author and to moderators. */
export function describeHideReason(reason: string | null, note: string | null): string {
  const label =
    reason && reason in HIDE_REASONS
      ? HIDE_REASONS[reason as HideReason]
      : reason === "flagged"
        ? "Flagged by several members, waiting for a moderator"
        : "Hidden";
  return note ? `${label} (${note})` : label;
}
