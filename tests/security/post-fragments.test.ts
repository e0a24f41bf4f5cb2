// Post cards rendered once (docs/decisions/0030): the production server renders each reply's card once and
// reuses it for every reader who sees it the same way. What must hold whatever the cache holds:
// - each reader gets their own controls (the author's Edit and Delete, a member's Helpful, Flag and Save, a
//   moderator's Moderate, a visitor's log-in Reply), in whatever order they read the page;
// - an edit, a hide, a removal, a suspension or a new name shows at once, to visitors (page cache) and to
//   members (fragments) alike, and hidden words reach no one but the author and moderators.
// Writes go through the server over HTTP, so the server's own invalidation is what is tested, on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~db/client.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { cardIn, type CardSeen } from "../setup/post-cards";
import { sessionCookieFor } from "../setup/requests";

type Who = "visitor" | "member" | "author" | "moderator";

let server: RunningServer;
const cookies: Record<Who, string | null> = { visitor: null, member: null, author: null, moderator: null };
let author: TestMember;
let threadPath: string;
const posts = { first: 0, second: 0, third: 0, byMember: 0 };

beforeAll(async () => {
  const opener = await createMember({ displayName: "Olu Opener" });
  author = await createMember({ displayName: "Ada Author" });
  const member = await createMember({ displayName: "Mo Member" });
  const moderator = await createMember({ role: "moderator", displayName: "Meg Moderator" });
  const thread = await createTestThread({ authorId: opener.id, title: "Fragments of a conversation" });
  threadPath = `/threads/${thread.id}/${thread.slug}`;
  posts.first = await createTestReply({ threadId: thread.id, authorId: author.id, body: "First words marigold" });
  posts.second = await createTestReply({ threadId: thread.id, authorId: author.id, body: "Second words juniper" });
  posts.third = await createTestReply({ threadId: thread.id, authorId: author.id, body: "Third words lavender" });
  posts.byMember = await createTestReply({ threadId: thread.id, authorId: member.id, body: "A member's answer" });
  cookies.member = await sessionCookieFor(member.id);
  cookies.author = await sessionCookieFor(author.id);
  cookies.moderator = await sessionCookieFor(moderator.id);
  await closeDatabase();
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function read(who: Who): Promise<string> {
  const cookie = cookies[who];
  const response = await fetch(`${server.url}${threadPath}`, { headers: cookie ? { Cookie: cookie } : {} });
  expect(response.status, `${who} reads the thread`).toBe(200);
  return response.text();
}

async function card(who: Who, postId: number): Promise<CardSeen | null> {
  return cardIn(await read(who), postId);
}

async function send(path: string, form: Record<string, string>, who: Who): Promise<Response> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookies[who] ? { Cookie: cookies[who]! } : {}),
    },
    body: new URLSearchParams(form),
  });
  expect(response.status, `POST ${path}: ${response.status === 302 ? "" : await response.text()}`).toBe(302);
  return response;
}

/** Everyone reads the page first: the visitor's copy is cached, members' cards are in the fragment cache. */
async function everyoneReads() {
  for (const who of ["visitor", "member", "author", "moderator"] as const) await read(who);
}

const has = (c: CardSeen | null, href: string) => c!.html.includes(`href="${href}"`);

describe("each reader's controls on a card rendered once", () => {
  it("the author, another member, a moderator and a visitor each get their own, read in any order", async () => {
    const id = posts.first;
    // Twice round, in two orders: whichever reader's card was rendered first, the next gets theirs.
    for (const order of [
      ["member", "author", "moderator", "visitor"],
      ["visitor", "moderator", "author", "member"],
    ] as const) {
      for (const who of order) {
        const c = await card(who, id);
        expect(c, who).not.toBeNull();
        expect(c!.text, who).toContain("First words marigold");
        const helpfulButton = c!.html.includes(`action="/posts/${id}/helpful"`);
        const saveForm = c!.html.includes(`action="/posts/${id}/save"`);
        if (who === "author") {
          expect([has(c, `/posts/${id}/edit`), has(c, `/posts/${id}/delete`)], who).toEqual([true, true]);
          expect([has(c, `/posts/${id}/flag`), helpfulButton, has(c, `/mod/posts/${id}`)], who).toEqual([
            false,
            false,
            false,
          ]);
          expect(saveForm, who).toBe(true);
        } else if (who === "member") {
          expect([has(c, `/posts/${id}/flag`), helpfulButton, saveForm], who).toEqual([true, true, true]);
          expect([has(c, `/posts/${id}/edit`), has(c, `/posts/${id}/delete`), has(c, `/mod/posts/${id}`)]).toEqual([
            false,
            false,
            false,
          ]);
        } else if (who === "moderator") {
          expect([has(c, `/mod/posts/${id}`), has(c, `/posts/${id}/flag`), helpfulButton], who).toEqual([
            true,
            true,
            true,
          ]);
          expect(has(c, `/posts/${id}/edit`), who).toBe(false);
        } else {
          expect(c!.html, who).toContain(`/login?redirectTo=`);
          expect([helpfulButton, saveForm, has(c, `/posts/${id}/flag`), has(c, `/posts/${id}/edit`)]).toEqual([
            false,
            false,
            false,
            false,
          ]);
        }
      }
    }
  });

  it("a member's own marks (helpful, saved) are theirs alone", async () => {
    const id = posts.byMember;
    await send(`/posts/${id}/helpful`, {}, "author");
    await send(`/posts/${id}/save`, { saved: "1" }, "author");
    const authorsView = (await card("author", id))!;
    expect(authorsView.html).toContain("Helpful ✓");
    expect(authorsView.html).toMatch(/aria-pressed="true">Saved</);
    const moderatorsView = (await card("moderator", id))!;
    expect(moderatorsView.html).not.toContain("Helpful ✓");
    expect(moderatorsView.html).toContain(" (1)"); // the count is everyone's
    expect(moderatorsView.html).toMatch(/aria-pressed="false">Save</);
    expect((await card("visitor", id))!.text).toContain("1 found this helpful");
  });
});

