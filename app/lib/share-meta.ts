import type { MetaDescriptor } from "@remix-run/node";

// How a page describes itself when its link is pasted into a Listserv, WhatsApp or an email: Open Graph and
// Twitter card tags and a canonical link. The loader builds the card (share-card.server, with the configured
// public origin) only for what everyone may see; the meta export turns it into tags. Remix's <Meta> renders
// them through React, which escapes attribute values. Browser-safe.

export const SITE_NAME = "Roundtable";

/** A page's share card: an absolute address, a title and a plain-text description, already bounded. */
export interface ShareCard {
  url: string;
  title: string;
  description: string;
  type: "article" | "profile";
}

export function shareMeta(card: ShareCard | null | undefined): MetaDescriptor[] {
  if (!card) return [];
  return [
    { tagName: "link", rel: "canonical", href: card.url },
    { name: "description", content: card.description },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:type", content: card.type },
    { property: "og:title", content: card.title },
    { property: "og:description", content: card.description },
    { property: "og:url", content: card.url },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: card.title },
    { name: "twitter:description", content: card.description },
  ];
}
