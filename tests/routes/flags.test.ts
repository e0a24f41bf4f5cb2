import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import * as flagPage from "~/routes/posts.$id.flag";
import * as myFlags from "~/routes/flags";
import * as modFlags from "~/routes/mod.flags";
import * as modPost from "~/routes/mod.posts.$id";
import * as threadPage from "~/routes/threads.$id.$slug";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { contextFor, formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";
import { cardIn } from "../setup/post-cards";

type Form400 = { fieldErrors: Record<string, string>; fields: Record<string, string | string[]> };
type PostJson = {
  id: number;
  state: string;
  html: string | null;
  hiddenReason: string | null;
  author: { id: number } | null;
};
type ThreadJson = { page: { thread: { replyCount: number } }; serverMarkup: { replies: string } };
type MyFlagsJson = {
  flags: Array<{ postId: number; outcome: string | null; outcomeText: string; reasonText: string }>;
  justFlagged: boolean;
};
type QueueJson = {
  queue: Array<{
    post: { id: number; hidden: boolean; hiddenReason: string | null };
    flags: Array<{ reason: string; note: string; createdAt: number; flagger: { handle: string } }>;
  }>;
};

const db = () => getDb();
const HOUR = 3_600_000;

let moderator: TestMember;
let modCookie: string;
const flaggers: Array<{ member: TestMember; cookie: string }> = [];

beforeAll(async () => {
  moderator = await createMember({ role: "moderator" });
  modCookie = await sessionCookieFor(moderator.id);
  for (let i = 0; i < 3; i++) {
    const member = await createMember();
    flaggers.push({ member, cookie: await sessionCookieFor(member.id) });
  }
});

/** A thread with one reply by a fresh author (or the given one). */
async function flaggableReply(author?: TestMember) {
  const writer = author ?? (await createMember());
  const thread = await createTestThread({ authorId: writer.id });
  const postId = await createTestReply({
    threadId: thread.id,
    authorId: writer.id,
    body: "Buy cheap watches at example.com",
  });
  return { author: writer, authorCookie: await sessionCookieFor(writer.id), thread, postId };
}

function flag(postId: number, cookie: string | undefined, form: Record<string, string> = { reason: "spam", note: "" }) {
  return run(flagPage.action, formRequest(`/posts/${postId}/flag`, form, cookie), { id: String(postId) });
}

/** `null` sends the request as a visitor. */
function queueAction(form: Record<string, string>, cookie: string | null = modCookie) {
  return run(modFlags.action, formRequest("/mod/flags", form, cookie ?? undefined));
}

function postAction(postId: number, form: Record<string, string>, cookie: string | null = modCookie) {
  return run(modPost.action, formRequest(`/mod/posts/${postId}`, form, cookie ?? undefined), { id: String(postId) });
}

async function flagRows(postId: number) {
  return db().selectFrom("flags").selectAll().where("post_id", "=", postId).orderBy("id").execute();
}

async function postRow(postId: number) {
  return db().selectFrom("posts").selectAll().where("id", "=", postId).executeTakeFirstOrThrow();
}

async function auditRows() {
  return db().selectFrom("audit_log").selectAll().orderBy("id").execute();
}

/** Everything a moderator action could change, to compare before and after a refused request. */
async function snapshot() {
  const [flags, posts, audit, suspensions, threads] = await Promise.all([
    db().selectFrom("flags").selectAll().orderBy("id").execute(),
    db().selectFrom("posts").selectAll().orderBy("id").execute(),
    auditRows(),
    db().selectFrom("suspensions").selectAll().orderBy("id").execute(),
    db().selectFrom("threads").select(["id", "reply_count"]).orderBy("id").execute(),
  ]);
  return { flags, posts, audit, suspensions, threads };
}

async function myFlagsOf(cookie: string) {
  return (await (await run(myFlags.loader, getRequest("/flags", cookie))).json()) as MyFlagsJson;
}

async function replyOnThreadPage(thread: { id: number; slug: string }, postId: number, cookie?: string) {
  const response = await run(threadPage.loader, getRequest(`/threads/${thread.id}/${thread.slug}`, cookie), {
    id: String(thread.id),
    slug: thread.slug,
  });
  const data = (await response.json()) as ThreadJson;
  return { reply: cardIn(data.serverMarkup.replies, postId)!, replyCount: data.page.thread.replyCount };
}

async function queue() {
  return ((await (await run(modFlags.loader, getRequest("/mod/flags", modCookie))).json()) as QueueJson).queue;
}

describe("flagging a post", () => {
  it("sends a visitor to log in and back", async () => {
    const { postId } = await flaggableReply();
    const page = await run(flagPage.loader, getRequest(`/posts/${postId}/flag`), { id: String(postId) });
    expect(page.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/posts/${postId}/flag`)}`);
    const post = await flag(postId, undefined);
    expect(post.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/posts/${postId}/flag`)}`);
    expect(await flagRows(postId)).toHaveLength(0);
  });

  it("flags once, then lists the flag under “Your flags” as waiting", async () => {
    const { postId } = await flaggableReply();
    const [first] = flaggers;
    const page = (await (
      await run(flagPage.loader, getRequest(`/posts/${postId}/flag`, first!.cookie), { id: String(postId) })
    ).json()) as { own: boolean; alreadyFlagged: boolean };
    expect(page).toMatchObject({ own: false, alreadyFlagged: false });

    const response = await flag(postId, first!.cookie, { reason: "spam", note: "Advertising watches" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/flags");
    const rows = await flagRows(postId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      member_id: first!.member.id,
      reason: "spam",
      note: "Advertising watches",
      resolved_at: null,
    });
    expect((await postRow(postId)).hidden_at).toBeNull(); // one flag does not hide

    const mine = await myFlagsOf(first!.cookie);
    expect(mine.flags.find((f) => f.postId === postId)).toMatchObject({
      reasonText: "Spam or advertising",
      outcomeText: "Waiting for a moderator",
    });
    const again = (await (
      await run(flagPage.loader, getRequest(`/posts/${postId}/flag`, first!.cookie), { id: String(postId) })
    ).json()) as { alreadyFlagged: boolean };
    expect(again.alreadyFlagged).toBe(true);
  });

  it("refuses a second flag and a flag on your own post with a message, changing nothing", async () => {
    const { postId, authorCookie } = await flaggableReply();
    await flag(postId, flaggers[0]!.cookie);
    const before = await snapshot();

    const twice = await flag(postId, flaggers[0]!.cookie, { reason: "harassment", note: "again" });
    expect(twice.status).toBe(400);
    const twiceData = (await twice.json()) as Form400;
    expect(twiceData.fieldErrors.form).toMatch(/already flagged/);
    expect(twiceData.fields).toMatchObject({ reason: "harassment", note: "again" });

    const own = await flag(postId, authorCookie);
    expect(own.status).toBe(400);
    expect(((await own.json()) as Form400).fieldErrors.form).toMatch(/can't flag your own post/);
    const ownPage = (await (
      await run(flagPage.loader, getRequest(`/posts/${postId}/flag`, authorCookie), { id: String(postId) })
    ).json()) as { own: boolean };
    expect(ownPage.own).toBe(true);

    expect(await snapshot()).toEqual(before);
  });

  it("asks for a reason and keeps the note short", async () => {
    const { postId } = await flaggableReply();
    const noReason = await flag(postId, flaggers[1]!.cookie, { note: "hmm" });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as Form400).fieldErrors.reason).toBe("Choose what is wrong with this post.");
    const junkReason = await flag(postId, flaggers[1]!.cookie, { reason: "boring" });
    expect(((await junkReason.json()) as Form400).fieldErrors.reason).toBeDefined();
    const longNote = await flag(postId, flaggers[1]!.cookie, { reason: "other", note: "x".repeat(501) });
    expect(((await longNote.json()) as Form400).fieldErrors.note).toBe("Keep the note to 500 characters.");
    expect(await flagRows(postId)).toHaveLength(0);
  });

  it("hides a post at once when three members flag it, pending a moderator", async () => {
    const { postId, thread, author, authorCookie } = await flaggableReply();
    const visibleBefore = await replyOnThreadPage(thread, postId);
    for (const f of flaggers) expect((await flag(postId, f.cookie)).status).toBe(302);

    const row = await postRow(postId);
    expect(row.hidden_at).not.toBeNull();
    expect(row.hidden_reason).toBe("flagged");
    const visitor = await replyOnThreadPage(thread, postId);
    expect(visitor.reply).toMatchObject({ state: "hidden", prose: null, authorHandle: null, hiddenReason: null });
    expect(visitor.reply.text).not.toContain("cheap watches");
    expect(visitor.replyCount).toBe(visibleBefore.replyCount - 1);
    const own = await replyOnThreadPage(thread, postId, authorCookie);
    expect(own.reply.authorHandle).toBe(author.handle);
    expect(own.reply.prose).toContain("cheap watches");
    expect(own.reply.hiddenReason).toBe("Flagged by several members, waiting for a moderator");

    const item = (await queue()).find((i) => i.post.id === postId);
    expect(item?.post).toMatchObject({
      hidden: true,
      hiddenReason: "Flagged by several members, waiting for a moderator",
    });
    expect(item?.flags.map((f) => f.flagger.handle)).toEqual(flaggers.map((f) => f.member.handle));
  });
});

describe("the moderators' queue", () => {
  it("lists flagged posts oldest flag first, not by post age or flag order", async () => {
    // The older post is flagged first, but its flag is dated later: the queue must follow the flags' times.
    const older = await flaggableReply();
    const newer = await flaggableReply();
    await flag(older.postId, flaggers[0]!.cookie);
    await flag(newer.postId, flaggers[1]!.cookie);
    const now = Date.now();
    await db()
      .updateTable("flags")
      .set({ created_at: now - HOUR })
      .where("post_id", "=", older.postId)
      .execute();
    await db()
      .updateTable("flags")
      .set({ created_at: now - 2 * HOUR })
      .where("post_id", "=", newer.postId)
      .execute();

    const items = await queue();
    const ids = items.map((i) => i.post.id);
    expect(ids.filter((id) => id === older.postId || id === newer.postId)).toEqual([newer.postId, older.postId]);
    const waitingSince = items.map((i) => Math.min(...i.flags.map((f) => f.createdAt)));
    expect(waitingSince).toEqual([...waitingSince].sort((a, b) => a - b));
  });

  it("hides a post with a reason: flags close, flaggers see the outcome, one audit row", async () => {
    const { postId, thread, authorCookie } = await flaggableReply();
    await flag(postId, flaggers[0]!.cookie, { reason: "harassment", note: "" });
    expect((await queue()).some((i) => i.post.id === postId)).toBe(true);
    const auditBefore = (await auditRows()).length;

    const missingNote = await queueAction({ intent: "hide", postId: String(postId), reason: "other", note: "" });
    expect(missingNote.status).toBe(400);
    const missing = (await missingNote.json()) as Form400;
    expect(missing.fieldErrors.note).toMatch(/write a note/);
    expect(missing.fields).toMatchObject({ intent: "hide", postId: String(postId) });
    expect((await auditRows()).length).toBe(auditBefore);

    const response = await queueAction({
      intent: "hide",
      postId: String(postId),
      reason: "harassment",
      note: "Name-calling",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/mod/flags");
    expect((await flagRows(postId)).every((f) => f.outcome === "hidden" && f.resolved_by === moderator.id)).toBe(true);
    const audit = (await auditRows()).slice(auditBefore);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "post.hide",
      actor_id: moderator.id,
      target_id: postId,
      reason: "Harassment (Name-calling)",
    });

    expect((await myFlagsOf(flaggers[0]!.cookie)).flags.find((f) => f.postId === postId)?.outcomeText).toBe(
      "Moderators hid the post",
    );
    expect((await queue()).some((i) => i.post.id === postId)).toBe(false);
    expect((await replyOnThreadPage(thread, postId, authorCookie)).reply.hiddenReason).toBe(
      "Harassment (Name-calling)",
    );
  });

  it("replaces the “flagged” reason when a moderator hides an auto-hidden post", async () => {
    const { postId, thread, authorCookie } = await flaggableReply();
    for (const f of flaggers) await flag(postId, f.cookie);
    const countHidden = (await replyOnThreadPage(thread, postId)).replyCount;

    const response = await queueAction({ intent: "hide", postId: String(postId), reason: "spam", note: "" });
    expect(response.headers.get("Location")).toBe("/mod/flags");
    const row = await postRow(postId);
    expect(row).toMatchObject({ hidden_reason: "spam", hidden_by: moderator.id });
    expect((await replyOnThreadPage(thread, postId, authorCookie)).reply.hiddenReason).toBe("Spam");
    expect((await replyOnThreadPage(thread, postId)).replyCount).toBe(countHidden); // still hidden, counted once
    for (const f of flaggers) {
      expect((await myFlagsOf(f.cookie)).flags.find((x) => x.postId === postId)?.outcomeText).toBe(
        "Moderators hid the post",
      );
    }
  });

  it("dismissing flags brings back a post that flags alone had hidden", async () => {
    const { postId, thread } = await flaggableReply();
    const countBefore = (await replyOnThreadPage(thread, postId)).replyCount;
    for (const f of flaggers) await flag(postId, f.cookie);
    expect((await postRow(postId)).hidden_at).not.toBeNull();
    const auditBefore = (await auditRows()).length;

    const response = await queueAction({ intent: "dismiss", postId: String(postId) });
    expect(response.headers.get("Location")).toBe("/mod/flags");
    expect((await postRow(postId)).hidden_at).toBeNull();
    const visitor = await replyOnThreadPage(thread, postId);
    expect(visitor.reply.state).toBe("visible");
    expect(visitor.replyCount).toBe(countBefore);
    expect((await flagRows(postId)).every((f) => f.outcome === "dismissed")).toBe(true);
    const audit = (await auditRows()).slice(auditBefore);
    expect(audit.map((a) => a.action)).toEqual(["flags.dismiss"]);
    expect((await myFlagsOf(flaggers[1]!.cookie)).flags.find((f) => f.postId === postId)?.outcomeText).toBe(
      "Moderators found no problem",
    );

    const twice = await queueAction({ intent: "dismiss", postId: String(postId) });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as Form400).fieldErrors.form).toBe("Those flags were already handled.");
    expect((await auditRows()).length).toBe(auditBefore + 1);
  });

  it("hides and suspends the author, whose sessions end; one audit row per action", async () => {
    const { postId, author, authorCookie } = await flaggableReply();
    await flag(postId, flaggers[2]!.cookie);
    const auditBefore = (await auditRows()).length;

    const noLength = await queueAction({ intent: "hide-suspend", postId: String(postId), reason: "spam", note: "" });
    expect(noLength.status).toBe(400);
    expect(((await noLength.json()) as Form400).fieldErrors.length).toBe("Choose how long the suspension lasts.");
    expect((await postRow(postId)).hidden_at).toBeNull();

    const started = Date.now();
    const response = await queueAction({
      intent: "hide-suspend",
      postId: String(postId),
      reason: "spam",
      note: "Repeated ads",
      length: "7d",
    });
    expect(response.headers.get("Location")).toBe("/mod/flags");
    expect((await postRow(postId)).hidden_reason).toBe("spam");
    const suspension = await db()
      .selectFrom("suspensions")
      .selectAll()
      .where("member_id", "=", author.id)
      .executeTakeFirstOrThrow();
    expect(suspension.reason).toBe("Spam (Repeated ads)");
    expect(suspension.ends_at! - started).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    expect(suspension.ends_at! - started).toBeLessThan(7 * 24 * 3600 * 1000 + 60_000);
    expect(await db().selectFrom("sessions").select("id").where("member_id", "=", author.id).execute()).toHaveLength(0);
    expect((await contextFor(getRequest("/", authorCookie))).viewer).toBeNull();
    expect((await auditRows()).slice(auditBefore).map((a) => a.action)).toEqual(["post.hide", "member.suspend"]);
  });

  it("hides a moderator's post but refuses to suspend them, with the domain's message", async () => {
    const otherModerator = await createMember({ role: "moderator" });
    const { postId } = await flaggableReply(otherModerator);
    await flag(postId, flaggers[0]!.cookie);
    const response = await queueAction({
      intent: "hide-suspend",
      postId: String(postId),
      reason: "off-topic",
      note: "",
      length: "indefinite",
    });
    expect(response.status).toBe(200);
    const data = (await response.json()) as { warning: string };
    expect(data.warning).toBe(
      "The post is hidden, but its author was not suspended. Moderators and admins can't be suspended. An admin can change their role first.",
    );
    expect((await postRow(postId)).hidden_reason).toBe("off-topic");
    expect(
      await db().selectFrom("suspensions").select("id").where("member_id", "=", otherModerator.id).execute(),
    ).toHaveLength(0);
  });

  it("sends opening posts to the thread's moderation page", async () => {
    const writer = await createMember();
    const thread = await createTestThread({ authorId: writer.id });
    const opening = await db()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    await flag(opening.id, flaggers[0]!.cookie);
    expect((await queue()).find((i) => i.post.id === opening.id)).toBeDefined();
    const before = await snapshot();
    const response = await queueAction({ intent: "hide", postId: String(opening.id), reason: "spam", note: "" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Form400).fieldErrors.form).toMatch(/hide its thread/);
    expect(await snapshot()).toEqual(before);
  });
});

