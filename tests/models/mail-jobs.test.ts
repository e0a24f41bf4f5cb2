// Email when someone answers you (issue 13, section 3): reply alerts through the durable mail queue, with a
// controllable clock. The .eml files the outbox holds are read as a mail client would (tests/setup/eml.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { DAY_MS } from "~/lib/rounds";
import { defaultTransport, type MailTransport } from "~/lib/mailer.server";
import { runDigests } from "~/models/digest-run.server";
import { setDigestFrequency } from "~/models/digests.server";
import { BATCH_MAX, CLAIM_LEASE_MS, claimMailBatch, markHandedOver, MAX_ATTEMPTS } from "~/models/mail-jobs.server";
import { runMailQueue } from "~/models/mail-run.server";
import { listNotifications, markRead } from "~/models/notifications.server";
import { editPost, getPostForEdit } from "~/models/posts.server";
import { composeReplyAlert } from "~/models/reply-alert-mail.server";
import { getReplyAlerts, setReplyAlerts } from "~/models/reply-alerts.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { emlFiles, readEml, type ReadMail } from "../setup/eml";

const ORIGIN = "http://localhost:3000";
const MINUTE = 60_000;
const DELAY = 5 * MINUTE; // MAIL_ALERT_DELAY_MINUTES' default

let outbox: string;
beforeEach(async () => {
  outbox = mkdtempSync(join(tmpdir(), "rt-alerts-outbox-"));
  process.env.OUTBOX_DIR = outbox;
  delete process.env.SMTP_URL;
  delete process.env.MAIL_ALERT_DELAY_MINUTES;
  // Each test starts with an empty queue: what an earlier test left is not its mail.
  await getDb().deleteFrom("mail_jobs").execute();
});

/** The emails in this test's outbox addressed to a member. */
function mailsTo(member: TestMember): ReadMail[] {
  return emlFiles(outbox)
    .map((file) => readEml(outbox, file))
    .filter((mail) => mail.header("to")?.includes(member.email));
}

async function openingOf(threadId: number): Promise<number> {
  const rowId = await openingPostId(threadId);
  return rowId;
}

async function jobsOf(memberId: number) {
  return getDb()
    .selectFrom("mail_jobs")
    .select(["id", "state", "attempts", "not_before", "next_attempt_at", "last_error", "message_id"])
    .where("member_id", "=", memberId)
    .orderBy("id")
    .execute();
}

/** A conversation: Bea opens a thread, Ana replies, and `replier` answers Ana's reply at `at`. */
async function conversation(at: number) {
  const ana = await createMember({ displayName: "Ana Alvarez" });
  const bea = await createMember({ displayName: "Bea Bell" });
  // Bea's own alerts (about Ana's reply) are not what these tests are about.
  await setReplyAlerts(bea.id, "never");
  const thread = await createTestThread({
    authorId: bea.id,
    title: "Where do volunteers come from?",
    now: at - 10 * MINUTE,
  });
  const anaPost = await createTestReply({
    threadId: thread.id,
    authorId: ana.id,
    body: "From the library.",
    now: at - 9 * MINUTE,
  });
  return { ana, bea, thread, anaPost, opening: await openingOf(thread.id) };
}

