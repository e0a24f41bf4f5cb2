import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  MARKDOWN_MAX_LENGTH,
  MarkdownTooLongError,
  excerptFromHtml,
  htmlToPlainText,
  renderMarkdown,
  renderMarkdownWithMentions,
  type RenderMarkdownOptions,
} from "~/lib/markdown.server";

const REL = 'rel="nofollow ugc noopener"';
const render = (source: string, options?: RenderMarkdownOptions) => renderMarkdown(source, options).trim();
const mentionsIn = (source: string) => renderMarkdownWithMentions(source).mentions;
const plainText = (source: string) => htmlToPlainText(renderMarkdown(source, { linkMentions: false }));
const excerpt = (source: string, maxChars?: number) => excerptFromHtml(renderMarkdown(source), maxChars);

describe("renderMarkdown: ordinary posts", () => {
  it("renders emphasis, strikethrough and inline code", () => {
    expect(render("*em* **strong** ~~gone~~ `x < y`")).toBe(
      "<p><em>em</em> <strong>strong</strong> <del>gone</del> <code>x &lt; y</code></p>",
    );
  });

  it("renders lists, quotes and rules", () => {
    expect(render("- a\n- b")).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(render("1. one\n2. two")).toBe("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
    expect(render("> quote\n\n---")).toBe("<blockquote>\n<p>quote</p>\n</blockquote>\n<hr />");
  });

  it("renders GFM tables without alignment attributes", () => {
    const html = render("| a | b |\n|---|:-:|\n| 1 | 2 |");
    expect(html).toContain("<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>");
    expect(html).toContain("<tbody><tr>\n<td>1</td>\n<td>2</td>");
    expect(html).not.toContain("align");
  });

  it("renders fenced code as escaped text and drops the language class", () => {
    expect(render("```html\n<b>hi</b>\n```")).toBe("<pre><code>&lt;b&gt;hi&lt;/b&gt;\n</code></pre>");
  });

  it("keeps headings below the page title: h1 becomes h2, h5 and h6 become h4", () => {
    expect(render("# One")).toBe("<h2>One</h2>");
    expect(render("### Three")).toBe("<h3>Three</h3>");
    expect(render("##### Five")).toBe("<h4>Five</h4>");
    expect(render("###### Six")).toBe("<h4>Six</h4>");
    expect(render("<h1>Raw</h1>")).toBe("<h2>Raw</h2>");
  });

  it("turns a single newline into a line break", () => {
    expect(render("line one\nline two")).toBe("<p>line one<br />line two</p>");
  });

  it("gives every link our rel, including autolinks and our own paths", () => {
    expect(render("[docs](https://example.org/a)")).toBe(`<p><a href="https://example.org/a" ${REL}>docs</a></p>`);
    expect(render("[home](/threads/1)")).toBe(`<p><a href="/threads/1" ${REL}>home</a></p>`);
    expect(render("<https://example.org>")).toBe(`<p><a href="https://example.org" ${REL}>https://example.org</a></p>`);
    expect(render("mail carol@example.org")).toBe(
      `<p>mail <a href="mailto:carol@example.org" ${REL}>carol@example.org</a></p>`,
    );
    expect(render('<a href="https://example.org" rel="opener" target="_blank">x</a>')).toBe(
      `<p><a href="https://example.org" ${REL}>x</a></p>`,
    );
  });

  it("shows pictures uploaded here at their size; a picture from another site becomes a link to it", () => {
    const name = `${"b".repeat(64)}.png`;
    expect(render(`![cat](/uploads/${name} "A cat")`, { uploads: { [name]: { width: 40, height: 30 } } })).toBe(
      `<p><img src="/uploads/${name}" alt="cat" title="A cat" width="40" height="30" loading="lazy" decoding="async" /></p>`,
    );
    // Readers' browsers never call another site for a post: the picture is a link, named by its alt text or host.
    expect(render('![cat](https://img.example/cat.png "A cat")')).toBe(
      `<p><a href="https://img.example/cat.png" ${REL}>cat</a></p>`,
    );
    expect(render("![](https://img.example/cat.png)")).toBe(
      `<p><a href="https://img.example/cat.png" ${REL}>Picture at img.example</a></p>`,
    );
    // An upload the render was not given (another member's, or removed) says so; http and odd paths go.
    expect(render(`a ![t](/uploads/${name}) b`)).toBe("<p>a <em>[Picture not available: t]</em> b</p>");
    // Inside a link, a picture from elsewhere is its words: a link in a link would be none.
    expect(render("[![logo](https://img.example/l.png)](https://example.org)")).toBe(
      `<p><a href="https://example.org" ${REL}><em>logo</em></a></p>`,
    );
    expect(render("a ![t](http://img.example/t.png) b")).toBe("<p>a  b</p>");
    expect(render("a ![t](/uploads/t.png) b")).toBe("<p>a  b</p>");
    expect(render(`a ![t](//uploads/${name}) b`)).toBe("<p>a  b</p>");
  });

  it("reports the uploaded pictures a text shows, with their descriptions", () => {
    const name = `${"c".repeat(64)}.jpg`;
    const rendered = renderMarkdownWithMentions(`![](/uploads/${name}) and <img src="/uploads/${name}" alt=" x ">`, {
      uploads: { [name]: { width: 1, height: 1 } },
    });
    expect(rendered.images).toEqual([
      { name, alt: "" },
      { name, alt: "x" },
    ]);
  });
});

describe("mentions", () => {
  it("links @handles, lowercased, case-insensitively", () => {
    expect(render("Hi @Alice_B!")).toBe(`<p>Hi <a href="/members/alice_b" ${REL}>@alice_b</a>!</p>`);
  });

  it("links mentions inside emphasis, lists and tables", () => {
    expect(render("**@bob**")).toContain(`<strong><a href="/members/bob" ${REL}>@bob</a></strong>`);
    expect(render("- @bob")).toContain('<a href="/members/bob"');
    expect(render("| who |\n|---|\n| @bob |")).toContain('<a href="/members/bob"');
  });

  it("leaves code spans and code blocks alone", () => {
    expect(render("`@bob`")).toBe("<p><code>@bob</code></p>");
    expect(render("```\n@bob\n```")).toBe("<pre><code>@bob\n</code></pre>");
    expect(render("    @bob")).toBe("<pre><code>@bob\n</code></pre>");
  });

  it("leaves emails, paths and existing links alone", () => {
    expect(render("a@bob.org")).toBe(`<p><a href="mailto:a@bob.org" ${REL}>a@bob.org</a></p>`);
    expect(render("x@bob")).toBe("<p>x@bob</p>");
    expect(render("example.org/@bob")).toBe("<p>example.org/@bob</p>");
    expect(render("[@bob](https://example.org)")).toBe(`<p><a href="https://example.org" ${REL}>@bob</a></p>`);
    expect(render('<a href="/x">@bob</a>')).toBe(`<p><a href="/x" ${REL}>@bob</a></p>`);
    expect(render("\\@bob")).toBe("<p>@bob</p>");
  });

  it("ignores handles that are too short or too long", () => {
    expect(render("@ab")).toBe("<p>@ab</p>");
    expect(render(`@${"a".repeat(31)}`)).toBe(`<p>@${"a".repeat(31)}</p>`);
    expect(render(`@${"b".repeat(30)}`)).toContain(`href="/members/${"b".repeat(30)}"`);
  });

  it("finds mentions and emails deep inside long paragraphs", () => {
    expect(render(`${"word ".repeat(300)}@bob`)).toContain(`<a href="/members/bob" ${REL}>@bob</a>`);
    expect(render(`${"x".repeat(600)} @bob`)).toContain(`<a href="/members/bob" ${REL}>@bob</a>`);
    expect(render(`${"word ".repeat(300)}mail carol@example.org`)).toContain('href="mailto:carol@example.org"');
  });

  it("changes nothing else about a long post that mentions nobody", () => {
    const paragraph =
      "Some **bold**, _em_ and snake_case_words, a [link](https://example.org) and `code`, " +
      "www.example.org, mail dan@example.org, a hard break  \nthen more text. ";
    const post = Array.from({ length: 40 }, () => paragraph.repeat(5)).join("\n\n");
    expect(render(post)).toBe(render(post, { linkMentions: false }));
  });

  it("can be turned off", () => {
    expect(render("Hi @alice", { linkMentions: false })).toBe("<p>Hi @alice</p>");
  });

  it("are reported once each, in lowercase, outside code", () => {
    expect(mentionsIn("@Alice and @alice, @bob_2\n\n`@carol`\n\n```\n@dave\n```\n\nmail eve@example.org")).toEqual([
      "alice",
      "bob_2",
    ]);
    expect(mentionsIn("nobody here")).toEqual([]);
  });
});

describe("plain text and excerpts", () => {
  const post = "# Hello *world*\n\n- one\n- two\n\nTom &amp; Jerry say `1 < 2`\n\n<script>steal()</script>";

  it("htmlToPlainText keeps the words, decodes entities and collapses whitespace", () => {
    expect(plainText(post)).toBe("Hello world one two Tom & Jerry say 1 < 2");
  });

  it("htmlToPlainText separates table cells and line breaks", () => {
    expect(plainText("| a | b |\n|---|---|\n| c | d |")).toBe("a b c d");
    expect(plainText("one\ntwo")).toBe("one two");
  });

  it("excerpt returns short text as is", () => {
    expect(excerpt("Just a *short* post.")).toBe("Just a short post.");
  });

  it("excerpt cuts long text at a word boundary with an ellipsis", () => {
    const long = "The quick brown fox jumps over the lazy dog. ".repeat(10);
    const cut = excerpt(long, 50);
    expect(cut).toBe("The quick brown fox jumps over the lazy dog. The…");
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(excerpt(long).length).toBeLessThanOrEqual(200);
  });

  it("excerpt cuts a single endless word hard", () => {
    expect(excerpt("x".repeat(300), 20)).toBe(`${"x".repeat(19)}…`);
  });

  it("excerpt starts at the prose after headings, or reads the headings when there is nothing else", () => {
    expect(excerpt("### Context\n\nThe landlord sold.\n\n## What we did\n\nWe met.")).toBe(
      "The landlord sold. We met.",
    );
    expect(excerpt("### Only a heading")).toBe("Only a heading");
  });

  it("excerpt reads only the start of long HTML, and never ends on a fragment of it", () => {
    const links = Array.from({ length: 400 }, (_, i) => `[w${i}](https://example.org/${"p".repeat(40)})`).join(" ");
    const cut = excerpt(links, 10_000);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut).toMatch(/^w0 w1 w2 .* w\d+…$/);
  });
});

