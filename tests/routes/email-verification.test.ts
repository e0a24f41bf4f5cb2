// Verified email (issue 13, section 2), through the routes with real Requests: joining sends a link; until it
// is followed a member reads, follows and edits their profile but cannot publish (thread, reply, round
// answer), and sees why on every page; "send the link again"; changing the address; approval of new members.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createReply } from "~/models/replies.server";
import * as root from "~/root";
import * as join from "~/routes/join";
import * as modHome from "~/routes/mod._index";
import * as modApprovals from "~/routes/mod.approvals";
import * as modLog from "~/routes/mod.log";
import * as reply from "~/routes/posts.$id.reply";
import * as answer from "~/routes/rounds.$id.prompts.$threadId.answer";
import * as emailSettings from "~/routes/settings.email";
import * as profile from "~/routes/settings.profile";
import * as newThread from "~/routes/threads.new";
import * as followTopic from "~/routes/topics.$slug.follow";
import * as verify from "~/routes/verify-email.$token";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { emailsTo, lastLinkTo, readOutbox } from "../setup/outbox";
import { cookieFrom, formRequest, getRequest, ORIGIN, run, sessionCookieFor } from "../setup/requests";

let host: TestMember;
let moderator: TestMember;
let thread: { id: number; slug: string };
let replyTarget: number;
let round: { id: number; promptIds: number[] };
let joined = 0;

beforeAll(async () => {
  host = await createMember();
  moderator = await createMember({ role: "moderator" });
  thread = await createTestThread({ authorId: host.id, title: "Where do you find volunteers?" });
  replyTarget = await createTestReply({ threadId: thread.id, authorId: host.id, body: "At the library." });
  round = await createTestRound({ createdBy: moderator.id });
});

afterEach(() => {
  delete process.env.MEMBER_APPROVAL;
});

/** Joins through the form, as a person would; returns the new member's session cookie and address. */
async function joinAs(handle: string) {
  joined++;
  const email = `${handle}@example.org`;
  const response = await run(
    join.action,
    formRequest("/join", {
      handle,
      displayName: `Joiner ${joined}`,
      email,
      password: "tenant meetings on tuesdays",
      rulesAccepted: "on",
    }),
  );
  expect(response.status).toBe(302);
  const member = await getDb()
    .selectFrom("members")
    .select("id")
    .where("handle", "=", handle)
    .executeTakeFirstOrThrow();
  return { id: member.id, handle, email, cookie: cookieFrom(response) };
}

/** Tries to publish each way: a thread, a reply, a round answer; returns their statuses and messages. */
async function tryToPublish(cookie: string, n: number) {
  const threadAnswer = await run(
    newThread.action,
    formRequest(
      "/threads/new",
      { intent: "publish", title: `My first discussion ${n}`, bodySource: "Hello, everyone.", tagSlugs: "organizing" },
      cookie,
    ),
  );
  const replyAnswer = await run(
    reply.action,
    formRequest(`/posts/${replyTarget}/reply`, { intent: "publish", bodySource: `A reply, take ${n}.` }, cookie),
    { id: String(replyTarget) },
  );
  const promptId = round.promptIds[n % round.promptIds.length]!;
  const roundAnswer = await run(
    answer.action,
    formRequest(
      `/rounds/${round.id}/prompts/${promptId}/answer`,
      { bodySource: `An answer, take ${n}.`, consent: "named" },
      cookie,
    ),
    { id: String(round.id), threadId: String(promptId) },
  );
  const message = async (response: Response) =>
    response.status === 302 ? null : Object.values(((await response.json()) as { fieldErrors: object }).fieldErrors)[0];
  return {
    statuses: [threadAnswer.status, replyAnswer.status, roundAnswer.status],
    messages: [await message(threadAnswer), await message(replyAnswer), await message(roundAnswer)],
  };
}

async function postsBy(memberId: number) {
  return getDb().selectFrom("posts").select("id").where("author_id", "=", memberId).execute();
}

async function standing(cookie: string) {
  const data = (await (await run(root.loader, getRequest("/", cookie))).json()) as {
    standing: { emailVerified: boolean; approval: string; email: string } | null;
  };
  return data.standing;
}

async function confirm(link: string) {
  const token = new URL(link).pathname.split("/")[2]!;
  return run(verify.action, formRequest(new URL(link).pathname, {}), { token });
}