describe("reply alerts", () => {
  it("queue a reply to a member and, after the delay, send one threaded email with a link, in text and HTML", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost, opening } = await conversation(T);
    const reply = await createTestReply({
      threadId: thread.id,
      parentId: anaPost,
      authorId: bea.id,
      body: "Which branch?\nThe one on Main Street?",
      now: T,
    });
    const [job] = await jobsOf(ana.id);
    expect(job).toMatchObject({ state: "queued", not_before: T + DELAY });

    expect((await runMailQueue({ origin: ORIGIN, now: T + DELAY - 1 })).sent).toEqual([]);
    expect(mailsTo(ana)).toEqual([]);
    const report = await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    expect(report.sent).toHaveLength(1);
    const mails = mailsTo(ana);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.header("subject")).toBe("Re: Where do volunteers come from?");
    expect(mail.header("message-id")).toBe(`<post-${reply}@localhost>`);
    expect(mail.header("in-reply-to")).toBe(`<post-${anaPost}@localhost>`);
    expect(mail.header("references")?.split(/\s+/)).toEqual([
      `<post-${opening}@localhost>`,
      `<post-${anaPost}@localhost>`,
    ]);
    expect(mail.header("list-unsubscribe")).toMatch(
      new RegExp(`^<http://localhost:3000/unsubscribe\\?list=alerts&m=${ana.id}&t=[\\w-]+>$`),
    );
    expect(mail.header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.parts.map((p) => p.contentType.split(";")[0])).toEqual(["text/plain", "text/html"]);
    expect(mail.text).toContain("Bea Bell replied to you:");
    expect(mail.text).toContain("> Which branch?\n> The one on Main Street?");
    expect(mail.text).toContain(`http://localhost:3000/posts/${reply}`);
    expect(mail.html).toContain(`href="http://localhost:3000/posts/${reply}"`);
    expect(mail.html).toContain("Unsubscribe with one click");
    expect((await jobsOf(ana.id))[0]).toMatchObject({ state: "sent", message_id: `<post-${reply}@localhost>` });

    // Sent once: later passes send nothing more.
    expect((await runMailQueue({ origin: ORIGIN, now: T + DAY_MS })).sent).toEqual([]);
    expect(mailsTo(ana)).toHaveLength(1);
  });

  it("send nothing about what the member already read on the site", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const [line] = await listNotifications(ana.id);
    expect(await markRead(ana.id, line!.ids)).toBe(1);
    const report = await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    expect(report).toMatchObject({ sent: [], skipped: 1 });
    expect(mailsTo(ana)).toEqual([]);
    expect((await jobsOf(ana.id)).map((j) => j.state)).toEqual(["skipped"]);
  });

  it("queue nothing for a member who chose never, and send nothing queued before they chose it", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    await setReplyAlerts(ana.id, "never");
    await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    expect(await jobsOf(ana.id)).toEqual([]);

    await setReplyAlerts(ana.id, "immediate");
    await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T + MINUTE });
    expect(await jobsOf(ana.id)).toHaveLength(1);
    await setReplyAlerts(ana.id, "never");
    await runMailQueue({ origin: ORIGIN, now: T + MINUTE + DELAY });
    expect(mailsTo(ana)).toEqual([]);
    expect((await jobsOf(ana.id)).map((j) => j.state)).toEqual(["skipped"]);
  });

  it("send nothing to a member whose address is not confirmed, even when they are mentioned", async () => {
    const T = Date.now();
    const { bea, thread, anaPost } = await conversation(T);
    const newcomer = await createMember({ displayName: "Nia Newcomer", verified: false });
    await createTestReply({
      threadId: thread.id,
      parentId: anaPost,
      authorId: bea.id,
      body: `Welcome @${newcomer.handle}`,
      now: T,
    });
    expect((await listNotifications(newcomer.id)).length).toBe(1);
    await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    expect(mailsTo(newcomer)).toEqual([]);
  });

  it("send replies that come in during the wait as one email, threaded on the newest", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost, opening } = await conversation(T);
    const cy = await createMember({ displayName: "Cy Chen" });
    const first = await createTestReply({
      threadId: thread.id,
      parentId: anaPost,
      authorId: bea.id,
      body: "First answer.",
      now: T,
    });
    const second = await createTestReply({
      threadId: thread.id,
      authorId: cy.id,
      body: "Second, from @" + ana.handle + ".",
      now: T + 3 * MINUTE,
    });
    expect(await jobsOf(ana.id)).toHaveLength(2);
    // Due when the first one's wait is over; the second rides along.
    expect((await runMailQueue({ origin: ORIGIN, now: T + DELAY })).sent).toHaveLength(1);
    const mails = mailsTo(ana);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.text).toContain("Bea Bell replied to you:");
    expect(mail.text).toContain("Cy Chen mentioned you:");
    expect(mail.text).toContain(`/posts/${first}`);
    expect(mail.text).toContain(`/posts/${second}`);
    expect(mail.header("message-id")).toBe(`<post-${second}@localhost>`);
    // The second is a reply to the opening post.
    expect(mail.header("in-reply-to")).toBe(`<post-${opening}@localhost>`);
    expect(mail.header("references")).toBe(`<post-${opening}@localhost>`);
    expect((await jobsOf(ana.id)).map((j) => j.state)).toEqual(["sent", "sent"]);
  });

  it("queue the same post for a member once, however it reaches them", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    const reply = await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    // An edit that adds a mention of Ana is a second notification of the same post: not a second email.
    await editPost({ post: (await getPostForEdit(reply))!, editorId: bea.id, bodySource: `Thanks @${ana.handle}` });
    expect((await listNotifications(ana.id)).map((l) => l.kind).sort()).toEqual(["mention", "reply"]);
    expect(await jobsOf(ana.id)).toHaveLength(1);
  });

  it("send a mention in a new thread's opening post without In-Reply-To", async () => {
    const T = Date.now();
    const ana = await createMember({ displayName: "Ana Opening" });
    const bea = await createMember({ displayName: "Bea Opening" });
    const thread = await createTestThread({
      authorId: bea.id,
      title: "Mapping food pantries",
      body: `What do you think, @${ana.handle}?`,
      now: T,
    });
    await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    const [mail] = mailsTo(ana);
    expect(mail?.header("subject")).toBe("Mapping food pantries");
    expect(mail?.header("message-id")).toBe(`<post-${await openingOf(thread.id)}@localhost>`);
    expect(mail?.header("in-reply-to")).toBeUndefined();
    expect(mail?.header("references")).toBeUndefined();
    expect(mail?.text).toContain("Bea Opening mentioned you:");
  });

  it("check at send time: nothing about a post deleted or hidden, or in a hidden thread, after it was queued", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    const deleted = await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const hidden = await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const db = getDb();
    await db.updateTable("posts").set({ deleted_at: T }).where("id", "=", deleted).execute();
    await db.updateTable("posts").set({ hidden_at: T }).where("id", "=", hidden).execute();
    await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    expect(mailsTo(ana)).toEqual([]);

    const other = await conversation(T);
    await createTestReply({ threadId: other.thread.id, parentId: other.anaPost, authorId: other.bea.id, now: T });
    await db.updateTable("threads").set({ hidden_at: T }).where("id", "=", other.thread.id).execute();
    await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    expect(mailsTo(other.ana)).toEqual([]);
    expect((await jobsOf(other.ana.id)).map((j) => j.state)).toEqual(["skipped"]);
  });

  it("name a pseudonymous author by the pseudonym only, and send nothing a round withholds from the member", async () => {
    const T = Date.now();
    const mod = await createMember({ role: "moderator" });
    const pia = await createMember({ handle: "pia_realname", displayName: "Pia Realname" });
    const bob = await createMember({ displayName: "Bob Reader" });
    const round = await createTestRound({ createdBy: mod.id, now: T - DAY_MS });
    const answer = await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: pia.id,
      body: "An answer under a pseudonym.",
      pseudonym: "Valley Organizer",
      now: T - 20 * MINUTE,
    });
    const bobReply = await createTestReply({
      threadId: round.promptIds[0]!,
      parentId: answer,
      authorId: bob.id,
      body: "Thank you for this.",
      now: T - 10 * MINUTE,
    });
    // Pia answers Bob beneath her answer: under her pseudonym.
    await createTestReply({
      threadId: round.promptIds[0]!,
      parentId: bobReply,
      authorId: pia.id,
      body: "Glad it helped.",
      now: T,
    });
    await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    const [mail] = mailsTo(bob);
    expect(mail?.text).toContain("Valley Organizer replied to you:");
    for (const part of [mail!.text, mail!.html, [...mail!.headers.values()].join("\n")]) {
      expect(part).not.toContain("Pia Realname");
      expect(part).not.toContain("pia_realname");
    }

    // "Answer before you see others": Cy, mentioned in an answer to a prompt she has not answered, is not sent it.
    const cy = await createMember({ displayName: "Cy Gated" });
    const gated = await createTestRound({ createdBy: mod.id, answerFirst: true, now: T - DAY_MS });
    await createTestAnswer({
      roundId: gated.id,
      threadId: gated.promptIds[0]!,
      memberId: bob.id,
      body: `As @${cy.handle} says, it takes time.`,
      now: T,
    });
    expect(await jobsOf(cy.id)).toHaveLength(1);
    await runMailQueue({ origin: ORIGIN, now: T + DELAY });
    expect(mailsTo(cy)).toEqual([]);
    expect((await jobsOf(cy.id)).map((j) => j.state)).toEqual(["skipped"]);
  });

  it("go in the digest instead for a member who chose it", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T - 2 * 3_600_000);
    await setReplyAlerts(ana.id, "digest");
    await setDigestFrequency(ana.id, "daily");
    const reply = await createTestReply({
      threadId: thread.id,
      parentId: anaPost,
      authorId: bea.id,
      now: T - 3_600_000,
    });
    expect(await jobsOf(ana.id)).toEqual([]);
    const report = await runDigests("daily", { origin: ORIGIN, now: T });
    expect(report.sent.map((s) => s.memberId)).toContain(ana.id);
    const [digest] = mailsTo(ana);
    expect(digest?.text).toContain("REPLIES TO YOU AND MENTIONS OF YOU");
    expect(digest?.text).toContain("Bea Bell replied to you");
    expect(digest?.text).toContain(`http://localhost:3000/posts/${reply}`);
    expect(await getReplyAlerts(ana.id)).toBe("digest");
  });
});

