import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  cacheablePage,
  canonicalQuery,
  currentGeneration,
  EVERY_WRITE,
  getCachedPage,
  invalidatePages,
  pageCacheStats,
  storePage,
  tagsForPath,
} from "~/lib/page-cache.server";

const page = (tags: string[]) => ({
  body: Buffer.from("<html>page</html>"),
  headers: { "Content-Type": "text/html" },
  tags,
  scriptHashes: [],
});

describe("page cache", () => {
  it("tags only the pages visitors share", () => {
    expect(tagsForPath("/")).toEqual(["home"]);
    expect(tagsForPath("/threads/12/some-slug")).toEqual(["thread:12"]);
    expect(tagsForPath("/topics/health")).toEqual(["topic:health"]);
    expect(tagsForPath("/members/ana_m")).toEqual(["member:ana_m"]);
    // A search may show any post: any write drops it (below).
    expect(tagsForPath("/search")).toEqual([EVERY_WRITE]);
    for (const path of ["/login", "/threads/new", "/posts/3", "/settings", "/topics/health/feed.atom"])
      expect(tagsForPath(path)).toBeNull();
  });

  it("drops searches on any write, whatever it touched", () => {
    storePage("/search?q=a", page([EVERY_WRITE]), currentGeneration());
    storePage("/threads/2/b", page(["thread:2"]), currentGeneration());
    invalidatePages(["member:someone"]);
    expect(getCachedPage("/search?q=a")).toBeUndefined();
    expect(getCachedPage("/threads/2/b")).toBeDefined();
  });

  it("drops exactly the pages whose tags a write touched", () => {
    storePage("/threads/1/a", page(["thread:1"]), currentGeneration());
    storePage("/threads/2/b", page(["thread:2"]), currentGeneration());
    storePage("/", page(["home"]), currentGeneration());
    invalidatePages(["thread:1", "home"]);
    expect(getCachedPage("/threads/1/a")).toBeUndefined();
    expect(getCachedPage("/")).toBeUndefined();
    expect(getCachedPage("/threads/2/b")?.gzip.length).toBeGreaterThan(0);
    invalidatePages(["*"]);
    expect(getCachedPage("/threads/2/b")).toBeUndefined();
  });

  it("never stores a page rendered before a write that changed it", () => {
    const renderedAt = currentGeneration();
    invalidatePages(["thread:9"]); // a reply committed while the page was rendering
    storePage("/threads/9/x", page(["thread:9"]), renderedAt);
    expect(getCachedPage("/threads/9/x")).toBeUndefined();
  });
});

