import { gzipSync } from "node:zlib";
import { serverProcessCount } from "./cluster.server";

// Rendered pages for visitors without a session, kept compressed in memory and dropped the moment a write
// changes what they show. Each page is tagged by what it shows (a thread, a topic, a member, the home page);
// a write invalidates exactly the tags it touched. Writes by another process (a CLI script, or another of the
// server's workers) are caught by SQLite's data_version (PostgreSQL: LISTEN/NOTIFY), checked before a page is
// served from the cache (visitor-pages.server.ts), and drop every cached page (docs/decisions/0028).

export interface CachedPage {
  body: Buffer;
  gzip: Buffer;
  headers: Record<string, string>;
  tags: string[];
  /** SHA-256 hashes of the page's inline scripts, for its CSP (a cached page carries no nonce). */
  scriptHashes: string[];
}

// Bounded in bytes (PAGE_CACHE_BYTES), least recently used first out. What a page costs is counted as its
// HTML, its gzip copy, its headers, key and tags, plus a fixed allowance for the objects around them.
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const ENTRY_OVERHEAD_BYTES = 512;
const entries = new Map<string, { page: CachedPage; bytes: number }>();
let totalBytes = 0;
/** Bytes of the pages tagged EVERY_WRITE (searches), also counted in totalBytes. */
let everyWriteBytes = 0;
let generation = 0;

/**
 * PAGE_CACHE_BYTES, read at each store so that a test can change it. It bounds the server as a whole: with
 * workers (docs/decisions/0028), each process keeps its share.
 */
export function pageCacheMaxBytes(): number {
  const value = Number(process.env.PAGE_CACHE_BYTES);
  const total = process.env.PAGE_CACHE_BYTES && Number.isFinite(value) && value >= 0 ? value : DEFAULT_MAX_BYTES;
  return Math.floor(total / serverProcessCount());
}

interface CacheablePath {
  pattern: RegExp;
  tags: (match: RegExpExecArray) => string[];
  /** The query parameters the page's loader reads. */
  params: string[];
  /**
   * A request with other parameters, or in another order, is served the canonical URL's page as it is, where
   * other pages redirect to it: search forms send their empty fields (a redirect would cost every search a
   * round trip). The page is rendered from the canonical URL, so it is the same page either way.
   */
  servesCanonical?: boolean;
}

/**
 * A search results page may show any post: every invalidation drops it, whatever its tags. Visitors make up
 * search URLs freely, so such pages hold at most SEARCH_SHARE of the cache's bytes, the oldest going first, and
 * cannot push out the pages every visitor reads (docs/decisions/0035).
 */
export const EVERY_WRITE = "every-write";
const SEARCH_SHARE = 1 / 8;

// Keep `params` in step with the loaders (app/routes: _index, topics._index, about, threads.$id.$slug,
// topics.$slug, members.$handle, search): a parameter missing here is dropped by a redirect before the page sees it.
// The canonical order is alphabetical, which is how the pages' own links write them (useQueryLink).
const CACHEABLE_PATHS: CacheablePath[] = [
  { pattern: /^\/$/, tags: () => ["home"], params: [] },
  { pattern: /^\/topics$/, tags: () => ["topics"], params: [] },
  { pattern: /^\/about$/, tags: () => ["static"], params: [] },
  { pattern: /^\/threads\/(\d+)\/[^/]+$/, tags: (m) => [`thread:${m[1]}`], params: ["after"] },
  {
    pattern: /^\/topics\/([a-z0-9-]+)$/,
    tags: (m) => [`topic:${m[1]}`],
    params: ["sort", "kind", "language", "after"],
  },
  { pattern: /^\/members\/([a-z0-9_]+)$/, tags: (m) => [`member:${m[1]}`], params: ["section", "after"] },
  {
    pattern: /^\/search$/,
    tags: () => [EVERY_WRITE],
    params: ["q", "topic", "kind", "language", "author", "from", "to", "page"],
    servesCanonical: true,
  },
];

/** What a URL path shows (its tags) and which query parameters it reads, or null for a path we never cache. */
export function cacheablePage(pathname: string): { tags: string[]; params: string[]; servesCanonical: boolean } | null {
  for (const path of CACHEABLE_PATHS) {
    const match = path.pattern.exec(pathname);
    if (match) return { tags: path.tags(match), params: path.params, servesCanonical: path.servesCanonical ?? false };
  }
  return null;
}

/** Tags of the pages a URL path shows, or null for a path we never cache. */
export function tagsForPath(pathname: string): string[] | null {
  return cacheablePage(pathname)?.tags ?? null;
}

