import type { Consent } from "~db/schema";

// Rounds by email (issue 20, docs/decisions/0040): the consent choice is the first line of the answer, one of
// three keywords that are the same in every language, so that the email's instructions, a mail filter and the
// member's habit never depend on the language they read. Without one, nothing is quotable.

export const CONSENT_KEYWORDS: Record<string, Consent> = {
  "QUOTE-NAME": "named",
  "QUOTE-ANON": "anonymized",
  "NO-QUOTE": "none",
};

const LETTERS: Record<string, Consent> = Object.fromEntries(
  Object.entries(CONSENT_KEYWORDS).map(([keyword, consent]) => [keyword.replace("-", ""), consent]),
);

// The keyword as people type it: any case, a space or underscore for the dash, emphasis or punctuation around
// it, alone on its line or followed by the answer after a colon or a dash.
const KEYWORD_LINE = /^[\s*_>]*(quote[-_ ]?name|quote[-_ ]?anon|no[-_ ]?quote)(?![a-z0-9])[\s*_]*[.:!\-–—]?[ \t]*/i;

/**
 * The consent an emailed answer gives and the answer without its keyword: the first line that has text
 * decides; a keyword there gives its consent and is removed; anything else leaves the text whole and gives
 * "none".
 */
export function readConsentLine(body: string): { consent: Consent; body: string } {
  const lines = body.split("\n");
  const first = lines.findIndex((line) => line.trim() !== "");
  const match = first === -1 ? null : KEYWORD_LINE.exec(lines[first]!);
  if (!match) return { consent: "none", body: body.trim() };
  const rest = lines[first]!.slice(match[0].length);
  const remaining = [...(rest.trim() ? [rest] : []), ...lines.slice(first + 1)];
  return {
    consent: LETTERS[match[1]!.toUpperCase().replace(/[^A-Z]/g, "")] ?? "none",
    body: remaining.join("\n").trim(),
  };
}
