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
