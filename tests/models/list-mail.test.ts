// Mailing-list mode (issue 20, docs/decisions/0042): a member following a topic by email gets one email per
// new thread and reply, in order, threaded, with List-* headers and a reply address; never a hidden or deleted
// post, never their own, never a post twice (an alert about it counts). Outgoing .eml read with mailparser.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { readReplyAddress } from "~/lib/reply-address.server";
import { receiveInboundMail } from "~/models/inbound-mail.server";
import { setTopicByEmail } from "~/models/list-mail.server";
import { runMailQueue } from "~/models/mail-run.server";
import { moderatePost } from "~/models/post-moderation.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { mailFixture } from "../setup/inbound-mail";

const ORIGIN = "http://localhost:3000";
const outbox = mkdtempSync(join(tmpdir(), "rt-list-"));
beforeAll(() => {
  process.env.OUTBOX_DIR = outbox;
  process.env.REPLY_DOMAIN = "reply.roundtable.test";
  process.env.MAIL_ALERT_DELAY_MINUTES = "0";
  delete process.env.SMTP_URL;
});

/** Sends what is due and returns each email sent to the member, in the order it was sent. */
async function sendAndRead(member: TestMember): Promise<ParsedMail[]> {
  const report = await runMailQueue({ origin: ORIGIN });
  const files = report.sent.filter((s) => s.memberId === member.id).map((s) => s.where);
  return Promise.all(files.map((file) => simpleParser(readFileSync(file))));
}

/** A header's value as written (mailparser also reads List-* headers into a structured `list`). */
function header(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((l) => l.key === name)?.line;
  return line?.slice(line.indexOf(":") + 1).trim();
}

async function topicId(slug: string): Promise<number> {
  const row = await getDb().selectFrom("tags").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return row.id;
}