describe("the mail queue", () => {
  it("sends a job claimed by a sender that crashed before sending once, after the lease, and never twice", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const claimed = await claimMailBatch(T + DELAY);
    expect(claimed?.jobs).toHaveLength(1);
    // The process is killed here: the job stays "sending", nothing went out.
    expect((await jobsOf(ana.id))[0]).toMatchObject({ state: "sending", attempts: 1 });

    // Restarted at once: the claim may still be a live sender's, so no one touches it.
    const early = await runMailQueue({ origin: ORIGIN, now: T + DELAY + MINUTE });
    expect(early.sent).toEqual([]);
    expect(mailsTo(ana)).toEqual([]);
    // After the lease it is known never to have been handed over: queued again and sent, once.
    const late = await runMailQueue({ origin: ORIGIN, now: T + DELAY + CLAIM_LEASE_MS + 1 });
    expect(late.recovered.requeued).toBe(1);
    expect(late.sent).toHaveLength(1);
    for (const at of [T + DAY_MS, T + 2 * DAY_MS]) await runMailQueue({ origin: ORIGIN, now: at });
    expect(mailsTo(ana)).toHaveLength(1);
    expect((await jobsOf(ana.id))[0]).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("after a crash between handing over and marking sent: finds the outbox copy, or with SMTP leaves it uncertain", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const now = T + DELAY;
    const batch = (await claimMailBatch(now))!;
    const composed = await composeReplyAlert(batch, { now, origin: ORIGIN });
    expect(await markHandedOver(batch, composed.sendIds, composed.skipIds, composed.mail!.messageId, now)).toBe(true);
    await defaultTransport().send(composed.mail!);
    // Killed before marking it sent.
    const send = vi.fn<MailTransport["send"]>(async (mail) => defaultTransport().send(mail));
    const outboxTransport: MailTransport = { send, wasDelivered: (key) => defaultTransport().wasDelivered(key) };
    const report = await runMailQueue({ origin: ORIGIN, now: now + CLAIM_LEASE_MS + 1, transport: outboxTransport });
    expect(report.recovered).toEqual({ requeued: 0, foundSent: 1, uncertain: 0 });
    expect(send).not.toHaveBeenCalled();
    expect(mailsTo(ana)).toHaveLength(1);
    expect((await jobsOf(ana.id))[0]?.state).toBe("sent");

    // Through SMTP nothing can tell whether the server took it: it is never sent again.
    const other = await conversation(T);
    await createTestReply({ threadId: other.thread.id, parentId: other.anaPost, authorId: other.bea.id, now: T });
    const smtpSend = vi.fn<MailTransport["send"]>(async () => "smtp:<sent>");
    const smtp: MailTransport = { send: smtpSend, wasDelivered: () => null };
    const stuck = (await claimMailBatch(now))!;
    const mail = (await composeReplyAlert(stuck, { now, origin: ORIGIN })).mail!;
    await markHandedOver(stuck, [stuck.jobs[0]!.id], [], mail.messageId, now);
    const after = await runMailQueue({ origin: ORIGIN, now: now + CLAIM_LEASE_MS + 1, transport: smtp });
    expect(after.recovered).toEqual({ requeued: 0, foundSent: 0, uncertain: 1 });
    await runMailQueue({ origin: ORIGIN, now: now + DAY_MS, transport: smtp });
    expect(smtpSend).not.toHaveBeenCalled();
    expect((await jobsOf(other.ana.id))[0]?.state).toBe("uncertain");
  });

  it("retries a refused email with exponential backoff, then gives up after MAX_ATTEMPTS", async () => {
    const T = Date.now();
    const { ana, bea, thread, anaPost } = await conversation(T);
    await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const refuse = vi.fn<MailTransport["send"]>(async () => {
      throw new Error("421 4.7.0 Try again later");
    });
    const failing: MailTransport = { send: refuse, wasDelivered: () => false };
    let now = T + DELAY;
    const first = await runMailQueue({ origin: ORIGIN, now, transport: failing });
    expect(first.failed).toEqual([{ memberId: ana.id, jobIds: expect.any(Array), error: "421 4.7.0 Try again later" }]);
    expect((await jobsOf(ana.id))[0]).toMatchObject({
      state: "queued",
      attempts: 1,
      next_attempt_at: now + MINUTE,
      last_error: "421 4.7.0 Try again later",
    });
    // Not before its backoff is over.
    await runMailQueue({ origin: ORIGIN, now: now + MINUTE - 1, transport: failing });
    expect(refuse).toHaveBeenCalledTimes(1);
    now += MINUTE;
    await runMailQueue({ origin: ORIGIN, now, transport: failing });
    expect(refuse).toHaveBeenCalledTimes(2);
    expect((await jobsOf(ana.id))[0]).toMatchObject({ attempts: 2, next_attempt_at: now + 2 * MINUTE });
    // The server takes it at the third try: sent once.
    now += 2 * MINUTE;
    expect((await runMailQueue({ origin: ORIGIN, now })).sent).toHaveLength(1);
    expect(mailsTo(ana)).toHaveLength(1);

    // A transport that never takes it: failed after MAX_ATTEMPTS, and left alone.
    const other = await conversation(T);
    await createTestReply({ threadId: other.thread.id, parentId: other.anaPost, authorId: other.bea.id, now: T });
    refuse.mockClear();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++)
      await runMailQueue({ origin: ORIGIN, now: T + DELAY + i * DAY_MS, transport: failing });
    expect(refuse).toHaveBeenCalledTimes(MAX_ATTEMPTS);
    expect((await jobsOf(other.ana.id))[0]).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS });
  });

  it("claims each email once when senders run at the same time", async () => {
    const T = Date.now();
    const members = await Promise.all([1, 2, 3].map(() => conversation(T)));
    for (const { bea, thread, anaPost } of members)
      await createTestReply({ threadId: thread.id, parentId: anaPost, authorId: bea.id, now: T });
    const passes = await Promise.all([1, 2, 3].map(() => runMailQueue({ origin: ORIGIN, now: T + DELAY })));
    expect(passes.flatMap((p) => p.sent)).toHaveLength(3);
    for (const { ana } of members) expect(mailsTo(ana)).toHaveLength(1);
    expect(BATCH_MAX).toBeGreaterThan(1);
  });
});