describe("changes show at once, to visitors and members", () => {
  it("an edit", async () => {
    await everyoneReads();
    await send(`/posts/${posts.first}/edit`, { intent: "publish", bodySource: "First words, now rosemary" }, "author");
    for (const who of ["visitor", "member", "author"] as const) {
      const c = await card(who, posts.first);
      expect(c!.text, who).toContain("First words, now rosemary");
      expect(c!.text, who).not.toContain("marigold");
      expect(c!.html, who).toContain(`/posts/${posts.first}/history`); // "edited"
    }
  });

  it("a moderator hides a reply: its words reach the author and moderators only", async () => {
    await everyoneReads();
    await send(`/mod/posts/${posts.second}`, { intent: "hide", reason: "spam", note: "" }, "moderator");
    for (const who of ["visitor", "member"] as const) {
      const c = await card(who, posts.second);
      // A hidden reply with nothing under it is a placeholder at most: never its words or its author.
      if (c) expect([c.state, c.prose, c.authorHandle], who).toEqual(["hidden", null, null]);
      expect(await read(who), who).not.toContain("juniper");
    }
    for (const who of ["author", "moderator"] as const) {
      const c = await card(who, posts.second);
      expect(c!.state, who).toBe("hidden");
      expect(c!.prose, who).toContain("juniper");
      expect(c!.hiddenReason, who).toBe("Spam");
    }
    await send(`/mod/posts/${posts.second}`, { intent: "restore" }, "moderator");
    for (const who of ["visitor", "member"] as const) expect((await card(who, posts.second))!.state).toBe("visible");
  });

  it("its author removes a reply", async () => {
    await everyoneReads();
    await send(`/posts/${posts.third}/delete`, {}, "author");
    for (const who of ["visitor", "member", "author", "moderator"] as const) {
      expect(await read(who), who).not.toContain("lavender");
    }
  });

  it("a new name, on every card of the member's", async () => {
    await everyoneReads();
    await send("/settings/profile", { displayName: "Ada Renamed", organization: "Fragment Union" }, "author");
    for (const who of ["visitor", "member", "moderator"] as const) {
      const c = (await card(who, posts.first))!;
      expect(c.text, who).toContain("Ada Renamed");
      expect(c.text, who).toContain("Fragment Union");
      expect(c.text, who).not.toContain("Ada Author");
      // "replying to" names too: the member's answer is under the thread, not under Ada; her card is enough.
      expect(await read(who), who).not.toContain("Ada Author");
    }
  });

  it("a suspension hides nothing, and the suspended author's own controls follow their session", async () => {
    await everyoneReads();
    await send(
      `/mod/members/${author.handle}`,
      { intent: "suspend", reason: "Suspended to see the cards", length: "7d" },
      "moderator",
    );
    for (const who of ["visitor", "member"] as const) {
      expect((await card(who, posts.first))!.text, who).toContain("First words, now rosemary");
    }
    // A suspension ends the member's sessions; logged in again, they read on.
    const login = await send("/login", { login: author.handle, password: FACTORY_PASSWORD }, "visitor");
    cookies.author = (login.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    const own = (await card("author", posts.first))!;
    expect(own.text).toContain("First words, now rosemary");
    expect(has(own, `/posts/${posts.first}/edit`)).toBe(true);
  });
});