describe("following a topic by email", () => {
  it("sends one email per new thread and reply, in order, threaded like a list", async () => {
    const ana = await createMember({ displayName: "Ana List" });
    const bea = await createMember({ displayName: "Bea List" });
    const carla = await createMember({ displayName: "Carla List" });
    await createTestThread({ authorId: bea.id }); // seeds the topics
    await setTopicByEmail(ana.id, await topicId("funding"), true);
    await sendAndRead(ana);

    const thread = await createTestThread({ authorId: bea.id, title: "Rent relief clinics", tagSlugs: ["funding"] });
    const opening = await openingPostId(thread.id);
    const first = await createTestReply({ threadId: thread.id, authorId: carla.id, body: "We run one monthly." });
    const second = await createTestReply({
      threadId: thread.id,
      parentId: first,
      authorId: bea.id,
      body: "Which **weekday**?",
    });
    await createTestThread({ authorId: bea.id, title: "Elsewhere", tagSlugs: ["health"] });
    const mails = await sendAndRead(ana);

    expect(mails.map((m) => m.messageId)).toEqual([opening, first, second].map((id) => `<post-${id}@localhost>`));
    expect(mails.map((m) => m.subject)).toEqual([
      "Rent relief clinics",
      "Re: Rent relief clinics",
      "Re: Rent relief clinics",
    ]);
    expect(mails[0]!.inReplyTo).toBeUndefined();
    expect(mails[1]!.inReplyTo).toBe(`<post-${opening}@localhost>`);
    expect(mails[2]!.inReplyTo).toBe(`<post-${first}@localhost>`);
    expect(mails[2]!.references).toEqual([`<post-${opening}@localhost>`, `<post-${first}@localhost>`]);
    for (const mail of mails) {
      expect(header(mail, "list-id")).toBe('"Funding" <funding.localhost>');
      expect(header(mail, "list-post")).toBe("<mailto:topic+funding@reply.roundtable.test>");
      expect(header(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(header(mail, "list-unsubscribe")).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/topic\?/);
      expect(header(mail, "list-archive")).toBe("<http://localhost:3000/topics/funding>");
    }
    expect(mails[2]!.text).toContain("Bea List replied in “Rent relief clinics” (Funding):");
    expect(mails[2]!.text).toContain("Which **weekday**?");
    const address = await readReplyAddress(mails[2]!.replyTo!.value[0]!.address!);
    expect(address).toEqual({ kind: "reply", memberId: ana.id, postId: second, expired: false });
  });

  it("never sends hidden, deleted or own posts, nor a post twice when an alert already carries it", async () => {
    const ana = await createMember();
    const bea = await createMember();
    const mod = await createMember({ role: "moderator" });
    await createTestThread({ authorId: bea.id });
    await setTopicByEmail(ana.id, await topicId("policy"), true);
    const thread = await createTestThread({ authorId: ana.id, title: "Ana's own thread", tagSlugs: ["policy"] });
    const hidden = await createTestReply({ threadId: thread.id, authorId: bea.id, body: "Spam spam." });
    await moderatePost(mod.id, hidden, { reason: "spam", note: "" });
    const own = await createTestReply({ threadId: thread.id, authorId: ana.id, body: "My own words." });
    // Bea answers Ana: a reply alert and a list email would both carry it; one email goes.
    const answer = await createTestReply({ threadId: thread.id, parentId: own, authorId: bea.id, body: "Agreed." });
    const mails = await sendAndRead(ana);
    expect(mails.map((m) => m.messageId)).toEqual([`<post-${answer}@localhost>`]);
  });

  it("a reply to a list email posts to the thread like any reply by email", async () => {
    const ana = await createMember();
    const bea = await createMember();
    await createTestThread({ authorId: bea.id });
    await setTopicByEmail(ana.id, await topicId("training"), true);
    const thread = await createTestThread({ authorId: bea.id, title: "Summer programs", tagSlugs: ["training"] });
    const [mail] = await sendAndRead(ana);
    const result = await receiveInboundMail(
      mailFixture("gmail-reply", { from: ana.email, to: mail!.replyTo!.value[0]!.address!, post: 0 }),
      { origin: ORIGIN },
    );
    expect(result.outcome).toBe("posted");
    const post = await getDb()
      .selectFrom("posts")
      .select(["thread_id", "parent_id"])
      .where("id", "=", (result as { postId: number }).postId)
      .executeTakeFirstOrThrow();
    expect(post).toEqual({ thread_id: thread.id, parent_id: await openingPostId(thread.id) });
  });

  it("starts a thread from an email to the topic's address, and its by-email followers get it", async () => {
    const ana = await createMember({ displayName: "Ana Topic" });
    const bea = await createMember();
    await createTestThread({ authorId: bea.id });
    await setTopicByEmail(bea.id, await topicId("funding"), true);
    const to = "topic+funding@reply.roundtable.test";
    const result = await receiveInboundMail(mailFixture("new-thread", { from: ana.email, to }), { origin: ORIGIN });
    expect(result.outcome).toBe("posted");
    const post = await getDb()
      .selectFrom("posts as p")
      .innerJoin("threads as t", "t.id", "p.thread_id")
      .innerJoin("thread_tags as tt", "tt.thread_id", "t.id")
      .innerJoin("tags as g", "g.id", "tt.tag_id")
      .select(["t.title", "p.body_source", "p.author_id", "p.depth", "g.slug"])
      .where("p.id", "=", (result as { postId: number }).postId)
      .executeTakeFirstOrThrow();
    expect(post).toEqual({
      title: "Grant reporting templates that funders accept",
      body_source: "Does anyone have a **one-page** report template that funders accepted?\n\nThanks,\nAna",
      author_id: ana.id,
      depth: 0,
      slug: "funding",
    });
    const opening = `<post-${(result as { postId: number }).postId}@localhost>`;
    const mails = (await sendAndRead(bea)).filter((m) => m.messageId === opening);
    expect(mails.map((m) => m.subject)).toEqual(["Grant reporting templates that funders accept"]);
  });

  it("refuses a new thread by email unless the receiving server vouched for the sender; ignores strangers", async () => {
    const ana = await createMember();
    const to = "topic+funding@reply.roundtable.test";
    const unchecked = await receiveInboundMail(mailFixture("unauthenticated-thread", { from: ana.email, to }), {
      origin: ORIGIN,
    });
    expect(unchecked).toEqual({ outcome: "refused", reason: "unauthenticated", answered: true });
    const stranger = await receiveInboundMail(mailFixture("new-thread", { from: "someone@elsewhere.example", to }), {
      origin: ORIGIN,
    });
    expect(stranger).toEqual({ outcome: "ignored", reason: "no-member" });
    const nowhere = await receiveInboundMail(
      mailFixture("new-thread", { from: ana.email, to: "topic+no-such-topic@reply.roundtable.test" }),
      { origin: ORIGIN },
    );
    expect(nowhere).toMatchObject({ outcome: "refused", reason: "no-topic" });
    const answers = await sendAndRead(ana);
    expect(answers.map((m) => m.subject)).toEqual([
      "Not posted: A thread from an unchecked server",
      "Not posted: Fwd: Grant reporting templates that funders accept",
    ]);
    expect(answers[0]!.text).toContain("http://localhost:3000/threads/new?topic=funding");
  });
});
