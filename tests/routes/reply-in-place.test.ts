// Reply in place (issue 14, point 1), through the routes with real Requests: where a posted reply takes its
// author (the thread page that shows it, a later page, or its branch page when it is deep), the live preview's
// action (same render and sanitizer, same limit, members only), and a visitor's way to a reply form through
// log-in and joining, email link included.
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { highlightedPostId, loginToReplyHref } from "~/lib/post-links";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { PAGE_POSTS_MAX } from "~/models/page-bounds.server";
import { getThreadPage } from "~/models/thread-page.server";
import { setWriteLimiter } from "~/models/write-throttle.server";
import * as join from "~/routes/join";
import * as login from "~/routes/login";
import * as permalink from "~/routes/posts.$id._index";
import * as reply from "~/routes/posts.$id.reply";
import * as preview from "~/routes/preview";
import * as threadPage from "~/routes/threads.$id.$slug";
import * as verify from "~/routes/verify-email.$token";
import { createMember, FACTORY_PASSWORD } from "../factories/members";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { lastLinkTo } from "../setup/outbox";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";
import { cardIds } from "../setup/post-cards";

async function openingOf(threadId: number) {
  const rowId = await openingPostId(threadId);
  return rowId;
}

/** Posts a reply through the form; returns the redirect's Location and the new reply's id. */
async function postReply(parentId: number, cookie: string, bodySource = "Thanks, this helps.") {
  const response = await run(
    reply.action,
    formRequest(`/posts/${parentId}/reply`, { intent: "publish", bodySource }, cookie),
    { id: String(parentId) },
  );
  expect(response.status).toBe(302);
  const location = response.headers.get("Location")!;
  const newest = await getDb()
    .selectFrom("posts")
    .select("id")
    .where("parent_id", "=", parentId)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return { location, replyId: newest.id };
}

describe("after posting a reply", () => {
  it("lands on the thread page, at the new reply, highlighted", async () => {
    const author = await createMember();
    const replier = await createMember();
    const thread = await createTestThread({ authorId: author.id });
    const top = await createTestReply({ threadId: thread.id, authorId: author.id });
    const { location, replyId } = await postReply(top, await sessionCookieFor(replier.id));
    expect(location).toBe(`/threads/${thread.id}/${thread.slug}?highlight=${replyId}#post-${replyId}`);
    const fromOpening = await postReply(await openingOf(thread.id), await sessionCookieFor(replier.id));
    expect(fromOpening.location).toBe(
      `/threads/${thread.id}/${thread.slug}?highlight=${fromOpening.replyId}#post-${fromOpening.replyId}`,
    );
  });

  it("lands on the later page that shows a reply posted under a late top-level reply", async () => {
    const author = await createMember();
    const replier = await createMember();
    const thread = await createTestThread({ authorId: author.id });
    const tops: number[] = [];
    for (let i = 0; i < PAGE_POSTS_MAX + 10; i++)
      tops.push(await createTestReply({ threadId: thread.id, authorId: author.id }));
    const late = tops.at(-3)!;
    const { location, replyId } = await postReply(late, await sessionCookieFor(replier.id));
    const url = new URL(location, "http://x");
    expect(url.pathname).toBe(`/threads/${thread.id}/${thread.slug}`);
    expect(url.hash).toBe(`#post-${replyId}`);
    expect(highlightedPostId(url.searchParams)).toBe(replyId);
    const after = Number(url.searchParams.get("after"));
    expect(after).toBeGreaterThan(0);
    // That page, as the replier gets it, really holds the new reply.
    const page = await getThreadPage(thread.id, null, after);
    expect(page!.replies.map((r) => r.id)).toContain(replyId);
    // The first page does not: the cursor is needed.
    const first = await getThreadPage(thread.id, null, null);
    expect(first!.replies.map((r) => r.id)).not.toContain(replyId);
  });

  it("lands on the new reply's branch page when it is deeper than a thread page shows", async () => {
    const member = await createMember();
    const replier = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    let parent = await openingOf(thread.id);
    for (let depth = 1; depth <= MAX_DISPLAY_DEPTH; depth++)
      parent = await createTestReply({ threadId: thread.id, parentId: parent, authorId: member.id });
    const cookie = await sessionCookieFor(replier.id);
    const { location, replyId } = await postReply(parent, cookie);
    expect(location).toBe(`/posts/${replyId}?branch=1&highlight=${replyId}#post-${replyId}`);
    const branch = await run(permalink.loader, getRequest(location.split("#")[0]!, cookie), { id: String(replyId) });
    expect(branch.status).toBe(200);
    const data = (await branch.json()) as { view: { root: { id: number } }; serverMarkup: { replies: string } };
    expect(data.view.root.id).toBe(replyId);
    expect(cardIds(data.serverMarkup.replies)[0]).toBe(replyId);
  });

  it("reads the highlight as a plain id, and anything else as no highlight (never an error)", async () => {
    expect(highlightedPostId(new URLSearchParams("highlight=12"))).toBe(12);
    for (const junk of ["", "0", "-1", "abc", "1e3", "99999999999999999999", "12#x"])
      expect(highlightedPostId(new URLSearchParams({ highlight: junk }))).toBeNull();
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    const response = await run(
      threadPage.loader,
      getRequest(`/threads/${thread.id}/${thread.slug}?highlight=%3Cscript%3E`, await sessionCookieFor(member.id)),
      { id: String(thread.id), slug: thread.slug },
    );
    expect(response.status).toBe(200);
  });
});

