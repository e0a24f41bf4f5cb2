// Turns whatever a person typed into a safe full-text query: words and "quoted phrases", all required.
// Operators, brackets, stray quotes and symbols are never passed to the engine as syntax.

export const MAX_SEARCH_TERMS = 12;
const MAX_TERM_LENGTH = 60;
const MAX_INPUT = 500;

export interface ParsedSearch {
  /** Words and phrases, each a list of words. */
  terms: string[][];
  /** True when the input had more than we use. */
  truncated: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.slice(0, MAX_TERM_LENGTH));
}

export function parseSearchQuery(input: string): ParsedSearch {
  const text = input.slice(0, MAX_INPUT);
  let truncated = input.length > MAX_INPUT;
  const terms: string[][] = [];
  // Split on double quotes: odd pieces are phrases; an unclosed quote makes the rest a phrase.
  text.split(/["“”]/).forEach((piece, index) => {
    const words = wordsOf(piece);
    if (!words.length) return;
    if (index % 2 === 1) terms.push(words);
    else for (const word of words) terms.push([word]);
  });
  if (terms.length > MAX_SEARCH_TERMS) truncated = true;
  return { terms: terms.slice(0, MAX_SEARCH_TERMS), truncated };
}

/** FTS5 syntax for parsed terms: every word quoted (so it is never an operator), phrases kept together. */
export function toFts5Query(parsed: ParsedSearch): string {
  return parsed.terms.map((words) => `"${words.join(" ").replace(/"/g, "")}"`).join(" ");
}

const fold = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
const SNIPPET_WORDS = 28;

/**
 * The passage of a text around the first match, as pieces with the matched words marked. Made in code
 * rather than by FTS5's snippet(), which would re-run the query's doclist for every row.
 */
export function makeSnippet(text: string, parsed: ParsedSearch): Array<{ text: string; hit: boolean }> {
  const wanted = new Set(
    parsed.terms
      .flat()
      .flatMap((w) => fold(w).split(/[^\p{L}\p{N}]+/u))
      .filter(Boolean),
  );
  const tokens = text.split(/(\s+)/);
  const isHit = (token: string) =>
    fold(token)
      .split(/[^\p{L}\p{N}]+/u)
      .some((part) => wanted.has(part));
  const words = tokens.filter((t) => t.trim());
  const first = Math.max(0, words.findIndex(isHit));
  const start = Math.max(0, first - Math.floor(SNIPPET_WORDS / 3));
  const window = words.slice(start, start + SNIPPET_WORDS);
  const pieces: Array<{ text: string; hit: boolean }> = [];
  if (start > 0) pieces.push({ text: "… ", hit: false });
  window.forEach((word, i) => {
    const separator = i < window.length - 1 ? " " : "";
    if (isHit(word)) {
      pieces.push({ text: word, hit: true });
      if (separator) pieces.push({ text: separator, hit: false });
    } else {
      const last = pieces[pieces.length - 1];
      if (last && !last.hit) last.text += word + separator;
      else pieces.push({ text: word + separator, hit: false });
    }
  });
  if (start + SNIPPET_WORDS < words.length) pieces.push({ text: " …", hit: false });
  return pieces;
}
