import {
  Lexer,
  Marked,
  type RendererExtension,
  type Token,
  type TokenizerAndRendererExtension,
  type Tokens,
  type TokensList,
} from "marked";
import sanitizeHtml from "sanitize-html";

// The one Markdown module: marked renders, sanitize-html decides what survives.
// Raw HTML is allowed through marked on purpose; the allowlist below is the only gate.

export const MARKDOWN_MAX_LENGTH = 50_000;

/**
 * Markdown we will not format. The message is for the person who wrote it: routes show it next to the field.
 * Subclasses say why: too long here, pathological structure (markdown-structure.server.ts), too slow or busy
 * (markdown-bounded.server.ts).
 */
export class MarkdownRefusedError extends Error {
  override name = "MarkdownRefusedError";
  /** The HTTP status a route answers with: the writer's text is at fault (400) unless the server is busy. */
  readonly status: number = 400;
  /**
   * The message as a catalog key and its values (issue 18), worded in the reader's language where it is shown
   * (refusalText in models/write-throttle.server.ts). `message` stays English, for logs: this module also runs
   * in the render worker, which has no catalogs.
   */
  readonly wording: { key: string; values: Record<string, unknown> } | null;

  constructor(message: string, wording: { key: string; values?: Record<string, unknown> } | null = null) {
    super(message);
    this.wording = wording ? { key: wording.key, values: wording.values ?? {} } : null;
  }
}

export class MarkdownTooLongError extends MarkdownRefusedError {
  override name = "MarkdownTooLongError";
  constructor(length: number) {
    super(
      `This text is ${length.toLocaleString("en")} characters long; the limit is ${MARKDOWN_MAX_LENGTH.toLocaleString("en")}.`,
      { key: "composer:markdown.tooLong", values: { length, limit: MARKDOWN_MAX_LENGTH } },
    );
  }
}

/** An uploaded picture a text may show (issue 17): its size, so the page keeps its place while it loads. */
export interface UploadedImage {
  width: number | null;
  height: number | null;
}

export interface RenderMarkdownOptions {
  linkMentions?: boolean;
  /**
   * The uploads this text may show, by their file name (`<sha256>.<ext>`). A picture from /uploads that is not
   * here is shown as a note that it is not available; a picture from anywhere else as a link to it.
   */
  uploads?: Record<string, UploadedImage>;
}

/** A picture from /uploads that a text shows, with its description (alt text), as written. */
export interface UploadedImageUse {
  name: string;
  alt: string;
}

/**
 * HTML to show, the handles it mentions (lowercase, each once; empty when mentions are not linked) and the
 * uploaded pictures it shows.
 */
export interface RenderedMarkdown {
  html: string;
  mentions: string[];
  images: UploadedImageUse[];
}

const LINK_REL = "nofollow ugc noopener";
const MENTION = /^@([a-z0-9_]{3,30})(?![a-z0-9_@])/i;
// Where a mention may start: not glued to an email local part, a path or another handle.
const MENTION_START = /(^|[^a-z0-9_.+\-@/\\])@[a-z0-9_]{3,30}(?![a-z0-9_@])/i;
const GLUED_BEFORE = /[a-z0-9_.+\-@/\\]$/i;
const START_WINDOW = 256;
const WORD_START = /\s[a-z0-9]/gi;

const mentionExtension: TokenizerAndRendererExtension = {
  name: "mention",
  level: "inline",
  // marked calls start() at each text position with the rest of the paragraph, so scanning all of
  // it is quadratic on hostile input ("[[[[..."). Look at a window, and past it offer a place where
  // text would stop anyway (a space before a word) so the next call starts further on.
  start(src) {
    const head = src.slice(0, START_WINDOW);
    const match = MENTION_START.exec(head);
    if (match) return match.index + (match[1] ?? "").length;
    if (src.length <= START_WINDOW) return undefined;
    let resume = head.length;
    for (const word of head.matchAll(WORD_START)) resume = word.index + 1;
    return resume;
  },
  tokenizer(src, tokens) {
    const match = MENTION.exec(src);
    // inLink covers [text](url) and raw <a>; code never reaches inline tokenizers.
    if (!match?.[1] || this.lexer.state.inLink) return undefined;
    if (GLUED_BEFORE.test(tokens.at(-1)?.raw ?? "")) return undefined;
    return { type: "mention", raw: match[0], handle: match[1].toLowerCase() };
  },
  renderer(token) {
    // handle is [a-z0-9_] only, so it needs no escaping.
    return `<a href="/members/${token.handle}">@${token.handle}</a>`;
  },
};

