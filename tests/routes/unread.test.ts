// Unread and the notifications page (issue 14, points 5 and 6; docs/decisions/0020), over real HTTP against the
// production build on this file's database: "N new" in a member's lists and none in a visitor's (cached) page,
// new replies marked on the thread page, notification links that land on the post in context, "Mark all
// read", and a header badge that counts exactly what the page lists as unread, also once a post is hidden.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { PAGE_POSTS_MAX } from "~/models/page-bounds.server";
import { moderatePost } from "~/models/post-moderation.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";

let server: RunningServer;

async function send(path: string, init: { form?: Record<string, string>; cookie?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.form ? "POST" : "GET",
    headers: {
      ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url } : {}),
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("Location"),
    headers: response.headers,
    body: await response.text(),
  };
}

/** The number in the header's "Notifications, N unread" (0 without one). */
const badge = (html: string) => Number(/aria-label="Notifications, (\d+) unread"/.exec(html)?.[1] ?? 0);
/** The notification lines of the notifications page, as HTML. */
const lines = (html: string) => html.split('<li class="notification').slice(1);

beforeAll(async () => {
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});
afterAll(async () => {
  await server?.stop();
});

describe("unread in lists and on the thread page", () => {
  it("shows a member '2 new' and marks the replies; a visitor's cached page says nothing of it", async () => {
    const reader = await createMember();
    const replier = await createMember();
    const thread = await createTestThread({
      authorId: reader.id,
      title: "Where we meet on Thursdays",
      tagSlugs: ["policy"],
    });
    const cookie = await sessionCookieFor(reader.id);
    expect((await send(`/threads/${thread.id}/${thread.slug}`, { cookie })).status).toBe(200);
    const first = await createTestReply({ threadId: thread.id, authorId: replier.id });
    const second = await createTestReply({ threadId: thread.id, authorId: replier.id });

    const list = await send("/topics/policy", { cookie });
    expect(list.headers.get("X-Page-Cache")).toBeNull();
    const item = list.body.split('<li class="thread-item').find((li) => li.includes("Where we meet on Thursdays"))!;
    expect(item).toContain("unread");
    expect(item).toContain(">2 new</span>");

    const visitor = await send("/topics/policy");
    expect(visitor.body).toContain("Where we meet on Thursdays");
    expect(visitor.body).not.toMatch(/new-badge|\d+ new</);
    expect((await send("/topics/policy")).headers.get("X-Page-Cache")).toBe("hit");

    const page = await send(`/threads/${thread.id}/${thread.slug}`, { cookie });
    expect(page.body).toContain(`href="#post-${first}">Jump to the first new reply</a>`);
    expect(page.body.match(/class="new-reply"/g)).toHaveLength(2);
    expect(page.body).toContain(`id="post-${second}"`);
    // Read now: the next view marks nothing, and the list shows nothing new.
    const again = await send(`/threads/${thread.id}/${thread.slug}`, { cookie });
    expect(again.body).not.toContain("Jump to the first new reply");
    expect(again.body).not.toContain('class="new-reply"');
    expect((await send("/topics/policy", { cookie })).body).not.toMatch(
      /Where we meet on Thursdays<\/a> <span class="badge new-badge"/,
    );
  });

  it("marks a recent thread never opened 'New' on the home page and the author's profile, for members only", async () => {
    const reader = await createMember();
    const author = await createMember();
    const title = "Sharing a van for the county fair outreach";
    const thread = await createTestThread({ authorId: author.id, title });
    const cookie = await sessionCookieFor(reader.id);
    const newItem = new RegExp(`${title}</a> <span class="badge new-badge">New</span>`);
    expect((await send("/", { cookie })).body).toMatch(newItem);
    expect((await send(`/members/${author.handle}?section=discussions`, { cookie })).body).toMatch(newItem);
    expect((await send("/")).body).not.toContain("new-badge");
    // Its author never sees their own thread as new; once the reader opens it, neither do they.
    expect((await send("/", { cookie: await sessionCookieFor(author.id) })).body).not.toMatch(newItem);
    await send(`/threads/${thread.id}/${thread.slug}`, { cookie });
    expect((await send("/", { cookie })).body).not.toMatch(newItem);
  });
});

