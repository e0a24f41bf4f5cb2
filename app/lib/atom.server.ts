import { Feed } from "feed";
import type { FeedEntry } from "~/models/feeds.server";
import { isFormerMemberHandle } from "./former-member";
import { languageNow, tr } from "./translate";

/** The site's public origin for absolute links: ORIGIN when set, else the request's own. */
export function publicOrigin(request: Request): string {
  return process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : new URL(request.url).origin;
}

// Post HTML links to our own pages with site-relative URLs; a feed reader needs them absolute.
function absolutize(html: string, origin: string): string {
  return html.replace(/ href="\//g, ` href="${origin}/`);
}

// Characters XML 1.0 cannot carry at all, not even as references: one would make the whole feed unreadable.
const NOT_IN_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const xmlText = (text: string) => text.replace(NOT_IN_XML, "");

/**
 * The `feed` library writes entry titles and content as `type="html"` inside CDATA sections, and escapes only
 * the first "]]>" of each. So a plain-text title is HTML-escaped first (a reader then shows it exactly as
 * typed), and HTML has its "]]>" written as "]]&gt;" (the same text once parsed): no "]]>" reaches a CDATA
 * section at all.
 */
function htmlFromText(text: string): string {
  return xmlText(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function cdataSafeHtml(html: string): string {
  return xmlText(html).replace(/]]>/g, "]]&gt;");
}

// Plain-text elements (the feed's title, authors' names) are escaped by xml-js, which first turns every
// "&amp;" back into "&" (to avoid escaping twice): a name with "&amp;" in it would lose four characters. An
// "&" escaped here comes out of that exactly as typed.
const plainText = (text: string) => xmlText(text).replace(/&/g, "&amp;");

/**
 * An Atom 1.0 document (built with the `feed` library). Entry ids are the posts' permalinks, which never
 * change; `updated` is the last edit, `published` the first version.
 */
export function atomResponse(
  request: Request,
  input: { title: string; path: string; alternatePath: string; entries: FeedEntry[] },
): Response {
  const origin = publicOrigin(request);
  const updated = input.entries.reduce((latest, e) => Math.max(latest, e.updatedAt), 0);
  const feed = new Feed({
    id: `${origin}${input.path}`,
    title: plainText(input.title),
    link: `${origin}${input.alternatePath}`,
    updated: new Date(updated || Date.now()),
    feedLinks: { atom: `${origin}${input.path}` },
    generator: "Roundtable",
    // The feed's own words (title, copyright) are in the request's language; the entries are the members' own.
    language: languageNow(),
    copyright: tr("browse:feeds.copyright"),
  });
  for (const entry of input.entries) {
    feed.addItem({
      id: `${origin}${entry.idPath ?? `/posts/${entry.postId}`}`,
      title: htmlFromText(entry.title),
      link: `${origin}${entry.path}`,
      date: new Date(entry.updatedAt),
      published: new Date(entry.publishedAt),
      content: cdataSafeHtml(absolutize(entry.html, origin)),
      author: [
        entry.author.handle && !isFormerMemberHandle(entry.author.handle)
          ? { name: plainText(entry.author.displayName), link: `${origin}/members/${entry.author.handle}` }
          : { name: plainText(entry.author.displayName) },
      ],
    });
  }
  return new Response(feed.atom1(), {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      // The feed's title is in the reader's language, chosen as for pages (decision 0037).
      Vary: "Accept-Language, Cookie",
    },
  });
}