// The uploads the render in progress may show (renders are synchronous, one at a time in a thread).
let renderingUploads: Record<string, UploadedImage> = {};

/**
 * Pictures in Markdown: one uploaded here stays an <img> (sized by the sanitizer), or says it is not available;
 * one from another site becomes a link to it, or just its words inside a link (a link in a link is none);
 * any other address is dropped.
 */
const pictures: RendererExtension = {
  name: "image",
  renderer(token) {
    const { href, text } = token as Tokens.Image & { insideLink?: boolean };
    const words = text.trim();
    const uploaded = UPLOADED_IMAGE_SRC.exec(href.trim())?.[1];
    if (uploaded)
      return renderingUploads[uploaded]
        ? false
        : `<em>${escapeText(words ? `[Picture not available: ${words}]` : "[Picture not available]")}</em>`;
    const remote = safeUrl(href, SAFE_IMG_SRC);
    if (!remote) return "";
    const label = escapeText(words || `Picture at ${hostOf(remote)}`);
    return (token as { insideLink?: boolean }).insideLink
      ? `<em>${label}</em>`
      : `<a href="${escapeText(remote)}">${label}</a>`;
  },
};

/** Marks the pictures inside links, for the renderer above. */
function markPicturesInLinks(tokens: Token[], insideLink = false): void {
  for (const token of tokens) {
    if (token.type === "image" && insideLink) (token as { insideLink?: boolean }).insideLink = true;
    const children = "tokens" in token && Array.isArray(token.tokens) ? (token.tokens as Token[]) : [];
    markPicturesInLinks(children, insideLink || token.type === "link");
    if (token.type === "list")
      for (const item of (token as Tokens.List).items) markPicturesInLinks(item.tokens, insideLink);
    if (token.type === "table") {
      const table = token as Tokens.Table;
      for (const cell of [...table.header, ...table.rows.flat()]) markPicturesInLinks(cell.tokens, insideLink);
    }
  }
}

// Our own instances: nothing else in the process can change their options.
// breaks: a single newline is a line break, as forum posters expect (GitHub comments, Discourse).
const plainMarked = new Marked({ gfm: true, breaks: true }, { extensions: [pictures] });
const mentionMarked = new Marked({ gfm: true, breaks: true }, { extensions: [mentionExtension, pictures] });

const ALLOWED_TAGS = [
  "p",
  "br",
  "hr",
  "em",
  "strong",
  "del",
  "s",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "code",
  "pre",
  "h2",
  "h3",
  "h4",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "img",
];

// Dropped with everything inside: raw-text elements, where htmlparser2 and a browser can disagree
// on where the content ends, and foreign content (SVG, MathML), which browsers parse by other rules.
const DROP_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "xmp",
  "noscript",
  "noembed",
  "noframes",
  "iframe",
  "template",
  "title",
  "plaintext",
  "svg",
  "math",
];

// Browsers strip control characters and whitespace from URLs before reading the scheme, so any
// such character makes the value suspect; we do not try to normalize it.
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
const SAFE_HREF = /^(?:https?:|mailto:|\/(?![/\\]))/i;
const SAFE_IMG_SRC = /^https:/i;
/** A picture uploaded here: the only images a page shows itself (the CSP's img-src is 'self'). */
export const UPLOADED_IMAGE_SRC = /^\/uploads\/([0-9a-f]{64}\.(?:jpg|png|webp|gif))$/;

function safeUrl(value: string | undefined, pattern: RegExp): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed || CONTROL_CHARS.test(trimmed) || !pattern.test(trimmed)) return undefined;
  return trimmed;
}