describe("the notifications page", () => {
  it("links each line, in a new tab, to the first post it is about, on the thread page that shows it", async () => {
    const author = await createMember();
    const replier = await createMember();
    const thread = await createTestThread({ authorId: author.id, title: "A long conversation about turnout" });
    for (let i = 0; i < PAGE_POSTS_MAX + 2; i++) await createTestReply({ threadId: thread.id, authorId: author.id });
    const onSecondPage = await createTestReply({
      threadId: thread.id,
      authorId: replier.id,
      body: `Thanks @${author.handle}, the door-knocking list worked for us too.`,
    });
    const cookie = await sessionCookieFor(author.id);
    const page = await send("/notifications", { cookie });
    const [line] = lines(page.body);
    expect(line).toContain(`href="/posts/${onSecondPage}" target="_blank" rel="noopener"`);
    expect(line).toContain("replied to you in “A long conversation about turnout”");
    expect(line).toContain("(opens in a new tab)");
    expect(line).toContain("the door-knocking list worked for us too.");
    expect(line).toMatch(/<time dateTime="/i);

    const permalink = await send(`/posts/${onSecondPage}`, { cookie });
    expect(permalink.status).toBe(302);
    expect(permalink.location).toMatch(
      new RegExp(`^/threads/${thread.id}/${thread.slug}\\?after=\\d+#post-${onSecondPage}$`),
    );
    const landed = await send(permalink.location!.replace(/#.*/, ""), { cookie });
    expect(landed.body).toContain(`id="post-${onSecondPage}"`);
    // Opening it read it (the header of that very page was counted alongside, so the next page shows it).
    expect(badge((await send("/notifications", { cookie })).body)).toBe(0);
  });

  it("counts in the header badge exactly what it lists as unread, also after a post is hidden, and marks all read", async () => {
    const author = await createMember();
    const replier = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id });
    const opening = (await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow())!.id;
    await createTestReply({
      threadId: thread.id,
      parentId: opening,
      authorId: replier.id,
      body: "First answer, kept.",
    });
    const hidden = await createTestReply({
      threadId: thread.id,
      parentId: opening,
      authorId: replier.id,
      body: "Second answer, soon hidden.",
    });
    const other = await createTestThread({ authorId: author.id });
    await createTestReply({ threadId: other.id, authorId: replier.id, body: "An answer elsewhere." });
    const cookie = await sessionCookieFor(author.id);

    const listed = (html: string) =>
      lines(html)
        .filter((line) => line.startsWith(' unread"'))
        .reduce((sum, line) => sum + Number(/>(\d+) replies to you/.exec(line)?.[1] ?? 1), 0);
    const before = await send("/notifications", { cookie });
    expect(badge(before.body)).toBe(3);
    expect(listed(before.body)).toBe(3);
    expect(before.body).toContain("3 unread");

    await moderatePost(mod.id, hidden, { reason: "spam", note: "" });
    const after = await send("/notifications", { cookie });
    expect(badge(after.body)).toBe(2);
    expect(listed(after.body)).toBe(2);
    expect(after.body).not.toContain("soon hidden");

    const readAll = await send("/notifications", { cookie, form: { intent: "read-all" } });
    expect([readAll.status, readAll.location]).toEqual([302, "/notifications"]);
    const done = await send("/notifications", { cookie });
    expect(badge(done.body)).toBe(0);
    expect(done.body).toContain("Nothing unread.");
    expect(done.body).not.toContain("Mark all read");
    // Another member's "Mark all read" never reads these.
    await createTestReply({ threadId: other.id, authorId: replier.id });
    await send("/notifications", { cookie: await sessionCookieFor(replier.id), form: { intent: "read-all" } });
    expect(badge((await send("/notifications", { cookie })).body)).toBe(1);
  });

  it("reads a line opened with JavaScript at once, answering without a redirect, and only the member's own", async () => {
    const author = await createMember();
    const replier = await createMember();
    const thread = await createTestThread({ authorId: author.id });
    await createTestReply({ threadId: thread.id, authorId: replier.id });
    const ids = (
      await getDb().selectFrom("notifications").select("id").where("member_id", "=", author.id).execute()
    ).map((n) => String(n.id));
    const stranger = await send("/notifications", {
      cookie: await sessionCookieFor(replier.id),
      form: { intent: "opened", ids: ids.join(",") },
    });
    expect(stranger.status).toBe(200);
    const cookie = await sessionCookieFor(author.id);
    expect(badge((await send("/notifications", { cookie })).body)).toBe(1);
    const opened = await send("/notifications", { cookie, form: { intent: "opened", ids: ids.join(",") } });
    expect([opened.status, opened.location]).toEqual([200, null]);
    expect(badge((await send("/notifications", { cookie })).body)).toBe(0);
  });

  it("pages through many notifications with a bounded page", async () => {
    const author = await createMember();
    const replier = await createMember();
    for (let i = 0; i < 52; i++) {
      const thread = await createTestThread({ authorId: author.id });
      await createTestReply({ threadId: thread.id, authorId: replier.id });
    }
    const cookie = await sessionCookieFor(author.id);
    const first = await send("/notifications", { cookie });
    expect(lines(first.body)).toHaveLength(50);
    const next = /href="(\/notifications\?before=\d+)"/.exec(first.body)![1]!;
    const second = await send(next, { cookie });
    expect(lines(second.body)).toHaveLength(2);
    expect((await send("/notifications?before=junk", { cookie })).status).toBe(400);
    expect((await send("/notifications")).status).toBe(302);
  });
});
