import { getDefaults, Lexer } from "marked";
import { MarkdownRefusedError } from "./markdown.server";

// Structure no real post has, refused before rendering with a message that says what to change. marked's
// cost grows with the square of some of these (emphasis markers in one paragraph, nesting depth) and a wide
// table repeats its columns in every row, so a 50,000-character post could take seconds or gigabytes.
// The limits are far above what people write; the worker's deadline (markdown-bounded.server.ts) catches
// whatever these miss.

/** Lists and quotes inside one another. */
export const MARKDOWN_MAX_NESTING = 16;
/** Runs of `*`, `_` or `~` in one paragraph, heading or table cell (each run may open or close emphasis). */
export const MARKDOWN_MAX_EMPHASIS_PER_PARAGRAPH = 500;
/** The same, in the whole text: the cost is about the product of this and the one above. */
export const MARKDOWN_MAX_EMPHASIS = 2_000;
/** `[` and `]` in one paragraph, heading or table cell. */
export const MARKDOWN_MAX_BRACKETS_PER_PARAGRAPH = 1_000;
export const MARKDOWN_MAX_TABLE_COLUMNS = 50;
export const MARKDOWN_MAX_TABLE_ROWS = 1_000;
/** Cells in all tables together: every row of a table has as many cells as its header. */
export const MARKDOWN_MAX_TABLE_CELLS = 10_000;
/** `@handle` mentions in the whole text. */
export const MARKDOWN_MAX_MENTIONS = 100;

export type MarkdownStructure =
  | "nesting"
  | "emphasis-paragraph"
  | "emphasis"
  | "brackets"
  | "table-columns"
  | "table-rows"
  | "table-cells"
  | "mentions";

const MESSAGES: Record<MarkdownStructure, (found: number, limit: number) => string> = {
  nesting: (found, limit) =>
    `Lists and quotes are nested ${found} levels deep here; we format at most ${limit}. Please flatten the deepest part.`,
  "emphasis-paragraph": (found, limit) =>
    `One paragraph has ${found} runs of *, _ or ~; we format at most ${limit}. Put code in a code block (\`\`\`) or split the paragraph.`,
  emphasis: (found, limit) =>
    `This text has ${found} runs of *, _ or ~; we format at most ${limit}. Put code in a code block (\`\`\`) or shorten the text.`,
  brackets: (found, limit) =>
    `One paragraph has ${found} square brackets; we format at most ${limit}. Put code in a code block (\`\`\`) or split the paragraph.`,
  "table-columns": (found, limit) => `A table has ${found} columns; we format at most ${limit}.`,
  "table-rows": (found, limit) => `A table has ${found} rows; we format at most ${limit}. Please split it.`,
  "table-cells": (found, limit) =>
    `The tables here have ${found} cells together; we format at most ${limit}. Please make them smaller.`,
  mentions: (found, limit) => `This text mentions members ${found} times; at most ${limit} mentions are allowed.`,
};

// The same messages as catalog keys, worded in the reader's language where they are shown (issue 18).
const WORDING_KEYS: Record<MarkdownStructure, string> = {
  nesting: "composer:markdown.structure.nesting",
  "emphasis-paragraph": "composer:markdown.structure.emphasisParagraph",
  emphasis: "composer:markdown.structure.emphasis",
  brackets: "composer:markdown.structure.brackets",
  "table-columns": "composer:markdown.structure.tableColumns",
  "table-rows": "composer:markdown.structure.tableRows",
  "table-cells": "composer:markdown.structure.tableCells",
  mentions: "composer:markdown.structure.mentions",
};

export class MarkdownStructureError extends MarkdownRefusedError {
  override name = "MarkdownStructureError";
  constructor(
    readonly structure: MarkdownStructure,
    readonly found: number,
    readonly limit: number,
  ) {
    super(MESSAGES[structure](found, limit), { key: WORDING_KEYS[structure], values: { found, limit } });
  }
}

function refuseOver(structure: MarkdownStructure, found: number, limit: number): void {
  if (found > limit) throw new MarkdownStructureError(structure, found, limit);
}

/**
 * Throws MarkdownStructureError for structure past the limits above. Linear in the length of the source
 * (marked's block pass is, once nesting and tables are bounded). The worker does the same in two steps
 * around its own block pass: checkMarkdownLines, then checkInlineRuns (see markdown-worker.server.ts).
 */
export function checkMarkdownStructure(source: string): void {
  checkMarkdownLines(source);
  const lexer = new Lexer({ ...getDefaults(), gfm: true, breaks: true });
  lexer.blockTokens(source.replace(/\r\n?/g, "\n"));
  checkInlineRuns(lexer.inlineQueue.map((queued) => queued.src));
}

/** Nesting and tables, from the lines alone: these make marked's block pass itself slow or huge. */
export function checkMarkdownLines(source: string): void {
  const lines = source.split(/\r\n|\r|\n/);
  checkNesting(lines);
  checkTables(lines);
}