describe("length limit", () => {
  it("renders a source exactly at the limit, all of it", () => {
    expect(render("a".repeat(MARKDOWN_MAX_LENGTH))).toBe(`<p>${"a".repeat(MARKDOWN_MAX_LENGTH)}</p>`);
  });

  it("throws MarkdownTooLongError one character over", () => {
    const source = "a".repeat(MARKDOWN_MAX_LENGTH + 1);
    expect(() => renderMarkdown(source)).toThrow(MarkdownTooLongError);
    expect(() => renderMarkdownWithMentions(source)).toThrow(MarkdownTooLongError);
  });
});

describe("pathological nesting", () => {
  it("shows thousands of nested quotes as text instead of failing", () => {
    const source = `${"> ".repeat(5000)}deep @bob`;
    const html = render(source);
    expect(html).toContain("deep @bob");
    expect(html).not.toContain("<blockquote>");
    expect(mentionsIn(source)).toEqual([]);
  });
});

describe("hostile input", () => {
  // A few representative cases with their exact output; tests/lib/xss-corpus.test.ts covers the rest.
  it.each([
    ["script tag", "<script>alert(1)</script>", ""],
    ["img onerror", "<img src=x onerror=alert(1)>", ""],
    [
      "https img with a handler",
      '<img src="https://ok.example/a.png" onerror="alert(1)">',
      // Raw HTML pictures from elsewhere go (Markdown ones become links): nothing calls another site.
      "",
    ],
    ["javascript link", "[x](javascript:alert(1))", `<p><a ${REL}>x</a></p>`],
    ["entity-obfuscated scheme", "[x](jav&#x09;ascript:alert(1))", `<p><a ${REL}>x</a></p>`],
    ["autolink javascript", "<javascript:alert(1)>", `<p><a ${REL}>javascript:alert(1)</a></p>`],
    ["protocol-relative link", "[x](//evil.example)", `<p><a ${REL}>x</a></p>`],
    ["data image", "![x](data:image/png;base64,AAAA)", "<p></p>"],
    ["style and class", '<p style="position:fixed" class="admin">x</p>', "<p>x</p>"],
    ["id and name", '<h2 id="x">t</h2><a name="y" href="/z">z</a>', `<h2>t</h2><a href="/z" ${REL}>z</a>`],
    ["svg textarea", "<svg><textarea><img src=x onerror=alert(1)></textarea></svg>", "<p></p>"],
    ["iframe", '<iframe srcdoc="<script>alert(1)</script>"></iframe>', ""],
    [
      "alt text quote",
      '![a" onerror="alert(1)](https://ok.example/a.png)',
      `<p><a href="https://ok.example/a.png" ${REL}>a" onerror="alert(1)</a></p>`,
    ],
    ["disallowed tag keeps its text", "<div><b>bold</b> words</div>", "bold words"],
  ])("%s", (_name, input, expected) => {
    expect(render(input)).toBe(expected);
  });
});

describe("the XSS corpus, as HTML", () => {
  const corpus = JSON.parse(readFileSync(join(__dirname, "../fixtures/xss-corpus.json"), "utf8")) as unknown;
  const entries = (Array.isArray(corpus) ? corpus : (corpus as { entries: unknown[] }).entries) as Array<
    string | { input?: string; source?: string }
  >;
  const sources = entries
    .map((entry) => (typeof entry === "string" ? entry : (entry.input ?? entry.source)))
    .filter((source): source is string => typeof source === "string");

  it("comes out as allowed tags only, each link holding no other link (the browser would rebuild the page)", () => {
    expect(sources.length).toBeGreaterThan(150);
    const allowed = new Set(["p", "br", "hr", "em", "strong", "del", "s", "a", "ul", "ol", "li", "blockquote"]);
    for (const tag of ["code", "pre", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "img"])
      allowed.add(tag);
    for (const source of sources) {
      const html = renderMarkdown(source);
      for (const [, name] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g))
        expect(allowed, `${source} → ${html}`).toContain(name);
      expect(html, source).not.toMatch(/<a [^>]*>(?:(?!<\/a>)[\s\S])*<a /);
    }
  });
});
