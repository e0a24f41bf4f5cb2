import type { Consent } from "~db/schema";

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

export const ROUND_STATE_LABELS: Record<RoundState, string> = {
  upcoming: "Upcoming",
  open: "Open",
  closed: "Closed",
};

export const CONSENTS: Consent[] = ["named", "anonymized", "none"];

/** How a consent reads on an answer, and as a choice in the answer form. */
export const CONSENT_LABELS: Record<Consent, string> = {
  named: "May be quoted with my name",
  anonymized: "May be quoted without my name",
  none: "Not to be quoted",
};

export const CONSENT_SHORT: Record<Consent, string> = {
  named: "Quotable with name",
  anonymized: "Quotable anonymously",
  none: "Not for quoting",
};

export const CONSENT_HINTS: Record<Consent, string> = {
  named: "Research outputs and the round's synthesis may quote you and name you.",
  anonymized: "They may quote your words, never with your name or handle.",
  none: "Your answer is counted, but its words never leave the forum: no quotes, no exports.",
};

export function isConsent(value: unknown): value is Consent {
  return typeof value === "string" && (CONSENTS as string[]).includes(value);
}

/** A public pseudonym from a member's fields of practice and region: "A practitioner in Health, Los Angeles". */
export function suggestPseudonym(fields: string[], location: string): string {
  const field = fields[0] ? ` in ${fields[0]}` : "";
  const place = location.trim() ? `, ${location.trim()}` : "";
  return `A practitioner${field}${place}`.slice(0, PSEUDONYM_MAX);
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
