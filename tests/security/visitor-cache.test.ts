// Issue 12, section 1: the visitor page cache is bounded in bytes and caches canonical URLs only, so query
// strings cannot grow the server's memory. Through real HTTP against the built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { logInAll, seedForum } from "../reliability/support";

const CACHE_BYTES = 150_000;

let server: RunningServer;
let threadPath: string;
let memberCookie: string;

beforeAll(async () => {
  const forum = await seedForum(1);
  server = await startServer({ env: { DATABASE_PATH: forum.databasePath, PAGE_CACHE_BYTES: String(CACHE_BYTES) } });
  const answer = await get(`/threads/${forum.threadId}/any-slug`);
  threadPath = answer.headers.get("location") ?? "";
  expect(threadPath).toMatch(new RegExp(`^/threads/${forum.threadId}/[a-z0-9-]+$`));
  memberCookie = (await logInAll(server.url, forum.handles))[0]!;
}, 120_000);

afterAll(() => server?.stop());

function get(path: string, cookie?: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

async function pageCache(): Promise<{ entries: number; bytes: number; maxBytes: number }> {
  const health = (await (await get("/healthz")).json()) as {
    pageCache: { entries: number; bytes: number; maxBytes: number };
  };
  return health.pageCache;
}

describe("visitor page cache", () => {
  it("redirects parameters a page does not read to its canonical URL, and never caches them", async () => {
    for (const path of ["/", "/topics", threadPath]) {
      const first = await get(path);
      await first.arrayBuffer();
      expect(first.status).toBe(200);
    }
    const before = await pageCache();
    expect(before.entries).toBe(3);

    for (let i = 0; i < 200; i++) {
      const path = [`/?v=${i}`, `/topics?utm_source=${i}`, `${threadPath}?v=${i}&x=${"y".repeat(i)}`][i % 3]!;
      const answer = await get(path);
      expect(answer.status, path).toBe(301);
      expect(answer.headers.get("location"), path).toBe(path.slice(0, path.indexOf("?")));
    }
    expect(await pageCache()).toEqual(before);
  });

  it("keeps the parameters a page reads, in alphabetical order, once each, and caches that URL", async () => {
    const cases: Array<[string, string]> = [
      ["/topics/health?sort=top&kind=story", "/topics/health?kind=story&sort=top"],
      ["/topics/health?sort=top&sort=latest&junk=1", "/topics/health?sort=top"],
      [`${threadPath}?after=`, threadPath],
      [`${threadPath}?after=5&after=6`, `${threadPath}?after=5`],
      ["/members/someone?after=&section=replies&v=2", "/members/someone?section=replies"],
    ];
    for (const [path, canonical] of cases) {
      const answer = await get(path);
      expect(answer.status, path).toBe(301);
      expect(answer.headers.get("location"), path).toBe(canonical);
    }
    const canonical = `${threadPath}?after=5`;
    const miss = await get(canonical);
    await miss.arrayBuffer();
    expect([miss.status, miss.headers.get("x-page-cache")]).toEqual([200, "miss"]);
    const hit = await get(canonical);
    await hit.arrayBuffer();
    expect([hit.status, hit.headers.get("x-page-cache")]).toEqual([200, "hit"]);
  });

  it("stays within its byte bound however many distinct canonical pages are asked for", async () => {
    let served = 0;
    for (let i = 1; i <= 200; i++) {
      const answer = await get(`${threadPath}?after=${1000 + i}`);
      await answer.arrayBuffer();
      if (answer.status === 200) served++;
    }
    expect(served).toBe(200);
    const stats = await pageCache();
    expect(stats.maxBytes).toBe(CACHE_BYTES);
    expect(stats.bytes).toBeLessThanOrEqual(CACHE_BYTES);
    expect(stats.bytes).toBeGreaterThan(CACHE_BYTES / 2); // it was used, not emptied
    expect(stats.entries).toBeLessThan(200);
  });

  it("serves a search under its canonical URL without a redirect, and keeps searches to an eighth of the bytes", async () => {
    const forms = ["/search?q=thread", "/search?topic=&q=thread&kind=&author=&from=&to=", "/search?q=thread&v=1"];
    const served: Array<[number, string | null]> = [];
    const bodies: string[] = [];
    for (const path of forms) {
      const answer = await get(path);
      bodies.push(await answer.text());
      served.push([answer.status, answer.headers.get("x-page-cache")]);
    }
    expect(served).toEqual([
      [200, "miss"],
      [200, "hit"],
      [200, "hit"],
    ]);
    expect(new Set(bodies).size).toBe(1);
    // However many searches visitors make up, they take no more than their share from the other pages.
    await (await get(threadPath)).arrayBuffer();
    for (let i = 0; i < 100; i++) await (await get(`/search?q=thread${i}`)).arrayBuffer();
    const answer = await get(threadPath);
    await answer.arrayBuffer();
    expect(answer.headers.get("x-page-cache")).toBe("hit");
    expect((await pageCache()).bytes).toBeLessThanOrEqual(CACHE_BYTES);
  });

  it("leaves members' requests alone: no redirect, nothing cached", async () => {
    const before = await pageCache();
    const answer = await get("/?v=member", memberCookie);
    await answer.arrayBuffer();
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-page-cache")).toBeNull();
    expect((await pageCache()).entries).toBe(before.entries);
  });
});