/**
 * The one query string we cache a page under: only the parameters it reads, each once (the first, as the
 * loader's searchParams.get sees it), none empty (the loaders read "" as absent), in alphabetical order.
 */
export function canonicalQuery(search: string, params: string[]): string | null {
  // Malformed escapes (`%ff`) decode to U+FFFD, so no canonical URL stands for them: the page answers them itself.
  if (!isWellFormedQuery(search)) return null;
  const given = new URLSearchParams(search);
  const canonical = new URLSearchParams();
  for (const name of [...params].sort()) {
    const value = given.get(name);
    if (value) canonical.append(name, value);
  }
  return canonical.toString();
}

function isWellFormedQuery(search: string): boolean {
  try {
    decodeURIComponent(search.replace(/\+/g, " "));
    return true;
  } catch {
    return false;
  }
}

export function getCachedPage(key: string): CachedPage | undefined {
  const entry = entries.get(key);
  if (entry) {
    // Least recently used goes first when the cache is full: re-insert on every hit.
    entries.delete(key);
    entries.set(key, entry);
  }
  return entry?.page;
}

/** The generation at the start of a render: a page is stored only if nothing was invalidated meanwhile. */
export function currentGeneration(): number {
  return generation;
}

export function storePage(key: string, page: Omit<CachedPage, "gzip">, renderedAtGeneration: number): void {
  if (renderedAtGeneration !== generation) return;
  const cached = { ...page, gzip: exactCopy(gzipSync(page.body, { level: 6 })) };
  const bytes = sizeOf(key, cached);
  const maxBytes = pageCacheMaxBytes();
  drop(key);
  const everyWrite = cached.tags.includes(EVERY_WRITE);
  if (bytes > (everyWrite ? maxBytes * SEARCH_SHARE : maxBytes)) return;
  if (everyWrite) {
    for (const [oldest, entry] of entries) {
      if (everyWriteBytes + bytes <= maxBytes * SEARCH_SHARE) break;
      if (entry.page.tags.includes(EVERY_WRITE)) drop(oldest);
    }
  }
  for (const oldest of entries.keys()) {
    if (totalBytes + bytes <= maxBytes) break;
    drop(oldest);
  }
  entries.set(key, { page: cached, bytes });
  totalBytes += bytes;
  if (everyWrite) everyWriteBytes += bytes;
}

/**
 * zlib returns its output as a view of its 16 KB output buffer, which a small page's gzip copy would keep
 * alive whole while the budget counted only the copy's length: copied, the cache holds what it counts.
 */
function exactCopy(buffer: Buffer): Buffer {
  if (buffer.buffer.byteLength === buffer.length) return buffer;
  const copy = Buffer.allocUnsafeSlow(buffer.length);
  buffer.copy(copy);
  return copy;
}

function sizeOf(key: string, page: CachedPage): number {
  let bytes =
    ENTRY_OVERHEAD_BYTES + key.length + page.body.length + page.gzip.length + page.scriptHashes.join("").length;
  for (const [name, value] of Object.entries(page.headers)) bytes += name.length + value.length;
  for (const tag of page.tags) bytes += tag.length;
  return bytes;
}

function drop(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  totalBytes -= entry.bytes;
  if (entry.page.tags.includes(EVERY_WRITE)) everyWriteBytes -= entry.bytes;
}

const invalidationListeners: Array<(tags: ReadonlySet<string>) => void> = [];

/** Other caches of rendered markup (post fragments) drop what they hold under the same tags, at the same time. */
export function onPagesInvalidated(listener: (tags: ReadonlySet<string>) => void): void {
  invalidationListeners.push(listener);
}

/** Drops every cached page that shows any of these tags ("*" drops everything). */
export function invalidatePages(tags: Iterable<string>): void {
  const wanted = new Set(tags);
  if (!wanted.size) return;
  generation++;
  for (const listener of invalidationListeners) listener(wanted);
  if (wanted.has("*")) {
    entries.clear();
    totalBytes = 0;
    everyWriteBytes = 0;
    return;
  }
  for (const [key, entry] of entries) if (entry.page.tags.some((t) => t === EVERY_WRITE || wanted.has(t))) drop(key);
}

export function pageCacheSize(): number {
  return entries.size;
}

/** How many pages are cached and what they cost, against the limit (for /healthz and the tests). */
export function pageCacheStats(): { entries: number; bytes: number; maxBytes: number } {
  return { entries: entries.size, bytes: totalBytes, maxBytes: pageCacheMaxBytes() };
}
