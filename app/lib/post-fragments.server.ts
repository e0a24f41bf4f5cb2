import { createHash } from "node:crypto";
import { serverProcessCount } from "./cluster.server";
import { onPagesInvalidated } from "./page-cache.server";

// Post cards rendered to HTML once and reused by every page that shows them the same way (docs/decisions/0030).
// An entry is keyed by a hash of everything its markup is made from: the post as this viewer sees it (words,
// author, state, counts, pseudonym), its place in the tree, the viewer's controls, the reader's language and
// time zone. So an edit, a hide, a rename or a suspension makes a new key: an entry can never show what its inputs
// no longer say, and "hidden means hidden" holds by construction, across workers and instances too. On top of
// that, entries are dropped with this process's visitor pages (the same precise invalidation, tagged by thread),
// so what changed does not linger in memory; what another process changed ages out, least recently used first.

export interface FragmentEntry {
  html: string;
  tags: string[];
}

// Bounded in bytes (FRAGMENT_CACHE_BYTES), least recently used first out. A string costs up to two bytes a
// character in V8; we count the HTML at that, plus its key, tags and a fixed allowance for the objects.
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const ENTRY_OVERHEAD_BYTES = 160;
const entries = new Map<string, { entry: FragmentEntry; bytes: number }>();
let totalBytes = 0;

/**
 * FRAGMENT_CACHE_BYTES, read at each store so that a test can change it. It bounds the server as a whole: with
 * workers (docs/decisions/0028), each process keeps its share.
 */
export function fragmentCacheMaxBytes(): number {
  const value = Number(process.env.FRAGMENT_CACHE_BYTES);
  const total = process.env.FRAGMENT_CACHE_BYTES && Number.isFinite(value) && value >= 0 ? value : DEFAULT_MAX_BYTES;
  return Math.floor(total / serverProcessCount());
}

/**
 * The key for a fragment made from `inputs` (JSON-serializable), with a post's HTML in it as its digest
 * (`htmlDigest`): the key stays short however long the post, and says exactly what the card shows.
 */
export function fragmentKey(inputs: unknown): string {
  return JSON.stringify(inputs);
}

// A post's HTML is the same string request after request: its digest is kept by post id and reused while the
// HTML is equal (a comparison, much cheaper than hashing it again). It holds the HTML to compare with, so it is
// bounded in bytes too (counted as the fragments are), and emptied when full.
const DIGESTS_MAX_BYTES = 8 * 1024 * 1024;
const digests = new Map<number, { html: string; digest: string }>();
let digestBytes = 0;

/** A short digest of a post's HTML (SHA-1), for fragment keys. */
export function htmlDigest(postId: number, html: string | null): string | null {
  if (html === null) return null;
  const known = digests.get(postId);
  if (known && known.html === html) return known.digest;
  const digest = createHash("sha1").update(html).digest("base64");
  if (known) digestBytes -= ENTRY_OVERHEAD_BYTES + known.html.length * 2;
  const bytes = ENTRY_OVERHEAD_BYTES + html.length * 2;
  if (digestBytes + bytes > DIGESTS_MAX_BYTES) {
    digests.clear();
    digestBytes = 0;
  }
  digests.set(postId, { html, digest });
  digestBytes += bytes;
  return digest;
}

/** The cached HTML for `key`, else `render()`'s, stored. */
export function fragment(key: string, tags: string[], render: () => string): string {
  const found = entries.get(key);
  if (found) {
    // Least recently used goes first when the cache is full: re-insert on every hit.
    entries.delete(key);
    entries.set(key, found);
    return found.entry.html;
  }
  const html = render();
  store(key, { html, tags });
  return html;
}

function store(key: string, entry: FragmentEntry): void {
  let bytes = ENTRY_OVERHEAD_BYTES + key.length + entry.html.length * 2;
  for (const tag of entry.tags) bytes += tag.length;
  const maxBytes = fragmentCacheMaxBytes();
  if (bytes > maxBytes) return;
  for (const oldest of entries.keys()) {
    if (totalBytes + bytes <= maxBytes) break;
    drop(oldest);
  }
  entries.set(key, { entry, bytes });
  totalBytes += bytes;
}

function drop(key: string): void {
  const found = entries.get(key);
  if (!found) return;
  entries.delete(key);
  totalBytes -= found.bytes;
}

/** Drops every fragment tagged with any of these tags ("*" drops everything). */
export function invalidateFragments(tags: Iterable<string>): void {
  const wanted = new Set(tags);
  if (!wanted.size) return;
  if (wanted.has("*")) {
    entries.clear();
    totalBytes = 0;
    return;
  }
  for (const [key, found] of entries) if (found.entry.tags.some((t) => wanted.has(t))) drop(key);
}

// Whatever drops visitor pages drops the fragments with the same tags (a thread's page: `thread:N`).
onPagesInvalidated(invalidateFragments);

/** How many fragments are cached and what they cost, against the limit (for the tests). */
export function fragmentCacheStats(): { entries: number; bytes: number; maxBytes: number } {
  return { entries: entries.size, bytes: totalBytes, maxBytes: fragmentCacheMaxBytes() };
}

/** What the HTML digests hold, in bytes as counted against their bound (for the tests). */
export function digestCacheBytes(): number {
  return digestBytes;
}

/** Whether any fragment is cached under one of these tags (for the tests). */
export function hasFragmentsTagged(tag: string): boolean {
  for (const found of entries.values()) if (found.entry.tags.includes(tag)) return true;
  return false;
}
