import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import * as root from "~/root";
import * as adminMembers from "~/routes/admin.members";
import * as modHome from "~/routes/mod._index";
import * as modLog from "~/routes/mod.log";
import * as modMember from "~/routes/mod.members.$handle";
import * as profilePage from "~/routes/members.$handle";
import * as deletePost from "~/routes/posts.$id.delete";
import * as editPost from "~/routes/posts.$id.edit";
import * as flagPost from "~/routes/posts.$id.flag";
import * as helpful from "~/routes/posts.$id.helpful";
import * as reply from "~/routes/posts.$id.reply";
import * as newStory from "~/routes/stories.new";
import * as newThread from "~/routes/threads.new";
import { addMemberNote } from "~/models/members-moderation.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { contextFor, formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

const DAY = 86_400_000;
const LONG_AGO = Date.now() - 30 * DAY; // past the new-member posting limits

type FormData400 = { fieldErrors: Record<string, string>; fields: Record<string, string> };

async function auditCount() {
  const row = await getDb()
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function viewerOf(cookie: string) {
  return (await contextFor(getRequest("/", cookie))).viewer;
}

async function openingPostId(threadId: number) {
  return (
    await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow()
  ).id;
}

async function suspend(modCookie: string, handle: string, form: Record<string, string>) {
  return run(modMember.action, formRequest(`/mod/members/${handle}`, { intent: "suspend", ...form }, modCookie), {
    handle,
  });
}

/** Everything a member can write, as rows: unchanged when a suspended member tries. */
async function snapshot(memberId: number, postId: number) {
  const db = getDb();
  const count = async (table: "posts" | "threads" | "post_reactions" | "flags" | "drafts") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const own = await db
    .selectFrom("posts")
    .select(["body_source", "deleted_at", "edited_at"])
    .where("author_id", "=", memberId)
    .orderBy("id")
    .execute();
  const other = await db
    .selectFrom("posts")
    .select(["helpful_count"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
  return {
    posts: await count("posts"),
    threads: await count("threads"),
    reactions: await count("post_reactions"),
    flags: await count("flags"),
    drafts: await count("drafts"),
    own,
    other,
  };
}

describe("suspensions", () => {
  it("ends every session, blocks every write with the reason, and lifting restores writing", async () => {
    const moderator = await createMember({ role: "moderator" });
    const member = await createMember({ createdAt: LONG_AGO });
    const other = await createMember({ createdAt: LONG_AGO });
    const modCookie = await sessionCookieFor(moderator.id);
    const oldCookie = await sessionCookieFor(member.id);
    const otherThread = await createTestThread({ authorId: other.id });
    const otherPost = await createTestReply({ threadId: otherThread.id, authorId: other.id });
    const ownThread = await createTestThread({ authorId: member.id });
    const ownPost = await createTestReply({
      threadId: otherThread.id,
      authorId: member.id,
      body: "My original words.",
    });

    const logBefore = await auditCount();
    const response = await suspend(modCookie, member.handle, { reason: "Repeated personal attacks.", length: "7d" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/mod/members/${member.handle}`);
    expect(await auditCount()).toBe(logBefore + 1);
    expect(await viewerOf(oldCookie)).toBeNull();
    const row = await getDb()
      .selectFrom("suspensions")
      .select(["ends_at", "starts_at", "reason"])
      .where("member_id", "=", member.id)
      .executeTakeFirstOrThrow();
    // The form computes the end a moment before the domain stamps the start.
    expect(Math.abs(row.ends_at! - row.starts_at - 7 * DAY)).toBeLessThan(5_000);

    // They log in again and can read: the root loader carries the banner's suspension.
    const cookie = await sessionCookieFor(member.id);
    const rootData = (await (await run(root.loader, getRequest("/", cookie))).json()) as {
      suspension: { reason: string; endsAt: number | null } | null;
    };
    expect(rootData.suspension).toMatchObject({ reason: "Repeated personal attacks.", endsAt: row.ends_at });

    const before = await snapshot(member.id, otherPost);
    const writes: Array<[string, (args: never) => unknown, Request, Record<string, string>]> = [
      [
        "reply",
        reply.action,
        formRequest(`/posts/${otherPost}/reply`, { bodySource: "Let me answer.", intent: "publish" }, cookie),
        { id: String(otherPost) },
      ],
      [
        "new thread",
        newThread.action,
        formRequest(
          "/threads/new",
          { title: "A brand new thread", bodySource: "Words.", tagSlugs: "organizing", intent: "publish" },
          cookie,
        ),
        {},
      ],
      [
        "new story",
        newStory.action,
        formRequest(
          "/stories/new",
          { title: "A brand new story", bodySource: "Words.", tagSlugs: "organizing", intent: "publish" },
          cookie,
        ),
        {},
      ],
      [
        "draft",
        newThread.action,
        formRequest("/threads/new", { title: "Draft", bodySource: "Words.", intent: "save-draft" }, cookie),
        {},
      ],
      ["helpful", helpful.action, formRequest(`/posts/${otherPost}/helpful`, {}, cookie), { id: String(otherPost) }],
      [
        "edit",
        editPost.action,
        formRequest(`/posts/${ownPost}/edit`, { bodySource: "Changed words.", intent: "publish" }, cookie),
        { id: String(ownPost) },
      ],
      ["delete", deletePost.action, formRequest(`/posts/${ownPost}/delete`, {}, cookie), { id: String(ownPost) }],
      [
        "delete thread",
        deletePost.action,
        formRequest(`/posts/${await openingPostId(ownThread.id)}/delete`, {}, cookie),
        { id: String(await openingPostId(ownThread.id)) },
      ],
      [
        "flag",
        flagPost.action,
        formRequest(`/posts/${otherPost}/flag`, { reason: "spam", note: "" }, cookie),
        { id: String(otherPost) },
      ],
    ];
    for (const [what, action, request, params] of writes) {
      const refused = await run(action as never, request, params);
      expect(refused.status, what).toBe(403);
      expect(await refused.text(), what).toMatch(/suspended until .*Reason: Repeated personal attacks\./);
    }
    expect(await snapshot(member.id, otherPost)).toEqual(before);
    expect(await viewerOf(cookie)).not.toBeNull(); // reading goes on

    const lifted = await run(
      modMember.action,
      formRequest(`/mod/members/${member.handle}`, { intent: "lift" }, modCookie),
      { handle: member.handle },
    );
    expect(lifted.headers.get("Location")).toBe(`/mod/members/${member.handle}`);
    expect(await auditCount()).toBe(logBefore + 2);
    const afterLift = (await (await run(root.loader, getRequest("/", cookie))).json()) as { suspension: unknown };
    expect(afterLift.suspension).toBeNull();
    const replied = await run(
      reply.action,
      formRequest(`/posts/${otherPost}/reply`, { bodySource: "Back again.", intent: "publish" }, cookie),
      { id: String(otherPost) },
    );
    expect(replied.status).toBe(302);
    const again = await run(
      modMember.action,
      formRequest(`/mod/members/${member.handle}`, { intent: "lift" }, modCookie),
      { handle: member.handle },
    );
    expect(again.status).toBe(400);
    expect(((await again.json()) as FormData400).fieldErrors.lift).toMatch(/not suspended/);
    expect(await auditCount()).toBe(logBefore + 2);
  });

  it("refuses to suspend a moderator or an admin, with the domain's message, changing nothing", async () => {
    const moderator = await createMember({ role: "moderator" });
    const modCookie = await sessionCookieFor(moderator.id);
    for (const role of ["moderator", "admin"] as const) {
      const target = await createMember({ role });
      const targetCookie = await sessionCookieFor(target.id);
      const logBefore = await auditCount();
      const response = await suspend(modCookie, target.handle, { reason: "Testing.", length: "1d" });
      expect(response.status).toBe(400);
      const data = (await response.json()) as FormData400;
      expect(data.fieldErrors.suspend).toMatch(/Moderators and admins can't be suspended/);
      expect(data.fields.reason).toBe("Testing.");
      expect(
        await getDb().selectFrom("suspensions").select("id").where("member_id", "=", target.id).execute(),
      ).toHaveLength(0);
      expect(await viewerOf(targetCookie)).not.toBeNull();
      expect(await auditCount()).toBe(logBefore);
    }
  });

  it("suspends indefinitely or until a date, and checks the form", async () => {
    const moderator = await createMember({ role: "moderator" });
    const modCookie = await sessionCookieFor(moderator.id);
    const member = await createMember();
    const logBefore = await auditCount();

    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ reason: "  ", length: "7d" }, "reason", /Say why/],
      [{ reason: "x".repeat(501), length: "7d" }, "reason", /500 characters/],
      [{ reason: "Spam." }, "length", /how long/],
      [{ reason: "Spam.", length: "forever" }, "length", /how long/],
      [{ reason: "Spam.", length: "date", until: "" }, "until", /Choose the date/],
      [{ reason: "Spam.", length: "date", until: "2026-02-31" }, "until", /Choose the date/],
      [{ reason: "Spam.", length: "date", until: new Date().toISOString().slice(0, 10) }, "until", /future/],
    ];
    for (const [form, field, message] of cases) {
      const response = await suspend(modCookie, member.handle, form);
      expect(response.status, JSON.stringify(form)).toBe(400);
      expect(((await response.json()) as FormData400).fieldErrors[field]).toMatch(message);
    }
    expect(await auditCount()).toBe(logBefore);

    const date = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10);
    expect(
      (await suspend(modCookie, member.handle, { reason: "Cooling off.", length: "date", until: date })).status,
    ).toBe(302);
    const dated = await getDb()
      .selectFrom("suspensions")
      .select("ends_at")
      .where("member_id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(dated.ends_at).toBe(Date.parse(`${date}T00:00:00Z`));

    expect((await suspend(modCookie, member.handle, { reason: "Spam account.", length: "indefinite" })).status).toBe(
      302,
    );
    expect(await auditCount()).toBe(logBefore + 2);
    const cookie = await sessionCookieFor(member.id);
    const rootData = (await (await run(root.loader, getRequest("/", cookie))).json()) as {
      suspension: { endsAt: number | null; reason: string };
    };
    expect(rootData.suspension).toMatchObject({ endsAt: null, reason: "Spam account." });
    const thread = await createTestThread({ authorId: moderator.id });
    const opening = await openingPostId(thread.id);
    const refused = await run(
      reply.action,
      formRequest(`/posts/${opening}/reply`, { bodySource: "Hi", intent: "publish" }, cookie),
      { id: String(opening) },
    );
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/suspended until a moderator lifts it\. Reason: Spam account\./);

    const page = (await (
      await run(modMember.loader, getRequest(`/mod/members/${member.handle}`, modCookie), { handle: member.handle })
    ).json()) as {
      suspension: { endsAt: number | null; reason: string };
      history: Array<{ action: string }>;
    };
    expect(page.suspension).toMatchObject({ endsAt: null, reason: "Spam account." });
    // The indefinite one replaced the dated one (lifting it).
    expect(page.history.map((h) => h.action)).toEqual(["member.suspend", "member.suspend"]);
  });
});

describe("member notes and the member page", () => {
  it("shows notes to moderators only; members get 403 and add nothing", async () => {
    const moderator = await createMember({ role: "moderator" });
    const member = await createMember();
    const nosy = await createMember();
    const modCookie = await sessionCookieFor(moderator.id);
    const nosyCookie = await sessionCookieFor(nosy.id);
    const logBefore = await auditCount();

    const tooLong = await run(
      modMember.action,
      formRequest(`/mod/members/${member.handle}`, { intent: "note", body: "x".repeat(2001) }, modCookie),
      { handle: member.handle },
    );
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as FormData400).fieldErrors.body).toMatch(/2,000/);
    const added = await run(
      modMember.action,
      formRequest(`/mod/members/${member.handle}`, { intent: "note", body: "Warned by email on 3 May." }, modCookie),
      { handle: member.handle },
    );
    expect(added.headers.get("Location")).toBe(`/mod/members/${member.handle}`);
    expect(await auditCount()).toBe(logBefore + 1);

    const page = (await (
      await run(modMember.loader, getRequest(`/mod/members/${member.handle}`, modCookie), { handle: member.handle })
    ).json()) as {
      member: { handle: string; role: string };
      notes: Array<{ body: string; author: { handle: string } }>;
      suspension: unknown;
    };
    expect(page.member).toMatchObject({ handle: member.handle, role: "member" });
    expect(page.suspension).toBeNull();
    expect(page.notes).toEqual([
      expect.objectContaining({
        body: "Warned by email on 3 May.",
        author: expect.objectContaining({ handle: moderator.handle }),
      }),
    ]);

    expect(
      (await run(modMember.loader, getRequest(`/mod/members/${member.handle}`, nosyCookie), { handle: member.handle }))
        .status,
    ).toBe(403);
    const sneaky = await run(
      modMember.action,
      formRequest(`/mod/members/${member.handle}`, { intent: "note", body: "Sneaky." }, nosyCookie),
      { handle: member.handle },
    );
    expect(sneaky.status).toBe(403);
    const sneakySuspend = await suspend(nosyCookie, member.handle, { reason: "Because.", length: "1d" });
    expect(sneakySuspend.status).toBe(403);
    expect(
      await getDb().selectFrom("member_notes").select("id").where("member_id", "=", member.id).execute(),
    ).toHaveLength(1);
    expect(
      await getDb().selectFrom("suspensions").select("id").where("member_id", "=", member.id).execute(),
    ).toHaveLength(0);
    expect(await auditCount()).toBe(logBefore + 1);

    const visitor = await run(modMember.loader, getRequest(`/mod/members/${member.handle}`), { handle: member.handle });
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect(
      (await run(modMember.loader, getRequest("/mod/members/nobody_here", modCookie), { handle: "nobody_here" }))
        .status,
    ).toBe(404);
  });

  it("links a member's profile to their moderation page, for moderators only", async () => {
    const moderator = await createMember({ role: "moderator" });
    const member = await createMember();
    const load = async (cookie?: string) =>
      (
        (await (
          await run(profilePage.loader, getRequest(`/members/${member.handle}`, cookie), { handle: member.handle })
        ).json()) as { canModerate: boolean }
      ).canModerate;
    expect(await load(await sessionCookieFor(moderator.id))).toBe(true);
    expect(await load(await sessionCookieFor(member.id))).toBe(false);
    expect(await load()).toBe(false);
  });

  it("shows moderators their home with the flag count; members get 403", async () => {
    const moderator = await createMember({ role: "moderator" });
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const home = (await (
      await run(modHome.loader, getRequest("/mod", await sessionCookieFor(moderator.id)))
    ).json()) as { flaggedPosts: number; admin: boolean };
    expect(home).toMatchObject({ flaggedPosts: 0, admin: false });
    const thread = await createTestThread({ authorId: member.id });
    const postId = await createTestReply({ threadId: thread.id, authorId: member.id });
    const flagger = await createMember();
    await getDb()
      .insertInto("flags")
      .values({
        post_id: postId,
        member_id: flagger.id,
        reason: "spam",
        created_at: Date.now(),
        resolved_at: null,
        resolved_by: null,
        outcome: null,
      })
      .execute();
    const adminHome = (await (
      await run(modHome.loader, getRequest("/mod", await sessionCookieFor(admin.id)))
    ).json()) as { flaggedPosts: number; admin: boolean };
    expect(adminHome).toMatchObject({ flaggedPosts: 1, admin: true });
    expect((await run(modHome.loader, getRequest("/mod", await sessionCookieFor(member.id)))).status).toBe(403);
  });
});

describe("roles", () => {
  it("lets an admin change a role: the member's sessions end and the log row has before and after", async () => {
    const admin = await createMember({ role: "admin" });
    const member = await createMember();
    const adminCookie = await sessionCookieFor(admin.id);
    const memberCookie = await sessionCookieFor(member.id);
    const logBefore = await auditCount();
    const response = await run(
      adminMembers.action,
      formRequest("/admin/members?q=member", { memberId: String(member.id), role: "moderator" }, adminCookie),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/admin/members?q=member");
    expect(await viewerOf(memberCookie)).toBeNull();
    const row = await getDb()
      .selectFrom("members")
      .select("role")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe("moderator");
    expect(await auditCount()).toBe(logBefore + 1);
    const log = await getDb().selectFrom("audit_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(log).toMatchObject({
      actor_id: admin.id,
      action: "role.set",
      target_type: "member",
      target_id: member.id,
      subject_member_id: member.id,
    });
    expect(JSON.parse(log.before_json!)).toEqual({ role: "member" });
    expect(JSON.parse(log.after_json!)).toEqual({ role: "moderator" });

    const own = await run(
      adminMembers.action,
      formRequest("/admin/members", { memberId: String(admin.id), role: "member" }, adminCookie),
    );
    expect(own.status).toBe(400);
    expect(((await own.json()) as FormData400).fieldErrors.role).toMatch(/can't change your own role/);
    const junk = await run(
      adminMembers.action,
      formRequest("/admin/members", { memberId: String(member.id), role: "overlord" }, adminCookie),
    );
    expect(junk.status).toBe(400);
    expect(await auditCount()).toBe(logBefore + 1);
  });

  it("refuses moderators and members with 403, changing nothing", async () => {
    const moderator = await createMember({ role: "moderator" });
    const member = await createMember();
    const target = await createMember();
    const logBefore = await auditCount();
    for (const who of [moderator, member]) {
      const cookie = await sessionCookieFor(who.id);
      expect((await run(adminMembers.loader, getRequest("/admin/members", cookie))).status).toBe(403);
      const response = await run(
        adminMembers.action,
        formRequest("/admin/members", { memberId: String(target.id), role: "admin" }, cookie),
      );
      expect(response.status).toBe(403);
      const self = await run(
        adminMembers.action,
        formRequest("/admin/members", { memberId: String(who.id), role: "admin" }, cookie),
      );
      expect(self.status).toBe(403);
    }
    const roles = await getDb()
      .selectFrom("members")
      .select(["id", "role"])
      .where("id", "in", [moderator.id, member.id, target.id])
      .orderBy("id")
      .execute();
    expect(roles.map((r) => r.role)).toEqual(["moderator", "member", "member"]);
    expect(await auditCount()).toBe(logBefore);
  });

  it("lists members by handle prefix or exact email, a page at a time", async () => {
    const admin = await createMember({ role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const zed = await createMember({ handle: "zed_alpha" });
    await createMember({ handle: "zed_beta", email: "beta@example.net" });
    type Page = { members: Array<{ handle: string }>; next: string | null };
    const byPrefix = (await (
      await run(adminMembers.loader, getRequest("/admin/members?q=zed_", cookie))
    ).json()) as Page;
    expect(byPrefix.members.map((m) => m.handle)).toEqual(["zed_alpha", "zed_beta"]);
    const byEmail = (await (
      await run(adminMembers.loader, getRequest("/admin/members?q=Beta@Example.net", cookie))
    ).json()) as Page;
    expect(byEmail.members.map((m) => m.handle)).toEqual(["zed_beta"]);
    expect(zed.handle).toBe("zed_alpha");
    for (let i = 0; i <= 50; i++) await createMember({ handle: `page_${String(i).padStart(2, "0")}` });
    const first = (await (await run(adminMembers.loader, getRequest("/admin/members?q=page_", cookie))).json()) as Page;
    expect(first.members).toHaveLength(50);
    expect(first.next).toBe("/admin/members?q=page_&after=page_49");
    const all = (await (await run(adminMembers.loader, getRequest("/admin/members", cookie))).json()) as Page;
    expect(all.next).not.toBeNull();
    const second = (await (await run(adminMembers.loader, getRequest(all.next!, cookie))).json()) as Page;
    expect(second.members[0]!.handle > all.members[49]!.handle).toBe(true);
  });
});

describe("the moderation log", () => {
  type LogPage = {
    items: Array<{ action: string; actor: { handle: string }; subject: { handle: string } | null }>;
    errors: Record<string, string>;
    nextHref: string | null;
  };

  it("filters by moderator, action, member and date, and pages with the filters kept", async () => {
    const alice = await createMember({ role: "moderator", handle: "log_alice" });
    const bob = await createMember({ role: "moderator", handle: "log_bob" });
    const one = await createMember({ handle: "log_one" });
    const two = await createMember({ handle: "log_two" });
    const aliceCookie = await sessionCookieFor(alice.id);
    const bobCookie = await sessionCookieFor(bob.id);
    await addMemberNote(alice.id, one.id, "First note.");
    await suspend(aliceCookie, two.handle, { reason: "Spam.", length: "1d" });
    await addMemberNote(bob.id, two.id, "Second note.");
    const load = async (query: string) => {
      const response = await run(modLog.loader, getRequest(`/mod/log${query}`, bobCookie));
      return { status: response.status, data: (await response.json()) as LogPage };
    };
    const summary = (page: LogPage) => page.items.map((i) => `${i.actor.handle} ${i.action} ${i.subject?.handle}`);

    expect(summary((await load("?moderator=log_alice")).data)).toEqual([
      "log_alice member.suspend log_two",
      "log_alice member.note log_one",
    ]);
    expect(summary((await load("?moderator=@Log_Bob")).data)).toEqual(["log_bob member.note log_two"]);
    expect(summary((await load("?action=member.suspend&member=log_two")).data)).toEqual([
      "log_alice member.suspend log_two",
    ]);
    expect(summary((await load("?member=log_two")).data)).toEqual([
      "log_bob member.note log_two",
      "log_alice member.suspend log_two",
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    expect((await load(`?member=log_one&from=${today}&to=${today}`)).data.items).toHaveLength(1);
    expect((await load(`?member=log_one&from=${tomorrow}`)).data.items).toHaveLength(0);
    expect((await load(`?member=log_one&to=${yesterday}`)).data.items).toHaveLength(0);

    for (const [query, field, message] of [
      ["?from=yesterday", "from", /date like/],
      ["?to=2026-13-01", "to", /date like/],
      [`?from=${today}&to=${yesterday}`, "to", /on or after/],
      ["?action=member.delete", "action", /from the list/],
      ["?moderator=no%20such%20person", "moderator", /handle/],
    ] as const) {
      const { status, data } = await load(query);
      expect(status, query).toBe(400);
      expect(data.errors[field], query).toMatch(message);
      expect(data.items).toEqual([]);
    }
    expect((await run(modLog.loader, getRequest("/mod/log?before=abc", bobCookie))).status).toBe(400);

    for (let i = 0; i < 50; i++) await addMemberNote(alice.id, one.id, `Note ${i}.`);
    const first = await load("?moderator=log_alice&action=member.note");
    expect(first.data.items).toHaveLength(50);
    expect(first.data.nextHref).toMatch(/^\/mod\/log\?moderator=log_alice&action=member.note&before=\d+$/);
    const older = await load(first.data.nextHref!.slice("/mod/log".length));
    expect(summary(older.data)).toEqual(["log_alice member.note log_one"]);
    expect(older.data.nextHref).toBeNull();

    const member = await run(modLog.loader, getRequest("/mod/log", await sessionCookieFor(one.id)));
    expect(member.status).toBe(403);
  });

  it("offers no way to change or delete a log row", async () => {
    expect("action" in modLog).toBe(false);
  });
});

describe("npm run member:role", () => {
  function memberRole(...args: string[]) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "app/cli/member-role.ts", ...args], {
        env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  }

  it("makes a member a moderator, and says so clearly for an unknown handle", async () => {
    const member = await createMember({ handle: "cli_person" });
    const cookie = await sessionCookieFor(member.id);
    const made = await memberRole("cli_person", "moderator");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/@cli_person is now moderator \(was member\)/);
    const row = await getDb()
      .selectFrom("members")
      .select("role")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe("moderator");
    expect(await viewerOf(cookie)).toBeNull();

    const unknown = await memberRole("nobody_at_all", "moderator");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No member has the handle "nobody_at_all"/);
  });
});
