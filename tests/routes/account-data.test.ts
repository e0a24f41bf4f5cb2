// "Your data, and leaving" (issue 13, docs/decisions/0016), over real HTTP against the production build on this
// file's database: the export holds every row the member wrote, in the documented shape, and is throttled; an
// account deleted either way leaves every page that showed the member readable (no 500 anywhere), shows
// "Former member" with no link to a profile, and keeps its handle from the next person to join.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, EXPORT_PAGE_ROWS } from "~/models/account-export.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMemberWithHistory, type MemberHistory } from "../factories/account-history";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { createTestReply } from "../factories/threads";

let server: RunningServer;

interface Answer {
  status: number;
  location: string | null;
  headers: Headers;
  body: string;
}

async function send(path: string, init: { method?: string; form?: Record<string, string>; cookie?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    headers: {
      ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url } : {}),
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    redirect: "manual",
  });
  const answer: Answer = {
    status: response.status,
    location: response.headers.get("Location"),
    headers: response.headers,
    body: await response.text(),
  };
  return answer;
}

async function logIn(member: TestMember): Promise<string> {
  const answer = await send("/login", { form: { login: member.handle, password: FACTORY_PASSWORD } });
  expect(answer.status, `log-in as ${member.handle}`).toBe(302);
  return answer.headers.get("Set-Cookie")!.split(";")[0]!;
}

const errorLines = () =>
  server
    .output()
    .split("\n")
    .filter((line) => line.includes('"level":"error"'));

beforeAll(async () => {
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});
afterAll(async () => {
  await server?.stop();
});

const db = () => getDb();
const ids = (rows: Array<{ id: number }>) => rows.map((r) => r.id);

describe("Download your data", () => {
  let h: MemberHistory;
  let cookie: string;

  beforeAll(async () => {
    h = await createMemberWithHistory();
    // More replies than one page of the export holds, so that its pages are seen to join up.
    for (let i = 0; i < EXPORT_PAGE_ROWS + 5; i++)
      await createTestReply({ threadId: h.threads.anas, authorId: h.member.id, body: `Bulk reply ${i}.` });
    cookie = await logIn(h.member);
  });

  it("is one JSON attachment with every row the member wrote, and nothing of others' or of sessions' ids", async () => {
    const answer = await send("/settings/account/export", { form: {}, cookie });
    expect(answer.status, answer.body.slice(0, 200)).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("Content-Disposition")).toMatch(
      new RegExp(`^attachment; filename="roundtable-${h.member.handle}-\\d{4}-\\d\\d-\\d\\d\\.json"$`),
    );
    expect(answer.headers.get("Cache-Control")).toBe("no-store");
    const data = JSON.parse(answer.body);
    expect(data).toMatchObject({ format: EXPORT_FORMAT, formatVersion: EXPORT_FORMAT_VERSION, site: server.url });
    expect(data.account).toMatchObject({
      id: h.member.id,
      handle: h.member.handle,
      email: h.marks.email,
      rulesAcceptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      profile: {
        organization: h.marks.organization,
        location: h.marks.location,
        bioSource: h.marks.bio,
        fieldsOfPractice: [{ slug: "organizing", name: expect.any(String) }],
      },
      settings: {
        digestFrequency: "weekly",
        replyAlerts: "immediate",
        emailVerifiedAt: expect.any(Number),
        language: null,
      },
    });

    const m = h.member.id;
    const posts = await db()
      .selectFrom("posts")
      .select(["id", "body_source"])
      .where("author_id", "=", m)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(posts.length).toBeGreaterThan(EXPORT_PAGE_ROWS);
    expect(data.posts.map((p: { id: number }) => p.id)).toEqual(ids(posts));
    expect(data.posts.map((p: { bodySource: string }) => p.bodySource)).toEqual(posts.map((p) => p.body_source));
    const threads = await db()
      .selectFrom("threads")
      .select("id")
      .where("author_id", "=", m)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(data.threads.map((t: { id: number }) => t.id)).toEqual(ids(threads));
    const revisions = await db()
      .selectFrom("post_revisions")
      .select("id")
      .where("editor_id", "=", m)
      .orderBy("id")
      .execute();
    expect(data.revisions.map((r: { id: number }) => r.id)).toEqual(ids(revisions));
    expect(data.revisions[0].bodySource).toContain(h.marks.oldPhrase);
    const drafts = await db().selectFrom("drafts").select("id").where("member_id", "=", m).orderBy("id").execute();
    expect(data.drafts.map((d: { id: number }) => d.id)).toEqual(ids(drafts));

    const answers = await db()
      .selectFrom("round_answers")
      .select(["post_id", "consent", "pseudonym"])
      .where("member_id", "=", m)
      .orderBy("post_id")
      .execute();
    expect(
      data.roundAnswers.map((a: { postId: number; consent: string; pseudonym: string | null }) => ({
        post_id: a.postId,
        consent: a.consent,
        pseudonym: a.pseudonym,
      })),
    ).toEqual(answers);
    expect(new Set(answers.map((a) => a.consent))).toEqual(new Set(["named", "anonymized", "none"]));
    const named = data.roundAnswers.find((a: { postId: number }) => a.postId === h.answers.named);
    expect(named.consentChanges).toEqual([{ from: "anonymized", to: "named", changedAt: expect.any(String) }]);

    const marks = await db().selectFrom("post_reactions").select("post_id").where("member_id", "=", m).execute();
    expect(data.helpfulMarks.map((x: { postId: number }) => x.postId)).toEqual(marks.map((x) => x.post_id));
    const flags = await db()
      .selectFrom("flags")
      .select("id")
      .where("member_id", "=", m)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    expect(data.flags.map((f: { id: number }) => f.id)).toEqual(ids(flags));
    expect(data.flags.map((f: { note: string }) => f.note)).toContain(h.marks.flagNote);
    expect(data.followedTopics.map((t: { topic: string }) => t.topic)).toEqual(["funding"]);
    expect(data.followedThreads).toContainEqual(expect.objectContaining({ threadId: h.threads.anas, level: "muted" }));
    expect(data.suspensions).toHaveLength(1);

    const sessions = await db().selectFrom("sessions").select("id").where("member_id", "=", m).execute();
    expect(data.sessions).toHaveLength(sessions.length);
    expect(Object.keys(data.sessions[0]).sort()).toEqual(["createdAt", "expiresAt"]);
    for (const s of sessions) expect(answer.body).not.toContain(s.id);
    expect(answer.body).not.toContain(cookie.split("=")[1]!);

    for (const [name, list] of Object.entries(data))
      if (Array.isArray(list)) expect(data.counts[name], name).toBe(list.length);
    // Others' words are not theirs to take: Ana's and Ben's replies are not in it.
    expect(answer.body).not.toContain("Ana's words");
    expect(answer.body).not.toContain("Ben's words");
  });

  it("can be had a few times an hour, then says when to come back", async () => {
    for (let i = 0; i < 2; i++) expect((await send("/settings/account/export", { form: {}, cookie })).status).toBe(200);
    const refused = await send("/settings/account/export", { form: {}, cookie });
    expect(refused.status).toBe(302);
    expect(refused.location).toMatch(/^\/settings\/account\?exportWait=\d+$/);
    const page = await send(refused.location!, { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Please try again in");
  });

  it("is for a signed-in member, asked for by a form of this site", async () => {
    const visitor = await send("/settings/account/export", { form: {} });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login/);
    const crossSite = await fetch(`${server.url}/settings/account/export`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: "https://elsewhere.example" },
      redirect: "manual",
    });
    expect(crossSite.status).toBe(403);
  });
});

