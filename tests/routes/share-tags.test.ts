// Open Graph, Twitter card and canonical tags on thread, story and profile pages, read from the production
// server's HTML: addresses from the configured origin whatever Host the request names, descriptions plain,
// bounded and escaped, and no tags for what a visitor may not see or a name a pseudonym hides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteAccount } from "~/models/account-deletion.server";
import { setThreadHidden } from "~/models/moderation.server";
import { suspendMember } from "~/models/members-moderation.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

const PUBLIC_ORIGIN = "https://roundtable.example.org";
const TRICKY_TITLE = `Rent "strike" <script>alert(1)</script> & after`;
// Longer than any description may be, with the characters an attribute must escape.
const LONG_BODY = `We said "no" <b>together</b> & kept going. ${"Every floor had a captain who knew each door. ".repeat(12)}`;

let server: RunningServer;
let author: TestMember, moderator: TestMember, suspended: TestMember, leaving: TestMember, answerer: TestMember;
const paths: Record<string, string> = {};

beforeAll(async () => {
  author = await createMember({ displayName: `Ana "Q" <i>Ruiz</i> & co` });
  moderator = await createMember({ role: "moderator" });
  suspended = await createMember({ displayName: "Sam Suspended" });
  leaving = await createMember({ displayName: "Lee Leaving" });
  answerer = await createMember({ displayName: "Pseudo Masked Person" });
  const db = getDb();
  const story = await createTestThread({ authorId: author.id, kind: "story", title: TRICKY_TITLE, body: LONG_BODY });
  const discussion = await createTestThread({ authorId: author.id, title: "A plain discussion about phone trees" });
  const hidden = await createTestThread({ authorId: author.id, title: "A thread moderators hid" });
  const hideResult = await setThreadHidden(hidden.id, { actorId: moderator.id, reason: "off-topic", note: "" });
  expect(hideResult.ok).toBe(true);
  const round = await createTestRound({ createdBy: moderator.id });
  await createTestAnswer({
    roundId: round.id,
    threadId: round.promptIds[0]!,
    memberId: answerer.id,
    pseudonym: "A nurse in the Valley",
    body: "What we learned on the night shift.",
  });
  const prompt = await db
    .selectFrom("threads")
    .select(["id", "slug"])
    .where("id", "=", round.promptIds[0]!)
    .executeTakeFirstOrThrow();
  const suspension = await suspendMember({
    actorId: moderator.id,
    memberId: suspended.id,
    reason: "Cooling off.",
    until: null,
  });
  expect(suspension.ok).toBe(true);
  await deleteAccount({ memberId: leaving.id, posts: "keep" });
  paths.story = `/threads/${story.id}/${story.slug}`;
  paths.discussion = `/threads/${discussion.id}/${discussion.slug}`;
  paths.hidden = `/threads/${hidden.id}/${hidden.slug}`;
  paths.prompt = `/threads/${prompt.id}/${prompt.slug}`;
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH!, ORIGIN: PUBLIC_ORIGIN } });
});

afterAll(async () => {
  if (server) expect(errorLines(server)).toEqual([]);
  await server?.stop();
});

/** The page's <head>, fetched with a Host header of the client's choosing (as a visitor unless a cookie is given). */
async function headOf(path: string, cookie?: string): Promise<{ status: number; head: string }> {
  const answer = await httpRequest(server, path, { cookie, headers: { Host: "evil.example", Origin: null } });
  const end = answer.body.indexOf("</head>");
  return { status: answer.status, head: end === -1 ? "" : answer.body.slice(0, end) };
}

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The raw (still escaped) content of the meta tag whose property or name is `key`, or null. */
function rawMeta(head: string, key: string): string | null {
  const tag = new RegExp(`<meta[^>]*(?:property|name)="${key.replace(/[.:]/g, "\\$&")}"[^>]*>`).exec(head)?.[0];
  return tag ? (/content="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

const meta = (head: string, key: string) => {
  const raw = rawMeta(head, key);
  return raw === null ? null : decode(raw);
};
const canonical = (head: string) => /<link[^>]*rel="canonical"[^>]*href="([^"]*)"/.exec(head)?.[1] ?? null;