describe("a moderator's page for one reply", () => {
  it("hides with a reason and restores, one audit row each", async () => {
    const { postId, thread } = await flaggableReply();
    await flag(postId, flaggers[1]!.cookie);
    const auditBefore = (await auditRows()).length;

    const hidden = await postAction(postId, { intent: "hide", reason: "personal-information", note: "Phone number" });
    expect(hidden.headers.get("Location")).toBe(`/mod/posts/${postId}`);
    expect((await replyOnThreadPage(thread, postId)).reply.state).toBe("hidden");
    const page = (await (
      await run(modPost.loader, getRequest(`/mod/posts/${postId}`, modCookie), { id: String(postId) })
    ).json()) as { target: { post: PostJson } };
    expect(page.target.post).toMatchObject({ state: "hidden", hiddenReason: "Personal information (Phone number)" });
    expect(page.target.post.html).toContain("cheap watches");
    expect((await myFlagsOf(flaggers[1]!.cookie)).flags.find((f) => f.postId === postId)?.outcomeText).toBe(
      "Moderators hid the post",
    );

    const restored = await postAction(postId, { intent: "restore" });
    expect(restored.headers.get("Location")).toBe(`/mod/posts/${postId}`);
    expect((await replyOnThreadPage(thread, postId)).reply.state).toBe("visible");
    expect((await auditRows()).slice(auditBefore).map((a) => a.action)).toEqual(["post.hide", "post.restore"]);
  });

  it("keeps what was typed when the reason is missing", async () => {
    const { postId } = await flaggableReply();
    const before = await snapshot();
    const response = await postAction(postId, { intent: "hide", note: "typed" });
    expect(response.status).toBe(400);
    const data = (await response.json()) as Form400;
    expect(data.fieldErrors.reason).toBe("Choose why you are hiding this post.");
    expect(data.fields.note).toBe("typed");
    expect(await snapshot()).toEqual(before);
  });
});