describe("Delete your account", () => {
  let mod: TestMember;
  let modCookie: string;

  beforeAll(async () => {
    mod = await createMember({ role: "moderator" });
    modCookie = await logIn(mod);
  });

  it("needs the current password and a choice about the posts", async () => {
    const h = await createMemberWithHistory();
    const cookie = await logIn(h.member);
    const wrong = await send("/settings/account", {
      form: { intent: "delete-account", posts: "remove", currentPassword: "not my password" },
      cookie,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain("That is not your current password.");
    const unchosen = await send("/settings/account", {
      form: { intent: "delete-account", currentPassword: FACTORY_PASSWORD },
      cookie,
    });
    expect(unchosen.status).toBe(400);
    expect(unchosen.body).toContain("Choose what happens to your posts.");
    const member = await db()
      .selectFrom("members")
      .select("deleted_at")
      .where("id", "=", h.member.id)
      .executeTakeFirstOrThrow();
    expect(member.deleted_at).toBeNull();
    expect((await send("/settings", { cookie })).status).toBe(200);
  });

  describe.each(["remove", "keep"] as const)("with posts chosen to %s", (choice) => {
    let h: MemberHistory;
    let anaCookie: string;
    let slugs: Map<number, string>;

    beforeAll(async () => {
      h = await createMemberWithHistory();
      anaCookie = await logIn(h.ana);
      const cookie = await logIn(h.member);
      expect((await send("/settings/account", { cookie })).status).toBe(200);
      const deleted = await send("/settings/account", {
        form: { intent: "delete-account", posts: choice, currentPassword: FACTORY_PASSWORD },
        cookie,
      });
      expect(deleted.status, deleted.body.slice(0, 300)).toBe(302);
      expect(deleted.location).toBe("/account-deleted");
      expect(deleted.headers.get("Set-Cookie")).toMatch(/^rt_session=;/);
      // The old cookie no longer opens anything.
      const after = await send("/settings", { cookie });
      expect(after.status).toBe(302);
      expect(after.location).toMatch(/^\/login/);
      expect((await send("/account-deleted")).status).toBe(200);
      const threads = await db().selectFrom("threads").select(["id", "slug"]).execute();
      slugs = new Map(threads.map((t) => [t.id, t.slug]));
    });

    const threadPath = (id: number) => `/threads/${id}/${slugs.get(id)}`;

    /** Pages that showed the member, as a visitor, as Ana (who talked with them) and as a moderator. */
    function pages(): Array<{ path: string; as: "visitor" | "ana" | "mod"; status?: number[] }> {
      const shared = [
        "/",
        "/topics/organizing",
        "/feed.atom",
        "/topics/organizing/feed.atom",
        threadPath(h.threads.conversation),
        `/threads/${h.threads.conversation}/feed.atom`,
        threadPath(h.threads.anas),
        `/threads/${h.threads.anas}/feed.atom`,
        `/posts/${h.posts.memberUnderAna}?branch=1`,
        `/posts/${h.posts.edited}?branch=1`,
        `/search?q=${encodeURIComponent(h.marks.phrase)}`,
        "/search?q=people+sign+in+person",
        `/rounds/${h.round.id}`,
        threadPath(h.round.promptIds[1]!),
        `/posts/${h.answers.anonymized}?branch=1`,
        `/members/${h.ana.handle}`,
        "/rounds/feed.atom",
      ].map((path) => [
        { path, as: "visitor" as const },
        { path, as: "ana" as const },
      ]);
      return [
        ...shared.flat(),
        { path: `/posts/${h.posts.edited}/history`, as: "visitor", status: choice === "keep" ? [200] : [200, 404] },
        { path: `/members/${h.member.handle}`, as: "visitor", status: [404] },
        { path: `/members/${h.member.handle}/feed.atom`, as: "visitor", status: [404] },
        { path: `/members/former-${h.member.id}`, as: "visitor", status: [404] },
        { path: "/notifications", as: "ana" },
        { path: `/rounds/${h.round.id}/mine`, as: "ana" },
        { path: `/rounds/${h.round.id}/synthesis`, as: "mod" },
        { path: `/rounds/${h.round.id}/export.csv`, as: "mod" },
        { path: `/rounds/${h.round.id}/export.json`, as: "mod" },
        { path: "/mod/log", as: "mod" },
        { path: `/mod/log?member=${h.member.handle}`, as: "mod" },
        { path: "/mod/flags", as: "mod" },
        { path: `/mod/members/${h.member.handle}`, as: "mod", status: [404] },
        { path: `/mod/members/${h.ana.handle}`, as: "mod" },
        { path: threadPath(h.threads.conversation), as: "mod" },
      ];
    }

    it("leaves every page that showed them readable, with no name, handle or link of theirs", async () => {
      const cookies = { visitor: undefined, ana: anaCookie, mod: modCookie };
      const failures: string[] = [];
      for (const { path, as, status = [200] } of pages()) {
        let answer = await send(path, { cookie: cookies[as] });
        // The thread page's short and permalink addresses redirect to it; follow one hop.
        if (answer.status === 302 && answer.location?.startsWith("/threads/"))
          answer = await send(answer.location, { cookie: cookies[as] });
        if (!status.includes(answer.status)) failures.push(`${as} ${path}: ${answer.status}`);
        for (const trace of [h.member.displayName, `/members/${h.member.handle}"`, "/members/former-", h.marks.email])
          if (answer.body.includes(trace)) failures.push(`${as} ${path} shows ${trace}`);
        if (choice === "remove")
          for (const trace of [h.marks.phrase, h.marks.oldPhrase])
            if (answer.body.includes(trace) && !path.startsWith("/search"))
              failures.push(`${as} ${path} shows ${trace}`);
      }
      expect(failures).toEqual([]);
      expect(errorLines()).toEqual([]);
    });

    it("shows others' replies, and the member as “Former member”", async () => {
      const page = await send(threadPath(h.threads.conversation));
      expect(page.body).toContain("Ana's words");
      expect(page.body).toContain("Ben's words");
      expect(page.body).toContain("Former member");
      if (choice === "keep") expect(page.body).toContain(h.marks.phrase);
      else expect(page.body).not.toContain(h.marks.phrase);
      const profile = await send(`/members/${h.member.handle}`);
      expect(profile.body).toContain("This account was deleted.");
      const found = await send(`/search?q=${h.marks.phrase}`);
      const hit = `href="/posts/${h.posts.memberUnderAna}"`;
      if (choice === "keep") expect(found.body).toContain(hit);
      else expect(found.body).not.toContain(hit);
      const csv = await send(`/rounds/${h.round.id}/export.csv`, { cookie: modCookie });
      expect(csv.body).not.toContain(h.marks.answer);
    });

    it("keeps the handle from anyone joining", async () => {
      const joined = await send("/join", {
        form: {
          handle: h.member.handle,
          displayName: "Someone New",
          email: `new-${h.member.handle}@example.org`,
          password: "a long enough passphrase for joining",
          rulesAccepted: "on",
        },
      });
      expect(joined.status).toBe(400);
      expect(joined.body).toContain("That handle is taken");
    });
  });
});