function withDefined(attribs: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(attribs).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * The allowlist. Pictures: one uploaded here is shown with its size and loaded lazily, and `found` collects
 * it; one from elsewhere becomes a link to it, so that no post makes its readers' browsers call another site
 * (their addresses are theirs); anything else is dropped.
 */
function sanitizeOptions(uploads: Record<string, UploadedImage>, found: UploadedImageUse[]): sanitizeHtml.IOptions {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ["href", "rel"], img: ["src", "alt", "title", "width", "height", "loading", "decoding"] },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: DROP_WITH_CONTENT,
    transformTags: {
      h1: "h2",
      h5: "h4",
      h6: "h4",
      // Rebuild the attributes from scratch: our own scheme check first, sanitize-html's after it.
      a: (tagName, attribs) => ({
        tagName,
        attribs: withDefined({ href: safeUrl(attribs.href, SAFE_HREF), rel: LINK_REL }),
      }),
      img: (tagName, attribs) => {
        const src = attribs.src?.trim() ?? "";
        const uploaded = UPLOADED_IMAGE_SRC.exec(src)?.[1];
        const size = uploaded ? uploads[uploaded] : undefined;
        // Only a picture uploaded here and given to this render is kept (the Markdown renderer turned pictures
        // from elsewhere into links already); any other <img> loses its source and is dropped below.
        if (!uploaded || !size) return { tagName, attribs: {} };
        const alt = (attribs.alt ?? "").trim();
        found.push({ name: uploaded, alt });
        return {
          tagName,
          attribs: withDefined({
            src,
            alt,
            title: attribs.title,
            width: size.width === null ? undefined : String(size.width),
            height: size.height === null ? undefined : String(size.height),
            loading: "lazy",
            decoding: "async",
          }),
        };
      },
    },
    // An image without a usable source is noise (and the usual carrier of onerror payloads).
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "another site";
  }
}

