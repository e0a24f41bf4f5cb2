// Cross-site forms (issue 12, section 4): every route that takes a POST, sent a valid form through the real
// server the way another site (or a sandboxed page) would send it, answers 403 and writes nothing. The same
// form from the site itself is accepted, so the refusal is the origin check's and not the form's.
// The one exception, by design: the digests' one-click unsubscribe (RFC 8058), which mail clients POST with
// no Origin: without an Origin its signed token is the proof, and without a valid token nothing happens.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { writesByServer } from "../setup/writes";
import { unsubscribeUrl } from "~/models/digest-run.server";
import { saveDraft } from "~/models/drafts.server";
import { flagPost } from "~/models/flags.server";
import { REPO_ROOT, startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type Form } from "./support";

type Role = "visitor" | "member" | "moderator" | "admin";
interface Case {
  path: () => string;
  as: Role;
  form: () => Form;
  /** What the same form answers when the site itself sends it (a redirect, unless said otherwise). */
  own?: number;
  /** Why its redirect carries no flash message (every other redirect after an action says what it did). */
  noFlash?: string;
}

const LONG_AGO = Date.now() - 30 * 86_400_000;
const today = new Date().toISOString().slice(0, 10);
let f: {
  member: TestMember;
  other: TestMember;
  users: Record<Exclude<Role, "visitor">, number>;
  story: { id: number; slug: string };
  lockable: { id: number; slug: string };
  replies: Record<"edit" | "delete" | "helpful" | "flag" | "hide" | "flagged" | "reply", number>;
  draftId: number;
  round: { id: number; promptIds: number[] };
  closedRoundId: number;
  answerId: number;
};

