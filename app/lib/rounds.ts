import type { Consent } from "~db/schema";
import { i18nFor, languageOfMatches } from "./i18n";
import { tr } from "./translate";

// Rounds in words and dates, for server and browser alike. A round's state is never stored: it is read from
// its dates, so a round opens and closes on time without anything having to run.

export type { Consent };
export type RoundState = "upcoming" | "open" | "closed";

export const DAY_MS = 86_400_000;
/** Followers of a round's topics are reminded this long before it closes (npm run rounds:notify). */
export const REMINDER_BEFORE_CLOSE_MS = 2 * DAY_MS;
export const PROMPTS_MIN = 1;
export const PROMPTS_MAX = 7;
export const PSEUDONYM_MAX = 80;

export function roundState(round: { opensAt: number; closesAt: number }, now: number): RoundState {
  if (now < round.opensAt) return "upcoming";
  return now < round.closesAt ? "open" : "closed";
}

/** Catalog keys: a component shows `t(ROUND_STATE_LABELS[state])`. */
export const ROUND_STATE_LABELS: Record<RoundState, string> = {
  upcoming: "rounds:state.upcoming",
  open: "rounds:state.open",
  closed: "rounds:state.closed",
};

export const CONSENTS: Consent[] = ["named", "anonymized", "none"];

// How a consent reads on an answer, and as a choice in the answer form: catalog keys, translated where shown.
export const CONSENT_LABELS: Record<Consent, string> = {
  named: "rounds:consent.label.named",
  anonymized: "rounds:consent.label.anonymized",
  none: "rounds:consent.label.none",
};

export const CONSENT_SHORT: Record<Consent, string> = {
  named: "rounds:consent.short.named",
  anonymized: "rounds:consent.short.anonymized",
  none: "rounds:consent.short.none",
};

export const CONSENT_HINTS: Record<Consent, string> = {
  named: "rounds:consent.hint.named",
  anonymized: "rounds:consent.hint.anonymized",
  none: "rounds:consent.hint.none",
};

export function isConsent(value: unknown): value is Consent {
  return typeof value === "string" && (CONSENTS as string[]).includes(value);
}

/**
 * A public pseudonym from a member's fields of practice and region, in the language of the work in progress:
 * "A practitioner in Health, Los Angeles".
 */
export function suggestPseudonym(fields: string[], location: string): string {
  const place = location.trim();
  const key = fields[0] ? (place ? "withFieldAndPlace" : "withField") : place ? "withPlace" : "plain";
  return tr(`rounds:pseudonym.${key}`, { field: fields[0], place }).slice(0, PSEUDONYM_MAX);
}

// Round dates are days, read and written like every date input on the site.
export { dateInputValue as dayValue, parseDateInput as parseDay } from "./date-input";

/** What a round notification's detail holds: which round, and its title when it was sent. */
export interface RoundNotice {
  roundId: number;
  title: string;
}

export function encodeRoundNotice(notice: RoundNotice): string {
  return JSON.stringify(notice);
}

export function decodeRoundNotice(detail: string): RoundNotice | null {
  try {
    const value = JSON.parse(detail) as Partial<RoundNotice>;
    return typeof value.roundId === "number" && typeof value.title === "string"
      ? { roundId: value.roundId, title: value.title }
      : null;
  } catch {
    return null;
  }
}

/** A round's close is exclusive (midnight after its last day); people read the last day it takes answers. */
export function lastDay(closesAt: number): number {
  return closesAt - 1;
}

/** A rounds page's <title> in the page's language: the key's text (with values), then " · Roundtable". */
export function pageTitle(
  matches: ReadonlyArray<{ id: string; data?: unknown }>,
  key: string,
  values?: Record<string, unknown>,
): string {
  const { t } = i18nFor(languageOfMatches(matches));
  return t("errors:documentTitle", { title: t(key, values) });
}
