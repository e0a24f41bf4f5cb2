// Reading post cards out of a page's markup: a thread or branch page sends its replies as HTML, not as data
// (docs/decisions/0030, 0031), so tests read what a reader would: the card's state, words, author and notes.

export interface CardSeen {
  /** The card's own HTML, from <article> to </article>. */
  html: string;
  state: "visible" | "hidden" | "deleted";
  /** The card from its words on, or null when it shows a placeholder instead. */
  prose: string | null;
  /** The author's handle, when the card names a member. */
  authorHandle: string | null;
  /** The moderators' reason, when the card says the post is hidden (to its author and moderators). */
  hiddenReason: string | null;
  /** The card's text, tags removed and entities decoded. */
  text: string;
}

/** The post's card in `markup` (a page, or a loader's `serverMarkup.replies`), or null when it is not there. */
export function cardIn(markup: string, postId: number): CardSeen | null {
  const start = markup.indexOf(`<article id="post-${postId}"`);
  if (start === -1) return null;
  const end = markup.indexOf("</article>", start);
  const html = markup.slice(start, end + "</article>".length);
  const text = decode(html.replace(/<[^>]*>/g, ""));
  const prose = html.indexOf('class="prose"');
  return {
    html,
    state: /class="post post-(visible|hidden|deleted)/.exec(html)![1] as CardSeen["state"],
    prose: prose === -1 ? null : html.slice(prose),
    authorHandle: /<h3[^>]*class="post-byline"><a href="\/members\/([^"]+)"/.exec(html)?.[1] ?? null,
    hiddenReason: /Hidden by moderators(?:: (.*?))?\. Others see only/.exec(text)?.[1] ?? null,
    text,
  };
}

/** The ids of the cards in `markup`, in page order. */
export function cardIds(markup: string): number[] {
  return [...markup.matchAll(/<article id="post-(\d+)"/g)].map((m) => Number(m[1]));
}

function decode(text: string): string {
  return text
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
