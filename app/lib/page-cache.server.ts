import { gzipSync } from "node:zlib";

// Rendered pages for visitors without a session, kept compressed in memory and dropped the moment a write
// changes what they show. Each page is tagged by what it shows (a thread, a topic, a member, the home page);
// a write invalidates exactly the tags it touched. Writes by another process (a CLI script) are caught by
// SQLite's data_version, checked by the server before it serves from the cache (see app/server.ts).

export interface CachedPage {
  body: Buffer;
  gzip: Buffer;
  headers: Record<string, string>;
  tags: string[];
  /** SHA-256 hashes of the page's inline scripts, for its CSP (a cached page carries no nonce). */
  scriptHashes: string[];
}

const MAX_ENTRIES = Number(process.env.PAGE_CACHE_ENTRIES ?? 2_000);
const entries = new Map<string, CachedPage>();
let generation = 0;

/** Tags of the pages a URL path shows, or null for a path we never cache. */
export function tagsForPath(pathname: string): string[] | null {
  if (pathname === "/") return ["home"];
  if (pathname === "/topics") return ["topics"];
  if (pathname === "/about") return ["static"];
  let match = /^\/threads\/(\d+)\/[^/]+$/.exec(pathname);
  if (match) return [`thread:${match[1]}`];
  match = /^\/topics\/([a-z0-9-]+)$/.exec(pathname);
  if (match) return [`topic:${match[1]}`];
  match = /^\/members\/([a-z0-9_]+)$/.exec(pathname);
  if (match) return [`member:${match[1]}`];
  return null;
}

export function getCachedPage(key: string): CachedPage | undefined {
  const page = entries.get(key);
  if (page) {
    // Least recently used goes first when the cache is full: re-insert on every hit.
    entries.delete(key);
    entries.set(key, page);
  }
  return page;
}

/** The generation at the start of a render: a page is stored only if nothing was invalidated meanwhile. */
export function currentGeneration(): number {
  return generation;
}

export function storePage(key: string, page: Omit<CachedPage, "gzip">, renderedAtGeneration: number): void {
  if (renderedAtGeneration !== generation) return;
  if (entries.size >= MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(key, { ...page, gzip: gzipSync(page.body, { level: 6 }) });
}

/** Drops every cached page that shows any of these tags ("*" drops everything). */
export function invalidatePages(tags: Iterable<string>): void {
  const wanted = new Set(tags);
  if (!wanted.size) return;
  generation++;
  if (wanted.has("*")) {
    entries.clear();
    return;
  }
  for (const [key, page] of entries) if (page.tags.some((t) => wanted.has(t))) entries.delete(key);
}

export function pageCacheSize(): number {
  return entries.size;
}
