const SLUG_MAX = 80;
// Words that name other pages under /threads/:id/ (close, follow): a title must not shadow them.
const RESERVED = new Set(["close", "follow", "new"]);

/** A readable URL slug: diacritics folded, lowercase ASCII words joined by hyphens. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
  if (!slug) return "thread";
  return RESERVED.has(slug) ? `${slug}-thread` : slug;
}
