// What each button of the Markdown toolbar does to a textarea's text and selection: pure, so it is tested
// without a browser (tests/lib/markdown-format.test.ts). The field applies the change as typing would, so
// undo works.

import { tr } from "~/lib/translate";

export type MarkdownFormat = "bold" | "italic" | "link" | "list" | "quote" | "heading";

/** Replace text[from, to) with `text`, then select [selectStart, selectEnd) (positions in the new text). */
export interface TextEdit {
  from: number;
  to: number;
  text: string;
  selectStart: number;
  selectEnd: number;
}

// Catalog keys of the words put in when nothing is selected, translated when a button is pressed.
const PLACEHOLDER_KEYS: Record<"bold" | "italic" | "link", string> = {
  bold: "composer:format.boldText",
  italic: "composer:format.italicText",
  link: "composer:format.linkText",
};

function wrap(value: string, start: number, end: number, before: string, after: string, placeholder: string) {
  const selected = value.slice(start, end) || placeholder;
  return {
    from: start,
    to: end,
    text: `${before}${selected}${after}`,
    selectStart: start + before.length,
    selectEnd: start + before.length + selected.length,
  };
}

const LINE_PREFIXES: Record<"list" | "quote" | "heading", string> = { list: "- ", quote: "> ", heading: "### " };

/** The edit that applies `format` to the selection [start, end) of `value`. */
export function formatSelection(value: string, start: number, end: number, format: MarkdownFormat): TextEdit {
  if (format === "bold") return wrap(value, start, end, "**", "**", tr(PLACEHOLDER_KEYS.bold));
  if (format === "italic") return wrap(value, start, end, "_", "_", tr(PLACEHOLDER_KEYS.italic));
  if (format === "link") {
    const selected = value.slice(start, end);
    if (/^https?:\/\/\S+$/.test(selected)) {
      // A selected address becomes the link's target, and its words are left to type.
      const linkText = tr(PLACEHOLDER_KEYS.link);
      const text = `[${linkText}](${selected})`;
      return { from: start, to: end, text, selectStart: start + 1, selectEnd: start + 1 + linkText.length };
    }
    const words = selected || tr(PLACEHOLDER_KEYS.link);
    const text = `[${words}](https://)`;
    const urlStart = start + words.length + 3;
    return { from: start, to: end, text, selectStart: urlStart, selectEnd: urlStart + "https://".length };
  }
  // Line formats: every line the selection touches gets the prefix (a heading, only the first).
  const prefix = LINE_PREFIXES[format];
  const from = value.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = value.indexOf("\n", Math.max(end - (end > start ? 1 : 0), start));
  const to = lineEnd === -1 ? value.length : lineEnd;
  const lines = value.slice(from, to).split("\n");
  const text = lines.map((line, i) => (format === "heading" && i > 0 ? line : `${prefix}${line}`)).join("\n");
  // (Lists, quotes and headings may follow a paragraph's line directly in CommonMark: no blank line needed.)
  return { from, to, text, selectStart: from + prefix.length, selectEnd: from + text.length };
}

/** The "@" word being typed just before the caret ("ana" in "hello @ana"), or null. */
export function mentionAt(value: string, caret: number): { query: string; start: number } | null {
  const match = /(^|[^\w@`/])@([a-zA-Z0-9_]{2,30})$/.exec(value.slice(0, caret));
  if (!match) return null;
  const query = match[2]!;
  return { query, start: caret - query.length - 1 };
}