describe("verifying the address", () => {
  it("joining sends a 24-hour link; until it is followed the member cannot publish, and then can", async () => {
    const member = await joinAs("vera_verify");
    const [mail] = emailsTo(member.email);
    expect(mail!.subject).toBe("Confirm your email address for Roundtable");
    expect(mail!.text).toContain("@vera_verify");
    expect(mail!.text).toContain(`Sent by Roundtable at ${ORIGIN}`);
    const link = lastLinkTo(member.email, "/verify-email/");
    expect(link.startsWith(`${ORIGIN}/verify-email/`)).toBe(true);
    const token = await getDb()
      .selectFrom("email_tokens")
      .select(["purpose", "created_at", "expires_at"])
      .where("member_id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(token.purpose).toBe("verify");
    expect(token.expires_at - token.created_at).toBe(24 * 60 * 60 * 1000);
    expect(await standing(member.cookie)).toMatchObject({ emailVerified: false, email: member.email });

    const refused = await tryToPublish(member.cookie, 1);
    expect(refused.statuses).toEqual([403, 403, 403]);
    for (const message of refused.messages)
      expect(message).toBe(
        `Confirm your email address to publish. We sent a link to ${member.email}; your text is kept here.`,
      );
    expect(await postsBy(member.id)).toEqual([]);

    // Opening the link shows the address and changes nothing; the button confirms it.
    const page = await run(verify.loader, getRequest(new URL(link).pathname), {
      token: new URL(link).pathname.split("/")[2]!,
    });
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ problem: null, target: { email: member.email, change: false }, next: null });
    expect((await standing(member.cookie))?.emailVerified).toBe(false);
    const confirmed = await confirm(link);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ done: { email: member.email, waiting: false } });
    expect((await standing(member.cookie))?.emailVerified).toBe(true);

    expect((await tryToPublish(member.cookie, 2)).statuses).toEqual([302, 302, 302]);
    expect(await postsBy(member.id)).toHaveLength(3);
    // The link worked once.
    expect((await confirm(link)).status).toBe(410);
  });

  it("lets an unverified member read, follow a topic and edit their profile", async () => {
    const member = await joinAs("ulla_unverified");
    const followed = await run(
      followTopic.action,
      formRequest("/topics/health/follow", { intent: "follow" }, member.cookie),
      { slug: "health" },
    );
    expect(followed.status).toBeLessThan(400);
    const edited = await run(
      profile.action,
      formRequest(
        "/settings/profile",
        { displayName: "Ulla Unverified", organization: "Eastside Clinic" },
        member.cookie,
      ),
    );
    expect(edited.status).toBe(302);
    const row = await getDb()
      .selectFrom("members")
      .select(["display_name", "organization", "email_verified_at"])
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: "Ulla Unverified", organization: "Eastside Clinic", email_verified_at: null });
    const follows = await getDb()
      .selectFrom("topic_follows")
      .select("tag_id")
      .where("member_id", "=", member.id)
      .execute();
    expect(follows).toHaveLength(1);
  });

  it("refuses an unverified author in the model too, whoever calls it, and writes nothing", async () => {
    const member = await createMember({ verified: false });
    const result = await createReply({ threadId: thread.id, parentId: null, authorId: member.id, bodySource: "Hi." });
    expect(result).toMatchObject({ ok: false, reason: "unverified" });
    expect(await postsBy(member.id)).toEqual([]);
  });

  it("sends the link again on request, a few times an hour", async () => {
    const member = await joinAs("rhea_resend");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await run(emailSettings.action, formRequest("/settings/email", { intent: "resend" }, member.cookie))).status,
      );
    expect(statuses).toEqual([302, 302, 302, 429]);
    expect(emailsTo(member.email)).toHaveLength(4); // the one from joining, and three more
    // Any of them works; following one retires the others.
    const links = emailsTo(member.email).map((mail) => lastLinkFrom(mail.text));
    expect(new Set(links).size).toBe(4);
    expect((await confirm(links[1]!)).status).toBe(200);
    expect((await confirm(links[3]!)).status).toBe(410);
    const after = await run(emailSettings.action, formRequest("/settings/email", { intent: "resend" }, member.cookie));
    expect(after.headers.get("Location")).toBe("/settings/email");
  });

  it("refuses a verification link after 24 hours, and an altered one", async () => {
    const member = await joinAs("eli_expired");
    const link = lastLinkTo(member.email, "/verify-email/");
    const day = 24 * 60 * 60 * 1000;
    await getDb()
      .updateTable("email_tokens")
      .set((eb) => ({ created_at: eb("created_at", "-", day), expires_at: eb("expires_at", "-", day) }))
      .where("member_id", "=", member.id)
      .execute();
    const expired = await confirm(link);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ problem: "expired" });
    expect((await confirm(`${link.slice(0, -2)}xx`)).status).toBe(404);
    expect((await standing(member.cookie))?.emailVerified).toBe(false);
  });
});

