import { foldText, isWantedWord, type ParsedSearch, wantedWords, WORD_SPLIT } from "./search-query";

// Ranking a common word's newest matches in code (docs/decisions/0007): bm25 with a constant IDF over a few
// hundred texts, counting the wanted words (or words sharing their stem) as the snippets mark them.

/** A candidate of a search, lower scores first, with the text its snippet is cut from. */
export interface RankedText {
  id: number;
  score: number;
  text: string;
}

type Wanted = ReturnType<typeof wantedWords>;

/** What ranking a few hundred texts needs to know of the wanted words, and isWantedWord's answer per word met. */
interface WordMatcher {
  wanted: Wanted;
  /** First letters of the wanted words: a word starting otherwise is never one (see isWantedWord). */
  firsts: Set<number>;
  known: Map<string, boolean>;
}

function wordMatcher(wanted: Wanted): WordMatcher {
  const firsts = new Set([...wanted.words, ...(wanted.prefix ? [wanted.prefix] : [])].map((w) => w.charCodeAt(0)));
  return { wanted, firsts, known: new Map() };
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * How often the wanted words (or words sharing their stem) occur in a text, and its length in words. Plain
 * ASCII (most text) is walked letter by letter, and only words starting with a wanted word's first letter are
 * cut out and looked at: splitting 300 posts into words cost a common-word search 1 ms and as much in
 * garbage collection. Other text is split as WORD_SPLIT says; both count the same words.
 */
function termCounts(text: string, matcher: WordMatcher): { counts: Map<string, number>; length: number } {
  const counts = new Map<string, number>();
  const count = (token: string) => {
    let isWanted = matcher.known.get(token);
    if (isWanted === undefined) matcher.known.set(token, (isWanted = isWantedWord(token, matcher.wanted)));
    if (isWanted) counts.set(token, (counts.get(token) ?? 0) + 1);
  };
  const folded = foldText(text);
  let length = 0;
  if (!ASCII_ONLY.test(folded)) {
    for (const token of folded.split(WORD_SPLIT)) {
      if (!token) continue;
      length++;
      count(token);
    }
    return { counts, length };
  }
  for (let i = 0; i < folded.length;) {
    const first = folded.charCodeAt(i);
    if (!isAsciiWordChar(first)) {
      i++;
      continue;
    }
    const start = i;
    while (i < folded.length && isAsciiWordChar(folded.charCodeAt(i))) i++;
    length++;
    if (matcher.firsts.has(first)) count(folded.slice(start, i));
  }
  return { counts, length };
}

/** bm25 (k1 1.2, b 0.75, titles weighted 10 to 1) with a constant IDF, over a few hundred candidates. */
export function rankRecent(
  rows: Array<{ id: number; title: string; body: string }>,
  parsed: ParsedSearch,
): RankedText[] {
  const matcher = wordMatcher(wantedWords(parsed));
  const docs = rows.map((r) => ({
    id: r.id,
    text: r.body || r.title,
    title: termCounts(r.title, matcher),
    body: termCounts(r.body, matcher),
  }));
  const average = (key: "title" | "body") =>
    docs.reduce((n, d) => n + d[key].length, 0) / Math.max(1, docs.length) || 1;
  const avgTitle = average("title");
  const avgBody = average("body");
  const part = (field: { counts: Map<string, number>; length: number }, avg: number) => {
    let sum = 0;
    for (const tf of field.counts.values()) sum += (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * field.length) / avg));
    return sum;
  };
  return docs
    .map((d) => ({ id: d.id, text: d.text, score: -(10 * part(d.title, avgTitle) + part(d.body, avgBody)) }))
    .sort((a, b) => a.score - b.score || b.id - a.id);
}