// One valid form per route that takes a POST (collected from app/routes below: a new one needs a row).
const CASES: Record<string, Case> = {
  $: { path: () => "/no-such-page", as: "member", form: () => ({ anything: "x" }), own: 404 },
  "admin.members": {
    path: () => "/admin/members",
    as: "admin",
    form: () => ({ memberId: String(f.other.id), role: "moderator" }),
  },
  drafts: { path: () => "/drafts", as: "member", form: () => ({ draftId: String(f.draftId) }) },
  join: {
    path: () => "/join",
    as: "visitor",
    form: () => ({
      handle: "cross_site_joiner",
      displayName: "Cross Site",
      email: "cross@example.org",
      password: "tenant meetings on tuesdays",
      rulesAccepted: "on",
    }),
  },
  language: {
    path: () => "/language",
    as: "member",
    form: () => ({ language: "es", redirectTo: "/topics" }),
    noFlash: "the page, now in the language chosen, is the feedback",
  },
  login: { path: () => "/login", as: "visitor", form: () => ({ login: f.member.handle, password: FACTORY_PASSWORD }) },
  logout: { path: () => "/logout", as: "member", form: () => ({}) },
  "members.$handle.edit": {
    path: () => `/members/${f.member.handle}/edit`,
    as: "member",
    form: () => ({}),
    noFlash: "an old address: it only leads to /settings/profile, nothing is done",
  },
  "mod.flags": {
    path: () => "/mod/flags",
    as: "moderator",
    form: () => ({ intent: "dismiss", postId: String(f.replies.flagged) }),
  },
  "mod.members.$handle": {
    path: () => `/mod/members/${f.other.handle}`,
    as: "moderator",
    form: () => ({ intent: "note", body: "Watch this one." }),
  },
  "mod.posts.$id": {
    path: () => `/mod/posts/${f.replies.hide}`,
    as: "moderator",
    form: () => ({ intent: "hide", reason: "spam", note: "" }),
  },
  "mod.prompts.new": {
    path: () => "/mod/prompts/new",
    as: "moderator",
    form: () => ({ title: "What would you tell a new organizer?", bodySource: "Say it.", tagSlugs: "organizing" }),
  },
  "mod.threads.$id": {
    path: () => `/mod/threads/${f.lockable.id}`,
    as: "moderator",
    form: () => ({ intent: "lock", lockReason: "Enough said." }),
  },
  "mod.topics": {
    path: () => "/mod/topics",
    as: "admin",
    form: () => ({ intent: "create", name: "Cross-site topic", slug: "cross-site-topic", description: "" }),
  },
  notifications: { path: () => "/notifications", as: "member", form: () => ({ intent: "read-all" }) },
  "posts.$id.delete": { path: () => `/posts/${f.replies.delete}/delete`, as: "member", form: () => ({}) },
  "posts.$id.edit": {
    path: () => `/posts/${f.replies.edit}/edit`,
    as: "member",
    form: () => ({ intent: "publish", bodySource: "Edited from another site?" }),
  },
  "posts.$id.flag": {
    path: () => `/posts/${f.replies.flag}/flag`,
    as: "member",
    form: () => ({ reason: "spam", note: "" }),
  },
  "posts.$id.helpful": { path: () => `/posts/${f.replies.helpful}/helpful`, as: "member", form: () => ({}) },
  "posts.$id.save": { path: () => `/posts/${f.replies.reply}/save`, as: "member", form: () => ({ saved: "1" }) },
  "posts.$id.reply": {
    path: () => `/posts/${f.replies.reply}/reply`,
    as: "member",
    form: () => ({ intent: "publish", bodySource: "A reply from another site?" }),
  },
  preview: {
    path: () => "/preview",
    as: "member",
    form: () => ({ bodySource: "A **preview** from another site?" }),
    own: 200,
  },
  "rounds.$id.mine": {
    path: () => `/rounds/${f.round.id}/mine`,
    as: "member",
    form: () => ({ postId: String(f.answerId), consent: "none" }),
  },
  "rounds.$id.prompts.$threadId.answer": {
    path: () => `/rounds/${f.round.id}/prompts/${f.round.promptIds[1]}/answer`,
    as: "member",
    form: () => ({ bodySource: "An answer from another site?", consent: "named" }),
  },
  "rounds.$id.synthesis": {
    path: () => `/rounds/${f.closedRoundId}/synthesis`,
    as: "moderator",
    form: () => ({ intent: "save", synthesisSource: "What we heard." }),
  },
  "rounds.new": {
    path: () => "/rounds/new",
    as: "moderator",
    form: () => ({
      title: "A round from another site?",
      purposeSource: "To learn.",
      opensOn: today,
      closesOn: today,
      tagSlugs: "organizing",
      promptTitle: "What keeps you going?",
      promptBody: "Think of a hard week.",
    }),
  },
  "settings._index": { path: () => "/settings", as: "member", form: () => ({ intent: "sign-out-everywhere" }) },
  "settings.notifications": {
    path: () => "/settings/notifications",
    as: "member",
    form: () => ({ frequency: "weekly", alerts: "immediate" }),
  },
  "settings.profile": {
    path: () => "/settings/profile",
    as: "member",
    form: () => ({ displayName: "Renamed Elsewhere" }),
  },
  "stories.new": {
    path: () => "/stories/new",
    as: "member",
    form: () => ({ intent: "publish", title: "A story from elsewhere", bodySource: "Once.", tagSlugs: "organizing" }),
  },
  "threads.$id.close": { path: () => `/threads/${f.story.id}/close`, as: "member", form: () => ({ intent: "close" }) },
  "threads.$id.follow": { path: () => `/threads/${f.story.id}/follow`, as: "member", form: () => ({ intent: "mute" }) },
  "threads.new": {
    path: () => "/threads/new",
    as: "member",
    form: () => ({
      intent: "publish",
      title: "A discussion from elsewhere",
      bodySource: "Hi.",
      tagSlugs: "organizing",
    }),
  },
  "topics.$slug.follow": { path: () => "/topics/organizing/follow", as: "member", form: () => ({ intent: "follow" }) },
  "forgot-password": {
    path: () => "/forgot-password",
    as: "visitor",
    form: () => ({ login: "nobody_here" }),
    own: 200,
  },
  "mod.approvals": {
    path: () => "/mod/approvals",
    as: "moderator",
    // Nobody is waiting: the form is taken and answered that the member is not waiting (400), nothing decided.
    form: () => ({ intent: "approve", memberId: String(f.other.id) }),
    own: 400,
  },
  "reset-password.$token": {
    path: () => `/reset-password/${"x".repeat(43)}`,
    as: "visitor",
    form: () => ({ newPassword: "a brand new kitchen table" }),
    own: 404,
  },
  "settings.account": {
    path: () => "/settings/account",
    as: "member",
    // A wrong password: taken and answered next to the field (400), the account kept for the other cases.
    form: () => ({ intent: "delete-account", posts: "keep", currentPassword: "not the password at all" }),
    own: 400,
  },
  "settings.account.export": { path: () => "/settings/account/export", as: "member", form: () => ({}), own: 200 },
  "settings.email": { path: () => "/settings/email", as: "member", form: () => ({ intent: "cancel-change" }) },
  "verify-email.$token": { path: () => `/verify-email/${"x".repeat(43)}`, as: "visitor", form: () => ({}), own: 404 },
  // No file sent: taken, and answered that there is none (400), nothing stored.
  "uploads.new": { path: () => "/uploads/new", as: "member", form: () => ({ alt: "no file" }), own: 400 },
  "mod.facilitate": { path: () => "/mod/facilitate", as: "moderator", form: () => ({ intent: "reviewed" }) },
  "mod.places": {
    path: () => "/mod/places",
    as: "moderator",
    form: () => ({ intent: "add", name: "Cross Site Heights" }),
  },
  "resources.new": {
    path: () => "/resources/new",
    as: "member",
    form: () => ({
      intent: "publish",
      title: "A toolkit from elsewhere",
      bodySource: "Useful.",
      tagSlugs: "organizing",
      linkUrl: "https://example.org/toolkit",
      resourceType: "toolkit",
      cost: "free",
      language: "en",
    }),
  },
  // A story is no resource: taken, and answered that there is no such resource (404), nothing checked.
  shelf: {
    path: () => "/shelf",
    as: "moderator",
    form: () => ({ intent: "check", threadId: String(f.story.id) }),
    own: 404,
  },
  "topics.$slug.email": { path: () => "/topics/organizing/email", as: "member", form: () => ({ intent: "on" }) },
  // Mail clients POST these without an Origin (one-click unsubscribe, a provider's webhook): the signed link or
  // the shared secret is the proof, so a forged one is answered as such (TAKEN_WITHOUT_ORIGIN below).
  "unsubscribe_.topic": {
    path: () => `/unsubscribe/topic?m=${f.member.id}&tg=1&t=forged`,
    as: "visitor",
    form: () => ({ "List-Unsubscribe": "One-Click" }),
    own: 400,
  },
  "mail.inbound": {
    path: () => "/mail/inbound",
    as: "visitor",
    form: () => ({ email: "From: x@y.example" }),
    own: 404,
  },
  unsubscribe: {
    path: () => `/unsubscribe?m=${f.member.id}&t=forged`,
    as: "visitor",
    form: () => ({ "List-Unsubscribe": "One-Click" }),
    own: 400,
  },
};