function lastLinkFrom(text: string): string {
  const match = /https?:\/\/\S+\/verify-email\/\S+/.exec(text);
  if (!match) throw new Error(`No link in:\n${text}`);
  return match[0];
}

describe("changing the address", () => {
  const change = (cookie: string, form: Record<string, string>) =>
    run(emailSettings.action, formRequest("/settings/email", { intent: "change-email", ...form }, cookie));

  it("needs the current password, tells the old address, and changes only when the new address confirms", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const newEmail = "new.home@example.org";

    const wrong = await change(cookie, { newEmail, currentPassword: "not my password" });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { fieldErrors: Record<string, string> }).fieldErrors.currentPassword).toBe(
      "That is not your current password.",
    );
    expect(emailsTo(newEmail)).toHaveLength(0);

    const asked = await change(cookie, { newEmail: "New.Home@Example.org", currentPassword: FACTORY_PASSWORD });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe("/settings/email");
    const [notice] = emailsTo(member.email);
    expect(notice!.subject).toBe("Your Roundtable email address is being changed");
    expect(notice!.text).toContain(newEmail);
    expect(notice!.text).toContain(`${ORIGIN}/forgot-password`);
    const link = lastLinkTo(newEmail, "/verify-email/");
    expect(emailsTo(newEmail)[0]!.subject).toBe("Confirm your new email address for Roundtable");

    // Not changed yet: the old address is still the one, and the settings show the change waiting.
    const pending = (await (await run(emailSettings.loader, getRequest("/settings/email", cookie))).json()) as {
      settings: { email: string; verified: boolean; pending: { email: string } | null };
    };
    expect(pending.settings).toMatchObject({ email: member.email, verified: true, pending: { email: newEmail } });

    expect((await confirm(link)).status).toBe(200);
    const row = await getDb()
      .selectFrom("members")
      .select(["email", "email_verified_at"])
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe(newEmail);
    expect(row.email_verified_at).toBeGreaterThan(Date.now() - 60_000);
    const after = (await (await run(emailSettings.loader, getRequest("/settings/email", cookie))).json()) as {
      settings: { pending: unknown };
    };
    expect(after.settings.pending).toBeNull();
  });

  it("refuses an address another account uses, and the member's own", async () => {
    const member = await createMember();
    const other = await createMember();
    const cookie = await sessionCookieFor(member.id);
    for (const [newEmail, message] of [
      [other.email, "Another account uses that email address."],
      [member.email, "That is already your address."],
      ["not an address", "Enter a valid email address, like name@example.org."],
    ] as const) {
      const response = await change(cookie, { newEmail, currentPassword: FACTORY_PASSWORD });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors.newEmail).toBe(message);
    }
  });

  it("keeps one change waiting at a time, can cancel it, and refuses a link whose address was taken meanwhile", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await change(cookie, { newEmail: "first.choice@example.org", currentPassword: FACTORY_PASSWORD });
    const first = lastLinkTo("first.choice@example.org", "/verify-email/");
    await change(cookie, { newEmail: "second.choice@example.org", currentPassword: FACTORY_PASSWORD });
    expect((await confirm(first)).status).toBe(410);
    const second = lastLinkTo("second.choice@example.org", "/verify-email/");
    await createMember({ email: "second.choice@example.org" });
    const taken = await confirm(second);
    expect(taken.status).toBe(409);
    await change(cookie, { newEmail: "third.choice@example.org", currentPassword: FACTORY_PASSWORD });
    const third = lastLinkTo("third.choice@example.org", "/verify-email/");
    const cancelled = await run(
      emailSettings.action,
      formRequest("/settings/email", { intent: "cancel-change" }, cookie),
    );
    expect(cancelled.headers.get("Location")).toBe("/settings/email");
    expect((await confirm(third)).status).toBe(410);
    const row = await getDb()
      .selectFrom("members")
      .select("email")
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(row.email).toBe(member.email);
  });

  it("sends no notice to an old address that was never verified (it may be someone else's)", async () => {
    const member = await joinAs("typo_tomas");
    const before = readOutbox().length;
    await change(member.cookie, {
      newEmail: "tomas.right@example.org",
      currentPassword: "tenant meetings on tuesdays",
    });
    expect(readOutbox().length).toBe(before + 1);
    expect(emailsTo(member.email)).toHaveLength(1); // only the verification link from joining
    expect((await confirm(lastLinkTo("tomas.right@example.org", "/verify-email/"))).status).toBe(200);
    expect(await standing(member.cookie)).toMatchObject({ emailVerified: true, email: "tomas.right@example.org" });
    expect((await tryToPublish(member.cookie, 7)).statuses).toEqual([302, 302, 302]);
  });
});

