// The post fragment cache (docs/decisions/0030): bounded in bytes, least recently used out first, dropped with
// the visitor pages of the same thread, and keyed by everything a card is made from.
import { afterEach, describe, expect, it } from "vitest";
import { invalidatePages } from "~/lib/page-cache.server";
import {
  fragment,
  fragmentCacheStats,
  fragmentKey,
  digestCacheBytes,
  hasFragmentsTagged,
  htmlDigest,
  invalidateFragments,
} from "~/lib/post-fragments.server";

afterEach(() => {
  delete process.env.FRAGMENT_CACHE_BYTES;
  invalidateFragments(["*"]);
});

const card = (n: number, size = 1000) => `<article id="post-${n}">${"x".repeat(size)}</article>`;

describe("post fragments", () => {
  it("render a card once per key, and again only when what it is made from changes", () => {
    let renders = 0;
    const render = () => (renders++, card(1));
    const post = { id: 1, html: "<p>Hello</p>", author: { displayName: "Ana" } };
    const key = fragmentKey([1, "UTC", post]);
    expect(fragment(key, ["thread:1"], render)).toBe(card(1));
    expect(fragment(key, ["thread:1"], render)).toBe(card(1));
    expect(renders).toBe(1);
    // A new name, new words or a hidden state is a new key: the old card can't be served for it.
    expect(fragmentKey([1, "UTC", { ...post, author: { displayName: "Ana B" } }])).not.toBe(key);
    expect(fragmentKey([1, "UTC", { ...post, html: null }])).not.toBe(key);
    expect(fragmentKey([1, "Asia/Tokyo", post])).not.toBe(key);
  });

  it("stay within FRAGMENT_CACHE_BYTES, dropping the least recently used first", () => {
    process.env.FRAGMENT_CACHE_BYTES = "30000";
    for (let n = 0; n < 40; n++) fragment(`k${n}`, ["thread:1"], () => card(n));
    const stats = fragmentCacheStats();
    expect(stats.bytes).toBeLessThanOrEqual(30_000);
    expect(stats.entries).toBeGreaterThan(5);
    expect(stats.entries).toBeLessThan(40);
    // The newest are kept; the oldest went.
    let rendered = false;
    fragment("k39", ["thread:1"], () => ((rendered = true), card(39)));
    expect(rendered).toBe(false);
    fragment("k0", ["thread:1"], () => ((rendered = true), card(0)));
    expect(rendered).toBe(true);
    // A card bigger than the whole cache is rendered, never stored.
    const huge = card(99, 40_000);
    expect(fragment("huge", ["thread:1"], () => huge)).toBe(huge);
    expect(fragmentCacheStats().bytes).toBeLessThanOrEqual(30_000);
  });

  it("go with their thread's visitor pages, and all at once on '*'", () => {
    fragment("a", ["thread:1"], () => card(1));
    fragment("b", ["thread:2"], () => card(2));
    invalidatePages(["thread:1", "home"]);
    expect(hasFragmentsTagged("thread:1")).toBe(false);
    expect(hasFragmentsTagged("thread:2")).toBe(true);
    invalidatePages(["*"]);
    expect(fragmentCacheStats()).toMatchObject({ entries: 0, bytes: 0 });
  });
});

describe("HTML digests", () => {
  it("follow the post's HTML, and hold a bounded amount of it", () => {
    const first = htmlDigest(1, "<p>Hello</p>");
    expect(htmlDigest(1, "<p>Hello</p>")).toBe(first);
    expect(htmlDigest(1, "<p>Hello, edited</p>")).not.toBe(first);
    expect(htmlDigest(1, null)).toBeNull();
    // Far more HTML than the bound: still the right digest for each, and the process does not keep it all.
    const big = "x".repeat(1024 * 1024);
    for (let id = 10; id < 40; id++) expect(htmlDigest(id, big + id)).toBe(htmlDigest(id, big + id));
    expect(digestCacheBytes()).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
