// Structure no real post has is refused before rendering, with a message that says what to change
// (issue 12, section 1). The worker pool and the corpus: markdown-bounded.test.ts.
import { describe, expect, it } from "vitest";
import { MarkdownRefusedError, renderMarkdown, renderMarkdownWithMentions } from "~/lib/markdown.server";
import {
  checkInlineRuns,
  checkMarkdownStructure,
  MARKDOWN_MAX_BRACKETS_PER_PARAGRAPH,
  MARKDOWN_MAX_EMPHASIS,
  MARKDOWN_MAX_EMPHASIS_PER_PARAGRAPH,
  MARKDOWN_MAX_MENTIONS,
  MARKDOWN_MAX_NESTING,
  MARKDOWN_MAX_TABLE_CELLS,
  MARKDOWN_MAX_TABLE_COLUMNS,
  MARKDOWN_MAX_TABLE_ROWS,
  MarkdownStructureError,
  type MarkdownStructure,
} from "~/lib/markdown-structure.server";
import xssCorpus from "../fixtures/xss-corpus.json";
import { LONG_REAL_POST, markdownTable } from "./markdown-corpus";

function refusal(source: string): MarkdownStructure | null {
  try {
    checkMarkdownStructure(source);
    return null;
  } catch (error) {
    if (error instanceof MarkdownStructureError) return error.structure;
    throw error;
  }
}

describe("structure limits", () => {
  it("leave a long, richly formatted real post alone", () => {
    expect(LONG_REAL_POST.length).toBeGreaterThan(10_000);
    expect(refusal(LONG_REAL_POST)).toBeNull();
  });

  it.each<[MarkdownStructure, (n: number) => string, number]>([
    ["nesting", (n) => `${"- ".repeat(n)}x`, MARKDOWN_MAX_NESTING],
    ["nesting", (n) => `${"> ".repeat(n)}x`, MARKDOWN_MAX_NESTING],
    ["nesting", (n) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"), MARKDOWN_MAX_NESTING],
    ["emphasis-paragraph", (n) => "_a".repeat(n), MARKDOWN_MAX_EMPHASIS_PER_PARAGRAPH],
    ["emphasis", (n) => "*a*\n\n".repeat(n / 2), MARKDOWN_MAX_EMPHASIS],
    ["brackets", (n) => "[".repeat(n), MARKDOWN_MAX_BRACKETS_PER_PARAGRAPH],
    ["table-columns", (n) => markdownTable(n, 1), MARKDOWN_MAX_TABLE_COLUMNS],
    ["table-rows", (n) => markdownTable(2, n - 1), MARKDOWN_MAX_TABLE_ROWS],
    ["table-cells", (n) => markdownTable(20, n / 20 - 1), MARKDOWN_MAX_TABLE_CELLS],
    ["mentions", (n) => Array.from({ length: n }, (_, i) => `@someone${i}`).join(" "), MARKDOWN_MAX_MENTIONS],
  ])("%s: the limit passes, past it is refused", (structure, make, limit) => {
    expect(refusal(make(limit))).toBeNull();
    const over = limit + (structure === "emphasis" ? 10 : structure === "table-cells" ? 20 : 1);
    expect(refusal(make(over))).toBe(structure);
  });

  it("says what to change, with the numbers", () => {
    const error = (() => {
      try {
        checkMarkdownStructure(`${"> ".repeat(40)}deep`);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MarkdownRefusedError);
    expect((error as MarkdownStructureError).status).toBe(400);
    expect((error as Error).message).toBe(
      `Lists and quotes are nested 40 levels deep here; we format at most ${MARKDOWN_MAX_NESTING}. Please flatten the deepest part.`,
    );
  });

  it("does not count code blocks, thematic breaks or email addresses", () => {
    expect(refusal(`\`\`\`\n${"snake_case_name ".repeat(2000)}\n\`\`\``)).toBeNull();
    expect(refusal(`${"- ".repeat(100)}\n\ntext`)).toBeNull();
    expect(refusal("write to a@example.org ".repeat(500))).toBeNull();
  });
});

describe("the worker's checked rendering", () => {
  it("renders every XSS corpus entry exactly as the plain renderer does", () => {
    for (const { input } of xssCorpus as Array<{ input: string }>) {
      let checked: string;
      try {
        checked = renderMarkdownWithMentions(input, {}, checkInlineRuns).html;
      } catch (error) {
        if (error instanceof MarkdownStructureError) continue; // refused, so never rendered
        throw error;
      }
      expect(checked).toBe(renderMarkdown(input));
    }
  });
});
