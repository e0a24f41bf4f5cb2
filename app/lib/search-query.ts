// Turns whatever a person typed into a search: words and "quoted phrases", all required. Operators, brackets,
// stray quotes and symbols are never syntax. Nothing here knows the engine: the search module
// (app/models/search-index.server.ts) writes these terms in its engine's query language.

export const MAX_SEARCH_TERMS = 12;
const MAX_TERM_LENGTH = 60;
const MAX_INPUT = 500;
/** A last word shorter than this is matched whole: "a*" or "to*" would match most of the index. */
const PREFIX_MIN_LENGTH = 3;

export interface ParsedSearch {
  /** Words and phrases, each a list of words. */
  terms: string[][];
  /** True when the input had more than we use. */
  truncated: boolean;
  /** The last term is one word (3+ letters), perhaps not finished: it also matches words that start with it. */
  prefixLast: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).map((w) => w.slice(0, MAX_TERM_LENGTH));
}

export function parseSearchQuery(input: string): ParsedSearch {
  const text = input.slice(0, MAX_INPUT);
  let truncated = input.length > MAX_INPUT;
  const terms: string[][] = [];
  let lastIsPhrase = false;
  // Split on double quotes: odd pieces are phrases; an unclosed quote makes the rest a phrase.
  text.split(/["“”]/).forEach((piece, index) => {
    const words = wordsOf(piece);
    if (!words.length) return;
    lastIsPhrase = index % 2 === 1;
    if (lastIsPhrase) terms.push(words);
    else for (const word of words) terms.push([word]);
  });
  if (terms.length > MAX_SEARCH_TERMS) truncated = true;
  const kept = terms.slice(0, MAX_SEARCH_TERMS);
  const last = kept[kept.length - 1];
  const prefixLast =
    !truncated && !lastIsPhrase && last !== undefined && last.length === 1 && last[0]!.length >= PREFIX_MIN_LENGTH;
  return { terms: kept, truncated, prefixLast };
}

/** The query a person would type for these terms (phrases in quotes): for "did you mean" links. */
export function formatSearchQuery(terms: string[][]): string {
  return terms.map((words) => (words.length > 1 ? `"${words.join(" ")}"` : words[0])).join(" ");
}

/**
 * English endings that complete a partial word: an index that stores stems ("organ" for "organizing") cannot
 * find "organiz" as a prefix of "organ", so the partial word is also searched as each word it may be the start
 * of, and the engine stems those. Where the word already ends with the start of an ending ("organizi"), it is
 * finished ("organizing"). docs/decisions/0023.
 */
const ENGLISH_ENDINGS = [
  "e", "s", "es", "ed", "er", "ers", "ing", "ings", "ion", "ions", "ation", "ations", "ize", "ized", "izes",
  "izing", "izer", "izers", "ization", "izations", "ise", "ised", "ising", "y", "ies", "ied", "al", "ally",
  "ly", "ment", "ments", "ness", "ity", "ive", "able", "ful", "ism", "ist", "ists",
]; // prettier-ignore
const MAX_COMPLETIONS = 48;

/** Whole words a partial word may be the start of, for an index of stems (bounded: at most 48). */
export function completionsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const completions = new Set<string>();
  for (const ending of ENGLISH_ENDINGS) {
    for (let typed = Math.min(ending.length - 1, lower.length - PREFIX_MIN_LENGTH); typed >= 0; typed--) {
      if (lower.endsWith(ending.slice(0, typed))) completions.add(lower + ending.slice(typed));
    }
  }
  return [...completions].slice(0, MAX_COMPLETIONS);
}

/**
 * A typed word as itself and without each English ending it has (3+ letters left): "did you mean" compares
 * these with the index's stems, so "chnages" is near "chang" (stored for "changes") as "chnag".
 */
export function basesOf(word: string): Array<{ base: string; ending: string }> {
  const bases = [{ base: word, ending: "" }];
  for (const ending of ENGLISH_ENDINGS) {
    if (word.length - ending.length >= PREFIX_MIN_LENGTH && word.endsWith(ending)) {
      bases.push({ base: word.slice(0, -ending.length), ending });
    }
  }
  return bases;
}

/** Lowercase with diacritics folded, as the index's tokenizer does; plain ASCII (most text) skips normalizing. */
export const foldText = (text: string) =>
  /^[\x00-\x7f]*$/.test(text)
    ? text.toLowerCase()
    : text
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase();
export const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** The folded words a search looks for, and which of them may be the start of a longer word. */
export function wantedWords(parsed: ParsedSearch): { words: Set<string>; prefix: string | null } {
  const words = new Set(
    parsed.terms
      .flat()
      .flatMap((w) => foldText(w).split(WORD_SPLIT))
      .filter(Boolean),
  );
  const last = parsed.terms[parsed.terms.length - 1]?.[0];
  return { words, prefix: parsed.prefixLast && last ? foldText(last) : null };
}

/**
 * Whether a folded word of a text is one the search looked for, as near as we can tell without the engine's
 * stemmer: the same word, the same start of a word with a different ending ("listservs" for "listserv",
 * "organizer" for "organizing"), or a word that starts with the partial last word. For marking snippets and
 * ranking a few hundred recent matches; the engine decides what matches.
 */
export function isWantedWord(token: string, wanted: { words: Set<string>; prefix: string | null }): boolean {
  if (!token) return false;
  if (wanted.words.has(token)) return true;
  if (wanted.prefix && token.startsWith(wanted.prefix)) return true;
  if (token.length < 4) return false;
  for (const word of wanted.words) {
    if (word.length < 4) continue;
    const shorter = Math.min(word.length, token.length);
    let shared = 0;
    while (shared < shorter && word[shared] === token[shared]) shared++;
    if (shared >= Math.max(4, shorter - 2)) return true;
  }
  return false;
}

/**
 * Edit distance (insertions, deletions, substitutions and swaps of two neighbours, each 1) between two words,
 * or max + 1 as soon as it must exceed max: "did you mean" compares a typed word with a bounded set of terms.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

const SNIPPET_WORDS = 28;

/**
 * The passage of a text around the first match, as pieces with the matched words marked. Made in code
 * rather than by FTS5's snippet(), which would re-run the query's doclist for every row.
 */
export function makeSnippet(text: string, parsed: ParsedSearch): Array<{ text: string; hit: boolean }> {
  const wanted = wantedWords(parsed);
  const tokens = text.split(/(\s+)/);
  const isHit = (token: string) =>
    foldText(token)
      .split(WORD_SPLIT)
      .some((part) => isWantedWord(part, wanted));
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
