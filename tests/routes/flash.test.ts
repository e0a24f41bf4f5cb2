// Flash messages (issue 14, point 4) through real HTTP against the built server: a message is shown by the
// page after the redirect, once; it is the server's own words, never the request's; a forged cookie shows
// nothing; and a page with a flash is never served from, nor stored in, the visitor page cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "../security/support";

let server: RunningServer;
let member: TestMember;
let memberCookie: string;
let topic: { slug: string; name: string };

beforeAll(async () => {
  member = await createMember({ createdAt: Date.now() - 30 * 86_400_000 });
  memberCookie = await sessionCookieFor(member.id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } }); // seeds the starter topics
  topic = await getDb()
    .selectFrom("tags")
    .select(["slug", "name"])
    .where("merged_into_id", "is", null)
    .orderBy("id")
    .executeTakeFirstOrThrow();
});
afterAll(async () => {
  await server?.stop();
});

const setCookies = (answer: RawAnswer) => [answer.headers["set-cookie"] ?? []].flat();
const flashCookieOf = (answer: RawAnswer) => setCookies(answer).find((c) => c.startsWith("rt_flash="));
/** The name=value part of a Set-Cookie, as a browser would send it back. */
const pair = (setCookie: string) => setCookie.split(";")[0]!;
/** What the flash's live region holds on a page ("" when empty). */
function flashText(html: string): string {
  const region = /<div class="flash" role="status">(?:<div class="flash-message"><p>([\s\S]*?)<\/p>)?/.exec(html);
  expect(region, "the page has its live region for messages").not.toBeNull();
  return (region?.[1] ?? "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

async function followTopic(intent: "follow" | "unfollow", extra: Record<string, string> = {}) {
  return httpRequest(server, `/topics/${topic.slug}/follow`, {
    method: "POST",
    cookie: memberCookie,
    form: { intent, ...extra },
  });
}

describe("a flash message", () => {
  it("is shown by the page after the redirect, once: that response clears it", async () => {
    const posted = await followTopic("follow");
    expect(posted.status).toBe(302);
    const flash = flashCookieOf(posted);
    expect(flash).toMatch(/HttpOnly/i);
    expect(flash).toMatch(/SameSite=Lax/i);

    const shown = await httpRequest(server, posted.headers.location!, {
      cookie: `${memberCookie}; ${pair(flash!)}`,
    });
    expect(shown.status).toBe(200);
    expect(flashText(shown.body)).toBe(`You follow ${topic.name} now.`);
    // The same response clears the cookie (expired now), so the next page has no message.
    const cleared = flashCookieOf(shown);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);

    const next = await httpRequest(server, posted.headers.location!, {
      cookie: `${memberCookie}; ${pair(cleared!)}`,
    });
    expect(flashText(next.body)).toBe("");
    expect(next.body).not.toContain(`You follow ${topic.name} now.`);
  });

  it("says the server's words, never the request's", async () => {
    const posted = await followTopic("unfollow", {
      message: "<script>alert(1)</script>Pwned",
      flash: "Pwned",
      name: "Pwned",
    });
    const shown = await httpRequest(server, posted.headers.location!, {
      cookie: `${memberCookie}; ${pair(flashCookieOf(posted)!)}`,
    });
    expect(flashText(shown.body)).toBe(`You no longer follow ${topic.name}.`);
    expect(shown.body).not.toContain("Pwned");

    // Log in with a made-up destination: the welcome is the same fixed sentence wherever it leads.
    const login = await httpRequest(server, "/login", {
      method: "POST",
      form: { login: member.handle, password: FACTORY_PASSWORD, redirectTo: "/about?message=Pwned" },
    });
    expect(login.status).toBe(302);
    const session = setCookies(login).find((c) => c.startsWith("rt_session="))!;
    const welcomed = await httpRequest(server, login.headers.location!, {
      cookie: `${pair(session)}; ${pair(flashCookieOf(login)!)}`,
    });
    // (The page's own address, with its query, is in the page's data; the message is not made from it.)
    expect(flashText(welcomed.body)).toBe("Welcome back. You are logged in.");
  });

  it("is ignored when its cookie was not signed by the server (and the cookie is cleared)", async () => {
    const forgedData = Buffer.from(
      JSON.stringify({ __flash_flash__: { id: "forged", message: "Your account is suspended. Call 555-0100." } }),
    ).toString("base64");
    for (const value of [forgedData, `${forgedData}.c2lnbmF0dXJl`, "garbage%%%", ""]) {
      const answer = await httpRequest(server, "/topics", {
        cookie: `${memberCookie}; rt_flash=${encodeURIComponent(value)}`,
      });
      expect(answer.status, value).toBe(200);
      expect(flashText(answer.body), value).toBe("");
      expect(answer.body).not.toContain("555-0100");
      expect(flashCookieOf(answer), value).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    }
    // A real one, re-signed with its message changed, is refused just the same.
    const posted = await followTopic("follow");
    const [data, signature] = decodeURIComponent(pair(flashCookieOf(posted)!).slice("rt_flash=".length)).split(".");
    const changed = Buffer.from(data!, "base64").toString().replace("You follow", "You were reported");
    const tampered = `${Buffer.from(changed).toString("base64")}.${signature}`;
    const answer = await httpRequest(server, posted.headers.location!, {
      cookie: `${memberCookie}; rt_flash=${encodeURIComponent(tampered)}`,
    });
    expect(answer.body).not.toContain("You were reported");
    expect(flashText(answer.body)).toBe("");
  });
});

describe("a flash and the visitor page cache", () => {
  // The session is made first: a write by this process (not the server) empties the whole cache.
  async function logOut(cookie: string): Promise<{ flash: string; location: string }> {
    const answer = await httpRequest(server, "/logout", { method: "POST", cookie, form: {} });
    expect(answer.status).toBe(302);
    return { flash: pair(flashCookieOf(answer)!), location: answer.headers.location! };
  }
  const cacheStats = async () =>
    ((await (await fetch(`${server.url}/healthz`)).json()) as { pageCache: { entries: number } }).pageCache;

  it("bypasses the cache both ways, and never lands in a page another visitor gets", async () => {
    const cookie = await sessionCookieFor(member.id);
    // The home page, cached for visitors.
    const first = await httpRequest(server, "/");
    const cached = await httpRequest(server, "/");
    expect(cached.headers["x-page-cache"]).toBe("hit");
    const entries = (await cacheStats()).entries;

    // Logged out: the visitor's home page says so. It was rendered for them, not served from the cache ...
    const { flash, location } = await logOut(cookie);
    expect(location).toBe("/");
    const shown = await httpRequest(server, "/", { cookie: flash });
    expect(shown.status).toBe(200);
    expect(shown.headers["x-page-cache"]).toBeUndefined();
    expect(flashText(shown.body)).toBe("You are logged out.");
    expect(shown.headers["cache-control"] ?? "").not.toMatch(/public/);

    // ... nor stored in it: every other visitor gets the cached page, without the message.
    expect((await cacheStats()).entries).toBe(entries);
    const other = await httpRequest(server, "/");
    expect(other.headers["x-page-cache"]).toBe("hit");
    expect(flashText(other.body)).toBe("");
    expect(other.body).not.toContain("You are logged out.");
    expect(other.body).toBe(cached.body);
    expect(first.body).toBe(cached.body);
  });

  it("does not end up in a page first rendered (a cache miss) for a visitor with a flash", async () => {
    // An empty cache for /about: the flash visitor comes first, then a plain one.
    const { flash } = await logOut(await sessionCookieFor(member.id));
    const aboutBefore = (await cacheStats()).entries;
    const withFlash = await httpRequest(server, "/about", { cookie: flash });
    expect(flashText(withFlash.body)).toBe("You are logged out.");
    expect(withFlash.headers["x-page-cache"]).toBeUndefined();
    expect((await cacheStats()).entries).toBe(aboutBefore);
    const plain = await httpRequest(server, "/about");
    expect(plain.headers["x-page-cache"]).toBe("miss");
    expect(plain.body).not.toContain("You are logged out.");
    const again = await httpRequest(server, "/about");
    expect(again.headers["x-page-cache"]).toBe("hit");
    expect(again.body).not.toContain("You are logged out.");
  });

  it("left no error in the server's log", () => {
    expect(errorLines(server)).toEqual([]);
  });
});