describe("who may moderate", () => {
  it("answers members with 403 and visitors with a login redirect, changing nothing", async () => {
    const { postId } = await flaggableReply();
    for (const f of flaggers) await flag(postId, f.cookie);
    const member = flaggers[0]!;
    const before = await snapshot();
    const queueForms: Array<Record<string, string>> = [
      { intent: "hide", postId: String(postId), reason: "spam", note: "" },
      { intent: "dismiss", postId: String(postId) },
      { intent: "hide-suspend", postId: String(postId), reason: "spam", note: "", length: "indefinite" },
    ];
    for (const form of queueForms) {
      expect((await queueAction(form, member.cookie)).status).toBe(403);
      const visitor = await queueAction(form, null);
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    const postForms: Array<Record<string, string>> = [
      { intent: "hide", reason: "spam", note: "" },
      { intent: "restore" },
    ];
    for (const form of postForms) {
      expect((await postAction(postId, form, member.cookie)).status).toBe(403);
      expect((await postAction(postId, form, null)).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
    expect((await run(modFlags.loader, getRequest("/mod/flags", member.cookie))).status).toBe(403);
    expect(
      (await run(modPost.loader, getRequest(`/mod/posts/${postId}`, member.cookie), { id: String(postId) })).status,
    ).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a suspended member's flag", async () => {
    const { postId } = await flaggableReply();
    const suspended = await createMember();
    const cookie = await sessionCookieFor(suspended.id);
    await db()
      .insertInto("suspensions")
      .values({
        member_id: suspended.id,
        moderator_id: moderator.id,
        reason: "Test",
        starts_at: Date.now() - 1000,
        ends_at: null,
        lifted_at: null,
        lifted_by: null,
      })
      .execute();
    const response = await flag(postId, cookie);
    expect(response.status).toBe(403);
    expect(await flagRows(postId)).toHaveLength(0);
  });
});

describe("an empty queue", () => {
  it("is empty once every flag is handled", async () => {
    const { postId } = await flaggableReply();
    await flag(postId, flaggers[0]!.cookie);
    const waiting = await queue();
    expect(waiting.map((i) => i.post.id)).toContain(postId);
    for (const item of waiting) {
      expect((await queueAction({ intent: "dismiss", postId: String(item.post.id) })).status).toBe(302);
    }
    expect(await queue()).toEqual([]);
  });
});
