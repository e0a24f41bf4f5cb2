import { i18nFor, languageOfMatches } from "./i18n";
import { tr } from "./translate";

// Shared vocabulary of moderation, for forms (browser) and rules (server).

/** The reasons a moderator hides a post or thread, as catalog keys (translated where they are shown). */
export const HIDE_REASONS = {
  spam: "moderation:hideReason.spam",
  harassment: "moderation:hideReason.harassment",
  "off-topic": "moderation:hideReason.offTopic",
  "personal-information": "moderation:hideReason.personalInformation",
  other: "moderation:hideReason.other",
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

/** How a hidden post's reason reads to its author and to moderators, in the language of the work in progress. */
export function describeHideReason(reason: string | null, note: string | null): string {
  const label = tr(
    reason && reason in HIDE_REASONS
      ? HIDE_REASONS[reason as HideReason]
      : reason === "flagged"
        ? "moderation:hideReason.flagged"
        : "moderation:hideReason.hidden",
  );
  return note ? tr("moderation:hideReason.withNote", { label, note }) : label;
}

/**
 * A page's <title> in the page's language: the catalog key's text (with values), then " · Roundtable". For
 * meta functions, which run outside components: `title: pageTitle(matches, "moderation:home.title")`.
 */
export function pageTitle(
  matches: ReadonlyArray<{ id: string; data?: unknown }>,
  key: string,
  values?: Record<string, unknown>,
): string {
  const { t } = i18nFor(languageOfMatches(matches));
  return t("errors:documentTitle", { title: t(key, values) });
}
