// Redirect targets (issue 12, section 4): a `redirectTo` (or `next`) with any Unicode, a lone surrogate or a
// malformed %-escape never gives a 500, and never leads off the site. Every place a target is read from a
// request: log-in (page and form), join (page and form), the email confirmation's ?next=, marking
// notifications read; and the routes that put the request's own address into a Location (login redirects,
// canonical thread and topic addresses).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { safeRedirectPath } from "~/auth/session.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "./support";

const SITE = "https://roundtable.example";

/** What a browser does with a Location: it must stay on the site and be plain ASCII (a header can't be more). */
function expectSafeLocation(location: string, what: string) {
  expect(location, what).toMatch(/^[\x21-\x7e]+$/);
  expect(location.startsWith("/") && !location.startsWith("//"), `${what}: ${location}`).toBe(true);
  expect(new URL(location, SITE).origin, `${what}: ${location}`).toBe(SITE);
}

describe("safeRedirectPath", () => {
  it.each([
    ["/日", "/%E6%97%A5"],
    ["/%E6%97%A5", "/%E6%97%A5"],
    ["/a\u2028b?c=\u2029#\u0085", "/a%E2%80%A8b?c=%E2%80%A9#%C2%85"],
    ["/a\ud800b", "/a%EF%BF%BDb"],
    ["/\udc00", "/%EF%BF%BD"],
    ["/%zz%E6%97", "/%zz%E6%97"],
    ['/a b"<>`{}', "/a%20b%22%3C%3E%60%7B%7D"],
    ["/threads/1/x?after=5#post-9", "/threads/1/x?after=5#post-9"],
    ["/.//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["//evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["https://evil.example", "/"],
    ["/\u0000", "/"],
  ])("%j becomes %j", (to, expected) => {
    expect(safeRedirectPath(to)).toBe(expected);
  });

  it("gives a safe path for 20,000 random strings of every kind of character", () => {
    let seed = 12;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      () => String.fromCharCode(Math.floor(random() * 0x10000)), // any UTF-16 unit, lone surrogates included
      () => String.fromCodePoint(Math.floor(random() * 0x110000)),
      () => "/",
      () => "\\",
      () => ".",
      () => "%",
      () => `%${Math.floor(random() * 256).toString(16)}`,
      () => "?",
      () => "#",
      () => ":",
      () => "@",
      () => String.fromCharCode(Math.floor(random() * 0x80)),
    ];
    for (let i = 0; i < 20_000; i++) {
      let to = "/";
      const length = Math.floor(random() * 12);
      for (let j = 0; j < length; j++) to += pieces[Math.floor(random() * pieces.length)]!();
      const result = safeRedirectPath(to);
      expectSafeLocation(result, JSON.stringify(to));
    }
  });
});

// As they travel on the wire, in a query string or a form body (so "%25" is a literal "%").
const TARGETS = [
  "/%E6%97%A5", // "/日"
  "%2F%25E6%2597%25A5", // "/%E6%97%A5", literally
  "/%E2%80%A8", // U+2028
  "/%E2%80%A9x%C2%85", // U+2029 and NEL
  "/%ED%A0%80", // a lone surrogate's bytes (decoded as U+FFFD)
  "%2F%25ED%25A0%2580", // "/%ED%A0%80", literally
  "/%E6%97", // a truncated character
  "/%FF%FE",
  "/%C0%AF", // an overlong "/"
  "/%F4%90%80%80", // past U+10FFFF
  "/%EF%BF%BF", // a noncharacter
  "/%zz",
  "/%",
  "/%2",
  "%2F%25zz",
  "/%00",
  "/%0D%0ASet-Cookie:%20a=b",
  "/%09/evil.example",
  "/%5Cevil.example",
  "%2F.%2F%2Fevil.example",
  "//evil.example",
  "/%F0%9F%99%82%3Fq%3D%E6%97%A5%23%E6%97%A5",
  "/%E3%80%80",
  "/" + "%E6%97%A5".repeat(600),
];

let server: RunningServer;
let member: TestMember;
let cookie: string;
let thread: { id: number; slug: string };
let replyId: number;