describe("share tags", () => {
  it("a story carries its title, a bounded plain excerpt, the site name and addresses from the configured origin", async () => {
    const { status, head } = await headOf(paths.story!);
    expect(status).toBe(200);
    const url = `${PUBLIC_ORIGIN}${paths.story}`;
    expect(canonical(head)).toBe(url);
    expect(meta(head, "og:url")).toBe(url);
    expect(head).not.toContain("evil.example");
    expect(meta(head, "og:site_name")).toBe("Roundtable");
    expect(meta(head, "og:type")).toBe("article");
    expect(meta(head, "og:title")).toBe(TRICKY_TITLE);
    expect(meta(head, "twitter:card")).toBe("summary");
    expect(meta(head, "twitter:title")).toBe(TRICKY_TITLE);
    const description = meta(head, "og:description")!;
    expect(description.startsWith(`We said "no" together & kept going. Every floor`)).toBe(true);
    expect(description.length).toBeLessThanOrEqual(200);
    expect(description.endsWith("…")).toBe(true);
    expect(meta(head, "twitter:description")).toBe(description);
    // Escaped in the attribute: the quote, the angle brackets and the ampersand never end it or open a tag.
    expect(rawMeta(head, "og:title")).toBe("Rent &quot;strike&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; after");
    expect(head).not.toContain("<script>alert(1)");
    expect(rawMeta(head, "og:description")).toContain("&quot;no&quot; together &amp; kept");
  });

  it("a discussion is an article too, with exactly one of each tag", async () => {
    const { head } = await headOf(paths.discussion!);
    expect(meta(head, "og:type")).toBe("article");
    expect(meta(head, "og:title")).toBe("A plain discussion about phone trees");
    for (const key of ["og:title", "og:description", "og:url", "og:site_name", "twitter:card"])
      expect(head.split(`"${key}"`).length - 1, key).toBe(1);
    expect(head.split('rel="canonical"').length - 1).toBe(1);
  });

  it("a hidden thread has no tags: a visitor gets a 404, and even its author's page describes nothing", async () => {
    const visitor = await headOf(paths.hidden!);
    expect(visitor.status).toBe(404);
    expect(visitor.head).not.toContain("og:");
    expect(visitor.head).not.toContain("A thread moderators hid");
    const own = await headOf(paths.hidden!, await sessionCookieFor(author.id));
    expect(own.status).toBe(200);
    expect(own.head).not.toContain("og:");
    expect(canonical(own.head)).toBeNull();
  });

  it("a prompt answered under a pseudonym never names the member in its tags", async () => {
    const { status, head } = await headOf(paths.prompt!);
    expect(status).toBe(200);
    expect(meta(head, "og:title")).toMatch(/prompt 1/);
    expect(head).not.toContain("Pseudo Masked Person");
    expect(head).not.toContain(answerer.handle);
  });

  it("a profile is a profile card, a suspended member's page keeps its card, a deleted account has none", async () => {
    const { head } = await headOf(`/members/${author.handle}`);
    expect(meta(head, "og:type")).toBe("profile");
    expect(meta(head, "og:title")).toBe(`Ana "Q" <i>Ruiz</i> & co`);
    expect(rawMeta(head, "og:title")).toBe("Ana &quot;Q&quot; &lt;i&gt;Ruiz&lt;/i&gt; &amp; co");
    expect(canonical(head)).toBe(`${PUBLIC_ORIGIN}/members/${author.handle}`);
    expect(meta(head, "og:description")!.length).toBeLessThanOrEqual(200);

    const paused = await headOf(`/members/${suspended.handle}`);
    expect(paused.status).toBe(200);
    expect(meta(paused.head, "og:title")).toBe("Sam Suspended");

    const gone = await headOf(`/members/${leaving.handle}`);
    expect(gone.status).toBe(404);
    expect(gone.head).not.toContain("og:");
    expect(gone.head).not.toContain("Lee Leaving");
  });
});