function assertLength(source: string): void {
  if (source.length > MARKDOWN_MAX_LENGTH) throw new MarkdownTooLongError(source.length);
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A source shown as the text it is, without formatting: escaped, one paragraph, its line breaks kept. */
export function plainTextHtml(source: string): string {
  return `<p>${escapeText(source).replace(/\n/g, "<br />")}</p>`;
}

/**
 * Synchronous, and for some input slow (quadratic in its length): a member's text goes through
 * renderMarkdownBounded (markdown-bounded.server.ts), which runs this in a worker thread with a deadline.
 */
export function renderMarkdown(source: string, options: RenderMarkdownOptions = {}): string {
  return renderMarkdownWithMentions(source, options).html;
}

/**
 * The HTML and the handles it mentions, from one lexing of the source. `beforeInline`, if given, sees the
 * inline runs (each paragraph, heading and table cell) after the block pass and may throw to stop there,
 * before the inline pass, whose cost can grow with the square of a run's length.
 */
export function renderMarkdownWithMentions(
  source: string,
  options: RenderMarkdownOptions = {},
  beforeInline?: (runs: string[]) => void,
): RenderedMarkdown {
  assertLength(source);
  const linkMentions = options.linkMentions !== false;
  const images: UploadedImageUse[] = [];
  const marked = linkMentions ? mentionMarked : plainMarked;
  const mentions = new Set<string>();
  let html: string;
  try {
    const tokens = beforeInline ? lexWithPause(marked, source, beforeInline) : marked.lexer(source);
    if (linkMentions) {
      marked.walkTokens(tokens, (token) => {
        if (token.type === "mention") mentions.add(token.handle as string);
      });
    }
    markPicturesInLinks(tokens);
    renderingUploads = options.uploads ?? {};
    try {
      html = marked.parser(tokens);
    } finally {
      renderingUploads = {};
    }
  } catch (error) {
    // marked recurses once per nesting level, so a few thousand nested quotes, list markers or
    // emphasis overflow the stack (RangeError). Such a post is shown as the text it is, not a 500.
    if (!(error instanceof RangeError)) throw error;
    html = plainTextHtml(source);
    mentions.clear();
  }
  return { html: sanitizeHtml(html, sanitizeOptions(options.uploads ?? {}, images)), mentions: [...mentions], images };
}

/**
 * What marked.lexer does (a lexer with the instance's options), with a look at the inline runs it queued
 * once the outermost block pass is done. Nested blocks call blockTokens again through the same lexer.
 */
function lexWithPause(marked: Marked, source: string, beforeInline: (runs: string[]) => void): TokensList {
  const lexer = new Lexer(marked.defaults);
  const blockTokens = lexer.blockTokens.bind(lexer) as (src: string, tokens?: Token[], clipped?: boolean) => Token[];
  let depth = 0;
  let paused = false;
  lexer.blockTokens = ((src: string, tokens?: Token[], clipped?: boolean) => {
    depth++;
    const result = blockTokens(src, tokens, clipped);
    depth--;
    if (depth === 0) {
      paused = true;
      beforeInline(lexer.inlineQueue.map((queued) => queued.src));
    }
    return result;
  }) as Lexer["blockTokens"];
  const tokens = lexer.lex(source);
  // Should a new marked lex another way, fail loudly rather than skip the check.
  if (!paused) throw new Error("marked's lexer no longer runs its block pass through blockTokens.");
  return tokens;
}

const BLOCK_TAGS = new Set(["p", "br", "hr", "li", "blockquote", "pre", "h2", "h3", "h4", "tr", "th", "td"]);

const HEADINGS = ["h2", "h3", "h4"];

/**
 * The text of HTML this module rendered (for the search index and excerpts, without rendering the Markdown
 * again). `skipHeadings` leaves out the headings' words.
 */
export function htmlToPlainText(html: string, options: { skipHeadings?: boolean } = {}): string {
  // Block boundaries become spaces so "<p>a</p><p>b</p>" reads "a b", not "ab".
  let pendingSpace = false;
  const markBoundary = (tag: string) => {
    if (BLOCK_TAGS.has(tag)) pendingSpace = true;
  };
  const escaped = sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: options.skipHeadings ? [...DROP_WITH_CONTENT, ...HEADINGS] : DROP_WITH_CONTENT,
    onOpenTag: markBoundary,
    onCloseTag: markBoundary,
    textFilter: (text) => {
      const out = pendingSpace ? ` ${text}` : text;
      pendingSpace = false;
      return out;
    },
  });
  // sanitize-html escapes exactly these three in text; undo them (&amp; last).
  const text = escaped.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return text.replace(/\s+/g, " ").trim();
}

/** An excerpt reads only the start of a post: plain text past this much HTML would be cut off anyway. */
const EXCERPT_HTML_CHARS = 8_000;

/**
 * Plain text from the start of HTML this module rendered, at most `maxChars` long, for lists. It starts at the
 * prose (stories open with template headings, "### Context"), or at the headings when there is nothing else.
 */
export function excerptFromHtml(html: string, maxChars = 200): string {
  const head = html.slice(0, EXCERPT_HTML_CHARS);
  const text = htmlToPlainText(head, { skipHeadings: true }) || htmlToPlainText(head);
  if (head.length === html.length || text.length > maxChars) return shortenText(text, maxChars);
  // Little text in much markup, cut inside a tag or a word: the fragment at the end goes.
  return `${text.replace(/\s*\S*$/, "")}…`;
}

/** `text` as is when it fits in `maxChars`, else cut at a word boundary, with an ellipsis. */
export function shortenText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  // Leave room for the ellipsis; prefer the last space unless that throws away most of the text.
  const head = text.slice(0, maxChars);
  const lastSpace = head.lastIndexOf(" ");
  let body = lastSpace > maxChars / 2 ? head.slice(0, lastSpace) : head.slice(0, maxChars - 1);
  if (/[\uD800-\uDBFF]$/.test(body)) body = body.slice(0, -1); // never split a surrogate pair
  return `${body.replace(/[\s,.;:!?-]+$/, "")}…`;
}
