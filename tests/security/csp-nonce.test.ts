// CSP nonces (issue 12, section 4): a nonce may be sent in one response only. Cached visitor pages used to
// carry the nonce of the render that filled the cache, for every visitor after; now they carry none, and
// their responses allow their inline scripts by SHA-256 hashes. The CSP stays strict (no 'unsafe-inline'),
// and in a real browser the scripts of a cached page still run.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage } from "../e2e/support/browser";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "./support";

let server: RunningServer;
let member: TestMember;
let cookie: string;
let thread: { id: number; slug: string };

beforeAll(async () => {
  member = await createMember({ handle: "csp_author" });
  cookie = await sessionCookieFor(member.id);
  thread = await createTestThread({ authorId: member.id, title: "Scripts and their nonces" });
  await createTestReply({ threadId: thread.id, authorId: member.id, body: "A reply with </script> in it." });
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});
afterAll(async () => {
  await server?.stop();
});

interface Seen {
  what: string;
  csp: string;
  headerNonce: string | null;
  hashes: string[];
  bodyNonces: string[];
  inlineScripts: string[];
  cache: string | undefined;
}

function read(what: string, answer: RawAnswer): Seen {
  const csp = String(answer.headers["content-security-policy"] ?? "");
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  return {
    what,
    csp,
    headerNonce: /'nonce-([^']+)'/.exec(scriptSrc)?.[1] ?? null,
    hashes: [...scriptSrc.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]!),
    bodyNonces: [...answer.body.matchAll(/\bnonce="([^"]*)"/g)].map((m) => m[1]!),
    inlineScripts: [...answer.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      .filter((m) => !/\bsrc=/.test(m[1]!))
      .map((m) => m[2]!),
    cache: answer.headers["x-page-cache"] as string | undefined,
  };
}

const sha256 = (text: string) => createHash("sha256").update(text.replace(/\r\n?/g, "\n")).digest("base64");

describe("over HTTP", () => {
  it("no nonce is sent in more than one response, and every inline script is allowed by its own response", async () => {
    const visitorPaths = [
      "/",
      "/",
      "/topics",
      "/topics",
      "/topics/organizing",
      "/about",
      "/about",
      `/threads/${thread.id}/${thread.slug}`,
      `/threads/${thread.id}/${thread.slug}`,
      `/threads/${thread.id}/${thread.slug}`,
      `/members/${member.handle}`,
      `/members/${member.handle}`,
      "/threads/999999/no-such-thread", // not found: not cached, rendered for the visitor cache's path
      "/login",
      "/login",
      "/search?q=nonces",
      "/rounds",
    ];
    const seen: Seen[] = [];
    for (const path of visitorPaths) seen.push(read(`visitor ${path}`, await httpRequest(server, path)));
    for (const path of ["/", `/threads/${thread.id}/${thread.slug}`, "/settings", "/settings"])
      seen.push(read(`member ${path}`, await httpRequest(server, path, { cookie })));

    expect(seen.filter((s) => s.cache === "hit").length, "some pages came from the cache").toBeGreaterThanOrEqual(4);
    const sentIn = new Map<string, string[]>();
    for (const s of seen) {
      expect(s.csp, s.what).toMatch(/script-src 'self'/);
      expect(s.csp, s.what).not.toContain("unsafe-inline");
      expect(s.inlineScripts.length, `${s.what} has inline scripts`).toBeGreaterThan(0);
      for (const nonce of new Set([...(s.headerNonce ? [s.headerNonce] : []), ...s.bodyNonces]))
        sentIn.set(nonce, [...(sentIn.get(nonce) ?? []), s.what]);
      if (s.headerNonce) {
        // Rendered for this response: its scripts carry this response's nonce.
        expect(s.bodyNonces.length, s.what).toBeGreaterThan(0);
        expect(new Set(s.bodyNonces), s.what).toEqual(new Set([s.headerNonce]));
      } else {
        // Shared by visitors: no nonce anywhere, every inline script allowed by its hash.
        expect(s.bodyNonces, s.what).toEqual([]);
        for (const script of s.inlineScripts) expect(s.hashes, s.what).toContain(sha256(script));
      }
      if (s.cache === "hit" || s.cache === "miss") expect(s.headerNonce, s.what).toBeNull();
    }
    const reused = [...sentIn].filter(([, where]) => where.length > 1);
    expect(reused, "nonces sent in more than one response").toEqual([]);
    expect(errorLines(server)).toEqual([]);
  });
});

describe("in Chromium", () => {
  it("a cached page's scripts run, with no CSP violation", { timeout: 60_000 }, async () => {
    const path = `/threads/${thread.id}/${thread.slug}`;
    await httpRequest(server, path); // fills the cache
    expect((await httpRequest(server, path)).headers["x-page-cache"]).toBe("hit");
    const browser = await launchBrowser();
    try {
      const { page, errors, close } = await newPage(browser, { baseURL: server.url });
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const response = await page.goto(path);
      expect(response?.headers()["x-page-cache"]).toBe("hit");
      // Remix's client takes over the page only if its inline scripts ran.
      await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    } finally {
      await browser.close();
    }
  });
});
