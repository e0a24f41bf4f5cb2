import { DomUtils, ElementType, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "~/lib/markdown.server";
import corpus from "../fixtures/xss-corpus.json";

// Every hostile input is rendered and its OUTPUT parsed as HTML; we check the tree, not strings.
// The same JSON is posted through real routes by the browser tests, so keep it { name, input }.

type CorpusEntry = { name: string; input: string };

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  p: [],
  br: [],
  hr: [],
  em: [],
  strong: [],
  del: [],
  s: [],
  ul: [],
  ol: [],
  li: [],
  blockquote: [],
  code: [],
  pre: [],
  h2: [],
  h3: [],
  h4: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: [],
  td: [],
  a: ["href", "rel"],
  img: ["src", "alt", "title"],
};
const LINK_SCHEMES = ["http:", "https:", "mailto:"];
const BASE = new URL("https://roundtable.example/threads/1");

function hasControlChars(value: string): boolean {
  return [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

// Read the URL the way a browser would (WHATWG parser), against a page of ours.
function isSafeHref(href: string): boolean {
  if (hasControlChars(href) || !URL.canParse(href, BASE)) return false;
  const url = new URL(href, BASE);
  if (href.startsWith("/")) return url.origin === BASE.origin;
  return LINK_SCHEMES.includes(url.protocol) && href.toLowerCase().startsWith(url.protocol);
}

function isSafeImgSrc(src: string): boolean {
  return !hasControlChars(src) && URL.canParse(src) && new URL(src).protocol === "https:" && src.startsWith("https:");
}

function problemsIn(html: string): string[] {
  const doc = parseDocument(html);
  const problems: string[] = [];
  const nodes = DomUtils.filter(() => true, doc.children, true);
  for (const node of nodes) {
    if (node.type === ElementType.Text || node.type === ElementType.Root) continue;
    if (node.type !== ElementType.Tag) {
      // Comments, CDATA, directives, and <script>/<style> (which htmlparser2 types apart).
      problems.push(`${node.type} node`);
      continue;
    }
    const allowed = ALLOWED_ATTRIBUTES[node.name];
    if (!allowed) {
      problems.push(`element <${node.name}>`);
      continue;
    }
    for (const [name, value] of Object.entries(node.attribs)) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on") || ["style", "id", "name", "class"].includes(lower)) {
        problems.push(`forbidden attribute ${name} on <${node.name}>`);
      }
      if (!allowed.includes(name)) problems.push(`attribute ${name} on <${node.name}>`);
      if (node.name === "a" && name === "href" && !isSafeHref(value)) problems.push(`href ${JSON.stringify(value)}`);
      if (node.name === "img" && name === "src" && !isSafeImgSrc(value)) problems.push(`src ${JSON.stringify(value)}`);
    }
    if (node.name === "a" && node.attribs.rel !== "nofollow ugc noopener") problems.push("link without our rel");
    if (node.name === "img" && !node.attribs.src) problems.push("img without src");
  }
  return problems;
}

describe("XSS corpus", () => {
  const entries = corpus as CorpusEntry[];

  it("has enough distinct entries", () => {
    expect(entries.length).toBeGreaterThanOrEqual(110);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
  });

  it.each(entries.map((e) => [e.name, e.input] as const))("%s renders only allowlisted markup", (_name, input) => {
    const html = renderMarkdown(input);
    expect(problemsIn(html), html).toEqual([]);
  });

  it.each(entries.map((e) => [e.name, e.input] as const))("%s is stable when sanitized again", (_name, input) => {
    // Re-rendering our own output must not resurrect anything (no mutation on a second pass).
    const once = renderMarkdown(input);
    expect(problemsIn(renderMarkdown(once))).toEqual([]);
  });

  it("the checker itself catches the things it looks for", () => {
    expect(problemsIn('<img src=x onerror="alert(1)">')).toEqual(
      expect.arrayContaining(["forbidden attribute onerror on <img>", 'src "x"']),
    );
    expect(problemsIn('<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>')).toEqual([
      'href "javascript:alert(1)"',
    ]);
    expect(problemsIn('<a href="//evil.example" rel="nofollow ugc noopener">x</a>')).toEqual(['href "//evil.example"']);
    expect(problemsIn("<svg><!-- c --></svg>")).toEqual(["element <svg>", "comment node"]);
    expect(problemsIn("<script>alert(1)</script>")).toEqual(["script node"]);
  });
});
