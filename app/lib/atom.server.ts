import { Feed } from "feed";
import type { FeedEntry } from "~/models/feeds.server";

/** The site's public origin for absolute links: ORIGIN when set, else the request's own. */
export function publicOrigin(request: Request): string {
  return process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : new URL(request.url).origin;
}

// Post HTML links to our own pages with site-relative URLs; a feed reader needs them absolute.
function absolutize(html: string, origin: string): string {
  return html.replace(/ href="\//g, ` href="${origin}/`);
}

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
    title: input.title,
    link: `${origin}${input.alternatePath}`,
    updated: new Date(updated || Date.now()),
    feedLinks: { atom: `${origin}${input.path}` },
    generator: "Roundtable",
    language: "en",
    copyright: "Each post belongs to its author.",
  });
  for (const entry of input.entries) {
    feed.addItem({
      id: `${origin}${entry.idPath ?? `/posts/${entry.postId}`}`,
      title: entry.title,
      link: `${origin}${entry.path}`,
      date: new Date(entry.updatedAt),
      published: new Date(entry.publishedAt),
      content: absolutize(entry.html, origin),
      author: [
        entry.author.handle
          ? { name: entry.author.displayName, link: `${origin}/members/${entry.author.handle}` }
          : { name: entry.author.displayName },
      ],
    });
  }
  return new Response(feed.atom1(), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
