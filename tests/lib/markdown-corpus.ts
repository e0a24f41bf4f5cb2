// The pathological Markdown corpus (tests/fixtures/markdown-pathological.json), expanded from its compact
// generator specs. Shared by tests/lib/markdown-bounded.test.ts and bench/markdown-stress.ts.
import { readFileSync } from "node:fs";
import type { MarkdownStructure } from "~/lib/markdown-structure.server";

export type CorpusSpec =
  | string
  | { repeat: CorpusSpec; times: number }
  | { join: CorpusSpec[] }
  | { ladder: string; rung: string; steps: number };

export interface CorpusInput {
  name: string;
  source: string;
  /** "renders" within the deadline, or the structure it is refused for. */
  expect: "renders" | MarkdownStructure;
}

export function expandSpec(spec: CorpusSpec): string {
  if (typeof spec === "string") return spec;
  if ("join" in spec) return spec.join.map(expandSpec).join("");
  if ("ladder" in spec) {
    return Array.from({ length: spec.steps }, (_, i) => spec.ladder.repeat(i) + spec.rung).join("\n");
  }
  const unit = spec.repeat;
  // A plain string without {i} repeats as is; anything else is expanded once per repetition.
  if (typeof unit === "string" && !unit.includes("{i}")) return unit.repeat(spec.times);
  const parts: string[] = [];
  for (let i = 0; i < spec.times; i++) {
    parts.push(typeof unit === "string" ? unit.replaceAll("{i}", String(i)) : expandSpec(unit));
  }
  return parts.join("");
}

const CORPUS_PATH = new URL("../fixtures/markdown-pathological.json", import.meta.url);

export function loadMarkdownCorpus(): CorpusInput[] {
  const file = JSON.parse(readFileSync(CORPUS_PATH, "utf8")) as {
    inputs: Array<{ name: string; spec: CorpusSpec; expect: CorpusInput["expect"] }>;
  };
  return file.inputs.map((input) => ({ name: input.name, source: expandSpec(input.spec), expect: input.expect }));
}

/** A GFM table with a header, a delimiter row and `rows` body rows. */
export const markdownTable = (columns: number, rows: number) =>
  [
    `|${" h |".repeat(columns)}`,
    `|${" - |".repeat(columns)}`,
    ...Array.from({ length: rows }, () => `|${" c |".repeat(columns)}`),
  ].join("\n");

// What members write, at the generous end: every structure the structure limits count, well inside them.
export const LONG_REAL_POST = [
  "## What worked for us",
  "We ran the *first* round with **twelve** residents and ~~two~~ three facilitators. See [the notes](https://example.org/notes_2024_final) and [our guide][guide].",
  "",
  "- Before the session",
  "  - Book the room",
  "    - Check the ramp",
  "      - Ask @ana_m about keys",
  "        - Spare set with @tom_r",
  "- During",
  "  1. Welcome",
  "  2. Ground rules",
  "",
  "> > > Quoting the quote of a quote:",
  "> > > *really* nested, as email threads get",
  "",
  markdownTable(8, 60),
  "",
  "```python",
  "def read_survey_rows(file_name, skip_header=True):",
  "    return [row for row in csv.reader(open(file_name)) if row and not row[0].startswith('__')]",
  "```",
  "",
  Array.from({ length: 20 }, (_, i) => `@member${i}`).join(", ") + " - thank you all. Questions to help@example.org.",
  "",
  "[guide]: https://example.org/guide",
]
  .join("\n")
  .repeat(4);