/** Routes mail clients and providers POST to without an Origin, and what a forged request of theirs gets. */
const TAKEN_WITHOUT_ORIGIN: Record<string, number> = {
  unsubscribe: 400,
  "unsubscribe_.topic": 400,
  "mail.inbound": 404,
};

let server: RunningServer;

beforeAll(async () => {
  const [member, other, moderator, admin] = await Promise.all([
    createMember({ createdAt: LONG_AGO }),
    createMember({ createdAt: LONG_AGO }),
    createMember({ role: "moderator", createdAt: LONG_AGO }),
    createMember({ role: "admin", createdAt: LONG_AGO }),
  ]);
  const story = await createTestThread({ authorId: member.id, kind: "story", title: "A story worth defending" });
  const lockable = await createTestThread({ authorId: other.id, title: "A discussion to lock" });
  const reply = (authorId: number) => createTestReply({ threadId: story.id, authorId });
  const replies = {
    edit: await reply(member.id),
    delete: await reply(member.id),
    helpful: await reply(other.id),
    flag: await reply(other.id),
    hide: await reply(other.id),
    flagged: await reply(other.id),
    reply: await reply(other.id),
  };
  await flagPost({ postId: replies.flagged, memberId: admin.id, reason: "spam", note: "" });
  const draftId = await saveDraft({ memberId: member.id, kind: "discussion", title: "Half", bodySource: "A draft." });
  const round = await createTestRound({ createdBy: moderator.id });
  const answerId = await createTestAnswer({ roundId: round.id, threadId: round.promptIds[0]!, memberId: member.id });
  const day = 86_400_000;
  const closed = await createTestRound({
    createdBy: moderator.id,
    opensAt: Date.now() - 10 * day,
    closesAt: Date.now() - day,
    now: Date.now() - 11 * day,
  });
  f = {
    member,
    other,
    users: { member: member.id, moderator: moderator.id, admin: admin.id },
    story,
    lockable,
    replies,
    draftId,
    round,
    closedRoundId: closed.id,
    answerId,
  };
  await unsubscribeUrl("http://localhost", member.id); // makes the signing key now, not in a test below
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});
afterAll(async () => {
  await server?.stop();
});