describe("the live preview's action", () => {
  afterAll(() => {
    delete process.env.PREVIEW_LIMIT;
    setWriteLimiter();
  });

  const send = (form: Record<string, string>, cookie?: string) =>
    run(preview.action, formRequest("/preview", form, cookie));

  it("renders through the server's sanitizer for members, and sends visitors to log in", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const answer = await send({ bodySource: "**Bold** <script>alert(1)</script> [x](javascript:alert(1))" }, cookie);
    expect(answer.status).toBe(200);
    const { preview: html } = (await answer.json()) as { preview: string };
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).not.toMatch(/<script|javascript:/i);
    const empty = (await (await send({ bodySource: "   " }, cookie)).json()) as { preview: string };
    expect(empty.preview).toBe("");

    const visitor = await send({ bodySource: "Hello" });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("refuses text over the limit next to the field, and counts against the member's preview limit", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const long = await send({ bodySource: "x".repeat(50_001) }, cookie);
    expect(long.status).toBe(400);
    const { fieldErrors } = (await long.json()) as { fieldErrors: Record<string, string> };
    expect(fieldErrors.bodySource).toMatch(/over 50,000 characters/);

    process.env.PREVIEW_LIMIT = "2";
    setWriteLimiter();
    expect((await send({ bodySource: "one" }, cookie)).status).toBe(200);
    expect((await send({ bodySource: "two" }, cookie)).status).toBe(200);
    const third = await send({ bodySource: "three" }, cookie);
    expect(third.status).toBe(429);
    const refused = (await third.json()) as { fieldErrors: Record<string, string> };
    expect(refused.fieldErrors.form).toMatch(/You have previewed 2 times/);
    // The Preview button shares the limit: the live preview is not a way around it.
    const button = await run(
      reply.action,
      formRequest(`/posts/${await someReply(member.id)}/reply`, { intent: "preview", bodySource: "four" }, cookie),
      { id: String(await someReply(member.id)) },
    );
    expect(button.status).toBe(429);
  });
});

let shared: number | null = null;
async function someReply(authorId: number) {
  if (shared) return shared;
  const thread = await createTestThread({ authorId });
  shared = await createTestReply({ threadId: thread.id, authorId });
  return shared;
}

describe("a visitor's Reply", () => {
  it("is the same link for every visitor, to log in and then that post's reply form", async () => {
    expect(loginToReplyHref(42)).toBe("/login?redirectTo=%2Fposts%2F42%2Freply");
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    const top = await createTestReply({ threadId: thread.id, authorId: member.id });
    const loggedIn = await run(
      login.action,
      formRequest(loginToReplyHref(top), {
        login: member.handle,
        password: FACTORY_PASSWORD,
        redirectTo: `/posts/${top}/reply`,
      }),
    );
    expect(loggedIn.status).toBe(302);
    expect(loggedIn.headers.get("Location")).toBe(`/posts/${top}/reply`);
  });

  it("keeps the reply form through joining and through the email link, and never leaves the site", async () => {
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    const top = await createTestReply({ threadId: thread.id, authorId: member.id });
    const joined = await run(
      join.action,
      formRequest("/join", {
        handle: "rhoda_replies",
        displayName: "Rhoda Replies",
        email: "rhoda@example.org",
        password: "tenant meetings on tuesdays",
        rulesAccepted: "on",
        redirectTo: `/posts/${top}/reply`,
      }),
    );
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe(`/posts/${top}/reply`);
    const link = new URL(lastLinkTo("rhoda@example.org", "/verify-email/"));
    expect(link.searchParams.get("next")).toBe(`/posts/${top}/reply`);
    const token = link.pathname.split("/")[2]!;
    const page = (await (await run(verify.loader, getRequest(link.pathname + link.search), { token })).json()) as {
      next: string | null;
    };
    expect(page.next).toBe(`/posts/${top}/reply`);

    // Another site, in the form or in a crafted email link, is dropped.
    const elsewhere = await run(
      join.action,
      formRequest("/join", {
        handle: "oscar_offsite",
        displayName: "Oscar Offsite",
        email: "oscar@example.org",
        password: "tenant meetings on tuesdays",
        rulesAccepted: "on",
        redirectTo: "//evil.example/posts/1/reply",
      }),
    );
    expect(elsewhere.headers.get("Location")).toBe("/settings/profile");
    expect(new URL(lastLinkTo("oscar@example.org", "/verify-email/")).searchParams.has("next")).toBe(false);
    for (const next of ["//evil.example", "https://evil.example/x", "/\\evil.example"]) {
      const crafted = await run(verify.loader, getRequest(`${link.pathname}?next=${encodeURIComponent(next)}`), {
        token,
      });
      expect(((await crafted.json()) as { next: string | null }).next).toBeNull();
    }
  });
});