describe("page cache bounds", () => {
  afterEach(() => {
    delete process.env.PAGE_CACHE_BYTES;
    invalidatePages(["*"]);
  });

  // Random bytes do not compress, so each page costs about twice its size (HTML and gzip copy).
  const bigPage = (tags: string[]) => ({ ...page(tags), body: randomBytes(10_000) });

  it("defaults to 64 MB", () => {
    expect(pageCacheStats()).toEqual({ entries: 0, bytes: 0, maxBytes: 64 * 1024 * 1024 });
  });

  it("counts HTML, gzip copy and headers, and drops the least recently used past the byte limit", () => {
    process.env.PAGE_CACHE_BYTES = "100000";
    for (let i = 0; i < 4; i++) storePage(`/threads/${i}/a`, bigPage([`thread:${i}`]), currentGeneration());
    const four = pageCacheStats();
    expect(four.entries).toBe(4);
    expect(four.bytes).toBeGreaterThan(4 * 20_000);
    expect(getCachedPage("/threads/0/a")).toBeDefined(); // now the most recently used
    storePage("/threads/4/a", bigPage(["thread:4"]), currentGeneration());
    expect(pageCacheStats().bytes).toBeLessThanOrEqual(100_000);
    expect(getCachedPage("/threads/1/a")).toBeUndefined();
    expect(getCachedPage("/threads/0/a")).toBeDefined();
    expect(getCachedPage("/threads/4/a")).toBeDefined();
    for (let i = 5; i < 200; i++) storePage(`/threads/${i}/a`, bigPage([`thread:${i}`]), currentGeneration());
    expect(pageCacheStats().bytes).toBeLessThanOrEqual(100_000);
    expect(pageCacheStats().entries).toBeLessThanOrEqual(5);
  });

  it("holds no more memory for a page's gzip copy than it counts", () => {
    // A small page compresses to a few hundred bytes; zlib's own output buffer is 16 KB.
    storePage("/threads/1/a", page(["thread:1"]), currentGeneration());
    const gzip = getCachedPage("/threads/1/a")!.gzip;
    expect(gzip.length).toBeLessThan(100);
    expect(gzip.buffer.byteLength).toBe(gzip.length);
  });

  it("keeps searches to an eighth of its bytes, dropping the oldest search first", () => {
    process.env.PAGE_CACHE_BYTES = "400000";
    for (let i = 0; i < 4; i++) storePage(`/threads/${i}/a`, bigPage([`thread:${i}`]), currentGeneration());
    const threads = pageCacheStats().bytes;
    for (let i = 0; i < 50; i++) storePage(`/search?q=${i}`, bigPage([EVERY_WRITE]), currentGeneration());
    for (let i = 0; i < 4; i++) expect(getCachedPage(`/threads/${i}/a`)).toBeDefined();
    const searches = pageCacheStats().bytes - threads;
    expect(searches).toBeGreaterThan(0);
    expect(searches).toBeLessThanOrEqual(400_000 / 8);
    expect(getCachedPage("/search?q=49")).toBeDefined();
    expect(getCachedPage("/search?q=0")).toBeUndefined();
    invalidatePages(["*"]);
    // Its count of search bytes starts again from nothing.
    for (let i = 0; i < 2; i++) storePage(`/search?q=${i}`, bigPage([EVERY_WRITE]), currentGeneration());
    expect(getCachedPage("/search?q=0")).toBeDefined();
  });

  it("never stores a page larger than the whole cache, and counts a replaced page once", () => {
    process.env.PAGE_CACHE_BYTES = "15000";
    storePage("/threads/1/a", bigPage(["thread:1"]), currentGeneration());
    expect(pageCacheStats()).toMatchObject({ entries: 0, bytes: 0 });
    process.env.PAGE_CACHE_BYTES = "100000";
    storePage("/threads/1/a", bigPage(["thread:1"]), currentGeneration());
    const once = pageCacheStats().bytes;
    storePage("/threads/1/a", bigPage(["thread:1"]), currentGeneration());
    expect(pageCacheStats()).toMatchObject({ entries: 1, bytes: once });
    invalidatePages(["thread:1"]);
    expect(pageCacheStats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});

describe("canonical URLs", () => {
  it("knows which query parameters each cached page reads", () => {
    expect(cacheablePage("/")?.params).toEqual([]);
    expect(cacheablePage("/threads/3/a-slug")?.params).toEqual(["after"]);
    expect(cacheablePage("/topics/health")?.params).toEqual(["sort", "kind", "language", "after"]);
    expect(cacheablePage("/members/ana_m")?.params).toEqual(["section", "after"]);
  });

  it.each([
    ["", ["after"], ""],
    ["v=1", [], ""],
    ["after=20&v=1", ["after"], "after=20"],
    ["after=", ["after"], ""],
    ["sort=top&kind=story", ["sort", "kind", "after"], "kind=story&sort=top"],
    ["after=abc&v=1&kind=story", ["sort", "kind", "after"], "after=abc&kind=story"],
    ["sort=top&sort=latest", ["sort", "kind", "after"], "sort=top"],
    ["sort=%74op", ["sort", "kind", "after"], "sort=top"],
    ["after=%ff", ["after"], null],
    ["v=%e6%97", ["after"], null],
  ])("%s for %j is %s", (search, params, canonical) => {
    expect(canonicalQuery(search, params)).toBe(canonical);
  });
});