/** Changes committed by any other connection (the server's) since the last look. */
const dataVersion = writesByServer;

/** The data version once the server has written nothing for a moment. */
async function settledDataVersion(quietMs = 300): Promise<number> {
  let version = await dataVersion();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await dataVersion();
    if (now === version) return now;
    version = now;
  }
}

const VARIANTS: Array<[string, (site: string) => Record<string, string | null>]> = [
  ["no Origin and no Referer", () => ({ Origin: null })],
  ["a foreign Origin", () => ({ Origin: "https://evil.example" })],
  ["a foreign Referer and no Origin", () => ({ Origin: null, Referer: "https://evil.example/page" })],
  ["Origin: null", () => ({ Origin: "null" })],
  ["Origin: null with the site's own Referer", (site) => ({ Origin: "null", Referer: `${site}/settings` })],
  ["an Origin that only begins like the site's", (site) => ({ Origin: `${site}.evil.example` })],
  ["a Referer with the site as its user name", (site) => ({ Origin: null, Referer: `${site}@evil.example/` })],
  ["the site's host on another scheme", (site) => ({ Origin: site.replace("http:", "https:") })],
];

describe("a cross-site POST", () => {
  it("has a valid form here for every route that takes one", () => {
    const dir = join(REPO_ROOT, "app/routes");
    const actionRoutes = readdirSync(dir)
      .filter((file) => /export (async function|const) action\b/.test(readFileSync(join(dir, file), "utf8")))
      .map((file) => file.replace(/\.tsx?$/, ""))
      .sort();
    expect(actionRoutes).toEqual(Object.keys(CASES).sort());
  });

  describe.each(Object.entries(CASES))("to %s", (route, c) => {
    it("is refused with a 403 in every form, and nothing is written; from the site itself it is taken", async () => {
      const cookie = c.as === "visitor" ? undefined : await sessionCookieFor(f.users[c.as]);
      // Work the server does after an earlier case's response (an email, its link) lands before we look.
      await settledDataVersion();
      const before = await dataVersion();
      const failures: string[] = [];
      for (const [label, headers] of VARIANTS) {
        const answer = await httpRequest(server, c.path(), {
          method: "POST",
          cookie,
          form: c.form(),
          headers: headers(server.url),
        });
        const expected = (!headers(server.url).Origin && TAKEN_WITHOUT_ORIGIN[route]) || 403;
        if (answer.status !== expected) failures.push(`${label}: ${answer.status}, expected ${expected}`);
        if (answer.headers["set-cookie"]) failures.push(`${label}: set a cookie`);
      }
      expect(failures).toEqual([]);
      expect(await dataVersion(), "nothing was written").toBe(before);

      const own = await httpRequest(server, c.path(), { method: "POST", cookie, form: c.form() });
      if (c.own) expect(own.status).toBe(c.own);
      else {
        expect(own.status, own.body.slice(0, 300)).toBe(302);
        // Feedback after every action (issue 14): the redirect carries a flash saying what was done.
        const flash = [own.headers["set-cookie"] ?? []].flat().some((cookie) => cookie.startsWith("rt_flash="));
        expect(flash, c.noFlash ? "" : `${route}: a flash after the redirect`).toBe(!c.noFlash);
      }
    });
  });

  it("to the one-click unsubscribe, with no Origin and a valid token, is taken: the token is the proof", async () => {
    const link = new URL(await unsubscribeUrl(server.url, f.member.id));
    const answer = await httpRequest(server, link.pathname + link.search, {
      method: "POST",
      form: { "List-Unsubscribe": "One-Click" },
      headers: { Origin: null },
    });
    expect(answer.status).toBe(200);
  });

  it("left no error in the server's log", () => {
    expect(errorLines(server)).toEqual([]);
  });

  it("wrote only what the site's own forms asked for", async () => {
    const joined = await getDb().selectFrom("members").select("id").where("handle", "=", "cross_site_joiner").execute();
    expect(joined).toHaveLength(1);
  });
});