beforeAll(async () => {
  member = await createMember();
  cookie = await sessionCookieFor(member.id);
  thread = await createTestThread({ authorId: member.id, title: "Where do we go from here" });
  replyId = await createTestReply({ threadId: thread.id, authorId: member.id, body: "Somewhere." });
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH!, TRUST_PROXY: "1" } });
});
afterAll(async () => {
  await server?.stop();
});

function check(answer: RawAnswer, what: string, failures: string[]) {
  if (answer.status >= 500) failures.push(`${what}: ${answer.status}`);
  else if (answer.status >= 300 && answer.status < 400) {
    try {
      expectSafeLocation(String(answer.headers.location), what);
    } catch (error) {
      failures.push(String(error));
    }
  }
}

let joins = 0;

describe("over HTTP, every place a redirect target is read", () => {
  it.each(TARGETS.map((t) => [t.slice(0, 60), t]))("%s", async (_label, target) => {
    const failures: string[] = [];
    const form = (fields: Record<string, string>) =>
      Object.entries(fields)
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
    // Signed in, the log-in page sends you on to redirectTo at once.
    const page = await httpRequest(server, `/login?redirectTo=${target}`, { cookie });
    expect(page.status, "the log-in page redirects a member").toBeLessThan(500);
    check(page, "GET /login as a member", failures);
    // As a visitor, the pages carry it in their forms and links.
    for (const path of ["/login", "/join"]) {
      const visitor = await httpRequest(server, `${path}?redirectTo=${target}`);
      if (visitor.status !== 200) failures.push(`GET ${path} as a visitor: ${visitor.status}`);
    }
    const loggedIn = await httpRequest(server, "/login", {
      method: "POST",
      body: form({ login: member.handle, password: encodeURIComponent(member.password), redirectTo: target }),
    });
    if (loggedIn.status !== 302) failures.push(`POST /login: ${loggedIn.status}`);
    check(loggedIn, "POST /login", failures);
    joins++;
    const joined = await httpRequest(server, "/join", {
      method: "POST",
      headers: { "X-Forwarded-For": `192.0.2.${joins}` },
      body: form({
        handle: `redirect_${joins}`,
        displayName: "Redirect Tester",
        email: `redirect${joins}%40example.org`,
        password: "tenant%20meetings%20on%20tuesdays",
        rulesAccepted: "on",
        redirectTo: target,
      }),
    });
    if (joined.status !== 302) failures.push(`POST /join: ${joined.status} ${joined.body.slice(0, 200)}`);
    check(joined, "POST /join", failures);
    // The email link joining sends carries the target on (?next=), read again by the confirmation page.
    const confirmPage = await httpRequest(server, `/verify-email/${"x".repeat(43)}?next=${target}`);
    if (confirmPage.status >= 500) failures.push(`GET /verify-email?next=: ${confirmPage.status}`);
    const read = await httpRequest(server, "/notifications", {
      method: "POST",
      cookie,
      body: form({ intent: "read", ids: "1", next: target }),
    });
    check(read, "POST /notifications", failures);
    expect(failures).toEqual([]);
  });

  it("routes that put the request's own address into a Location", async () => {
    const failures: string[] = [];
    for (const target of TARGETS) {
      const query = `?q=${target}`;
      for (const path of [
        `/threads/${thread.id}${query}`, // to the canonical address
        `/threads/${thread.id}/not-the-slug${query}`,
        `/posts/${replyId}${query}`,
        `/settings${query}`, // a visitor is sent to log in, and back
        `/settings/profile${query}`,
        `/topics/organizing/follow${query}`,
        `/topics/${target.replace(/\//g, "%2F")}/follow`,
      ]) {
        check(await httpRequest(server, path), `GET ${path.slice(0, 80)}`, failures);
      }
    }
    expect(failures).toEqual([]);
    expect(errorLines(server)).toEqual([]);
    // The joins above made accounts: each was a real one.
    const made = await getDb().selectFrom("members").select("handle").where("handle", "like", "redirect_%").execute();
    expect(made).toHaveLength(TARGETS.length);
  });
});
