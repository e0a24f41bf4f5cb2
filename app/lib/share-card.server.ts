import { publicOrigin } from "./http.server";
import { excerptFromHtml, shortenText } from "./markdown.server";
import type { ShareCard } from "./share-meta";

// Share cards (lib/share-meta) built on the server: the address from the configured public origin, never the
// request's Host (a client chooses that, and the visitor page cache would keep whatever it said).

/** Long enough for a preview's two or three lines; link previews cut around here anyway. */
export const SHARE_DESCRIPTION_MAX = 200;
export const SHARE_TITLE_MAX = 120;

export function buildShareCard(
  request: Request,
  input: { path: string; title: string; type: ShareCard["type"]; html?: string | null; fallback: string },
): ShareCard {
  const fromHtml = input.html ? excerptFromHtml(input.html, SHARE_DESCRIPTION_MAX) : "";
  return {
    url: `${publicOrigin(request)}${input.path}`,
    title: shortenText(plain(input.title), SHARE_TITLE_MAX),
    description: shortenText(plain(fromHtml) || plain(input.fallback), SHARE_DESCRIPTION_MAX),
    type: input.type,
  };
}

/** One line of text: no line breaks or runs of spaces in a tag's value. */
function plain(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