/**
 * Emphasis, brackets and mentions in the inline runs of marked's block pass: each paragraph, heading and
 * table cell is one run, the unit in which emphasis and brackets are matched against each other. Code
 * blocks are not runs, so what is inside them is never counted.
 */
export function checkInlineRuns(runs: string[]): void {
  let emphasis = 0;
  let mentions = 0;
  for (const run of runs) {
    const runEmphasis = countMatches(run, EMPHASIS_RUN);
    refuseOver("emphasis-paragraph", runEmphasis, MARKDOWN_MAX_EMPHASIS_PER_PARAGRAPH);
    emphasis += runEmphasis;
    refuseOver("brackets", countMatches(run, BRACKET), MARKDOWN_MAX_BRACKETS_PER_PARAGRAPH);
    mentions += countMatches(run, MENTION);
  }
  refuseOver("emphasis", emphasis, MARKDOWN_MAX_EMPHASIS);
  refuseOver("mentions", mentions, MARKDOWN_MAX_MENTIONS);
}

const EMPHASIS_RUN = /[*_~]+/g;
const BRACKET = /[[\]]/g;
// As markdown.server.ts finds them, but counted as written, code spans included: a limit no real post
// reaches leaves room for the overcount.
const MENTION = /(?<![a-z0-9_.+\-@/\\])@[a-z0-9_]{3,30}/gi;

function countMatches(text: string, pattern: RegExp): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) n++;
  return n;
}

interface LinePrefix {
  /** Quote and list markers at the start of the line. */
  markers: number;
  /** Columns of indentation before and between them (a tab is 4). */
  indent: number;
  /** Where the line's content starts. */
  end: number;
  /** The line is only markers of one kind ("- - -", "* * *"): a thematic break, not nesting. */
  onlyBreakMarkers: boolean;
}

/** Reads the container markers at the start of a line: `>`, `-`, `*`, `+`, `1.` and `1)` (CommonMark's). */
function readPrefix(line: string): LinePrefix {
  let markers = 0;
  let indent = 0;
  let i = 0;
  const kinds = new Set<string>();
  for (;;) {
    while (line[i] === " " || line[i] === "\t") indent += line[i++] === "\t" ? 4 : 1;
    const c = line[i];
    if (c === ">") {
      markers++;
      kinds.add(c);
      i++;
      if (line[i] === " ") i++; // the optional space belongs to the marker
      continue;
    }
    let next = i;
    if (c === "-" || c === "*" || c === "+") next = i + 1;
    else {
      while (next - i < 9 && line[next]! >= "0" && line[next]! <= "9") next++;
      if (next === i || (line[next] !== "." && line[next] !== ")")) break;
      next++;
    }
    // A list marker is followed by a space, a tab or the end of the line.
    if (next < line.length && line[next] !== " " && line[next] !== "\t") break;
    markers++;
    kinds.add(line.slice(i, next));
    i = next < line.length ? next + 1 : next;
  }
  const onlyBreakMarkers =
    i >= line.trimEnd().length && kinds.size === 1 && ["-", "*"].includes([...kinds][0]!) && markers >= 3;
  return { markers, indent, end: i, onlyBreakMarkers };
}

// Each level of nesting by indentation takes at least two columns ("- " is the narrowest list marker), so
// markers plus half the indentation never undercounts. It may overcount an indented code line that starts
// with "- ", which would need to be indented 30 columns to matter.
function checkNesting(lines: string[]): void {
  let deepest = 0;
  for (const line of lines) {
    const prefix = readPrefix(line);
    if (prefix.onlyBreakMarkers) continue;
    if (prefix.markers === 0) continue;
    deepest = Math.max(deepest, prefix.markers + Math.floor(prefix.indent / 2));
  }
  refuseOver("nesting", deepest, MARKDOWN_MAX_NESTING);
}

// A GFM table needs a delimiter row ("| --- | :-: |"), which fixes its number of columns; its rows run to
// the next blank line. Checked on the lines, before marked pads every row to the header's width.
const DELIMITER_ROW = /^[\s|:-]+$/;

function checkTables(lines: string[]): void {
  let cells = 0;
  for (let i = 0; i < lines.length; i++) {
    const content = lines[i]!.slice(readPrefix(lines[i]!).end);
    if (!content.includes("|") || !content.includes("-") || !DELIMITER_ROW.test(content)) continue;
    const columns = content.split("|").filter((cell) => cell.includes("-")).length;
    refuseOver("table-columns", columns, MARKDOWN_MAX_TABLE_COLUMNS);
    let rows = 1; // the header
    while (i + 1 < lines.length && lines[i + 1]!.slice(readPrefix(lines[i + 1]!).end).trim() !== "") {
      i++;
      rows++;
    }
    refuseOver("table-rows", rows, MARKDOWN_MAX_TABLE_ROWS);
    cells += rows * columns;
    refuseOver("table-cells", cells, MARKDOWN_MAX_TABLE_CELLS);
  }
}