describe("approval of new members (MEMBER_APPROVAL=1)", () => {
  it("a verified newcomer waits in the queue, cannot publish, and can once a moderator approves; all logged", async () => {
    process.env.MEMBER_APPROVAL = "1";
    const member = await joinAs("wanda_waiting");
    const modCookie = await sessionCookieFor(moderator.id);
    const queue = async () =>
      (
        (await (await run(modApprovals.loader, getRequest("/mod/approvals", modCookie))).json()) as {
          waiting: Array<{ handle: string; id: number }>;
        }
      ).waiting.map((m) => m.handle);
    // Not in the queue before the address is verified.
    expect(await queue()).not.toContain(member.handle);
    await confirm(lastLinkTo(member.email, "/verify-email/"));
    expect(await queue()).toContain(member.handle);
    // The moderation home leads to the queue.
    const home = (await (await run(modHome.loader, getRequest("/mod", modCookie))).json()) as object;
    expect(home).toMatchObject({ approvalOn: true, waitingMembers: 1 });
    expect(await standing(member.cookie)).toMatchObject({ emailVerified: true, approval: "waiting" });
    const waiting = await tryToPublish(member.cookie, 3);
    expect(waiting.statuses).toEqual([403, 403, 403]);
    expect(waiting.messages[0]).toMatch(/approves new members before they publish/);

    // A member cannot decide; a moderator can.
    const memberCookie = await sessionCookieFor(host.id);
    const refused = await run(
      modApprovals.action,
      formRequest("/mod/approvals", { intent: "approve", memberId: String(member.id) }, memberCookie),
    );
    expect(refused.status).toBe(403);
    const approved = await run(
      modApprovals.action,
      formRequest(
        "/mod/approvals",
        { intent: "approve", memberId: String(member.id), reason: "Known to us." },
        modCookie,
      ),
    );
    expect(approved.headers.get("Location")).toBe("/mod/approvals");
    expect(await queue()).not.toContain(member.handle);
    expect(emailsTo(member.email).map((m) => m.subject)).toContain("Your Roundtable account is approved");
    expect((await tryToPublish(member.cookie, 4)).statuses).toEqual([302, 302, 302]);
    const log = (await (await run(modLog.loader, getRequest("/mod/log?action=member.approve", modCookie))).json()) as {
      items: Array<{ action: string; reason: string; subject: { handle: string } | null }>;
    };
    expect(log.items[0]).toMatchObject({
      action: "member.approve",
      reason: "Known to us.",
      subject: { handle: member.handle },
    });
    // Deciding twice does nothing.
    const again = await run(
      modApprovals.action,
      formRequest("/mod/approvals", { intent: "decline", memberId: String(member.id) }, modCookie),
    );
    expect(again.status).toBe(400);
  });

  it("a declined member stays unable to publish; without the setting, new members need no approval", async () => {
    process.env.MEMBER_APPROVAL = "1";
    const member = await joinAs("dora_declined");
    await confirm(lastLinkTo(member.email, "/verify-email/"));
    const modCookie = await sessionCookieFor(moderator.id);
    const declined = await run(
      modApprovals.action,
      formRequest("/mod/approvals", { intent: "decline", memberId: String(member.id) }, modCookie),
    );
    expect(declined.status).toBe(302);
    const refused = await tryToPublish(member.cookie, 5);
    expect(refused.statuses).toEqual([403, 403, 403]);
    expect(refused.messages[0]).toMatch(/did not approve/);

    delete process.env.MEMBER_APPROVAL;
    const free = await joinAs("fran_free");
    await confirm(lastLinkTo(free.email, "/verify-email/"));
    expect((await tryToPublish(free.cookie, 6)).statuses).toEqual([302, 302, 302]);
  });
});
