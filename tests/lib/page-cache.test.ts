import { describe, expect, it } from "vitest";
import { currentGeneration, getCachedPage, invalidatePages, storePage, tagsForPath } from "~/lib/page-cache.server";

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
    for (const path of ["/search", "/login", "/threads/new", "/posts/3", "/settings", "/topics/health/feed.atom"])
      expect(tagsForPath(path)).toBeNull();
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
