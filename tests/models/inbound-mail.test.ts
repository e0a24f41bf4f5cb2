// Reply by email (issue 20, docs/decisions/0040): each real-world message in tests/fixtures/mail becomes exactly
// one reply or one explained refusal (or, for robots, nothing), on both engines; answers are parsed with
// mailparser as a mail client would.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { replyAddressFor } from "~/lib/reply-address.server";
import { receiveInboundMail, ANSWERS_PER_HOUR } from "~/models/inbound-mail.server";
import { runMailQueue } from "~/models/mail-run.server";
import { setThreadLock } from "~/models/moderation.server";
import { setMemberLanguage } from "~/models/member-language.server";
import { suspendMember } from "~/models/members-moderation.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { smallPng } from "../fixtures/images";
import { mailFixture, readOutgoing } from "../setup/inbound-mail";

const ORIGIN = "http://localhost:3000";
const outbox = mkdtempSync(join(tmpdir(), "rt-inbound-"));
beforeAll(() => {
  process.env.OUTBOX_DIR = outbox;
  process.env.REPLY_DOMAIN = "reply.roundtable.test";
  delete process.env.SMTP_URL;
  delete process.env.INBOUND_AUTHSERV_ID;
});

const receive = (raw: Buffer) => receiveInboundMail(raw, { origin: ORIGIN });

async function setup() {
  const ana = await createMember({ displayName: "Ana Gomez" });
  const bea = await createMember({ displayName: "Bea Lee" });
  const thread = await createTestThread({ authorId: ana.id, title: "Bilingual intake forms" });
  const beaReply = await createTestReply({ threadId: thread.id, authorId: bea.id, body: "Has anyone translated?" });
  const to = (await replyAddressFor(ana.id, beaReply))!;
  return { ana, bea, thread, beaReply, to };
}

async function postBody(postId: number) {
  return getDb()
    .selectFrom("posts")
    .select(["body_source", "author_id", "parent_id", "thread_id"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
}

/** The answers sent to a member, read from the outbox with mailparser. */
async function answersTo(member: TestMember) {
  await runMailQueue({ origin: ORIGIN });
  const files = readdirSync(outbox).filter((f) => f.startsWith(`mail-member-${member.id}-inbound-answer`));
  return Promise.all(files.map((f) => readOutgoing(join(outbox, f))));
}

async function repliesIn(threadId: number) {
  return getDb().selectFrom("posts").select("id").where("thread_id", "=", threadId).where("depth", ">", 0).execute();
}

describe("reply by email", () => {
  it("posts a Gmail reply as Markdown, without the quoted alert, as a reply to the post emailed", async () => {
    const { ana, thread, beaReply, to } = await setup();
    const result = await receive(mailFixture("gmail-reply", { from: ana.email, to, post: beaReply }));
    expect(result.outcome).toBe("posted");
    const post = await postBody((result as { postId: number }).postId);
    expect(post).toMatchObject({ author_id: ana.id, parent_id: beaReply, thread_id: thread.id });
    expect(post.body_source).toBe(
      "Thanks, this helped a lot. What worked for us:\n\n- a **short** first page\n- the form read aloud at the front desk\n\n" +
        "We also tried *text reminders*, see https://example.org/reminders",
    );
    expect(await answersTo(ana)).toEqual([]);
  });

  it("takes Outlook, Apple Mail and signature styles apart from their history and signatures", async () => {
    const { ana, beaReply, to } = await setup();
    const expected: Record<string, string> = {
      "outlook-reply":
        "We print both languages on one sheet, side by side. Happy to share our template.\n\nAna Gomez\n" +
        "Program Coordinator | Eastside Health Promoters\n(555) 010-0199",
      "apple-mail-reply": "Yes! Our promotoras call it “la hoja amarilla”. We keep it short.",
      signature: "We use a volunteer reader on Tuesdays.",
    };
    for (const [fixture, body] of Object.entries(expected)) {
      const result = await receive(mailFixture(fixture, { from: ana.email, to, post: beaReply }));
      expect(result.outcome, fixture).toBe("posted");
      expect((await postBody((result as { postId: number }).postId)).body_source, fixture).toBe(body);
    }
  });

  it("turns an HTML-only message into text, keeping its list and link, leaving the cited message out", async () => {
    const { ana, to } = await setup();
    const result = await receive(mailFixture("html-only", { from: ana.email, to }));
    expect(result.outcome).toBe("posted");
    const { body_source } = await postBody((result as { postId: number }).postId);
    expect(body_source).toContain("Two things we learned:");
    expect(body_source).toMatch(/1\. Ask which language first/);
    expect(body_source).toContain("shared glossary (https://example.org/glossary)");
    expect(body_source).toContain("Good luck & keep going!");
    expect(body_source).not.toContain("Hello Ana");
    expect(body_source).not.toContain("Roundtable wrote");
  });

  it("posts a forwarded message's own note, not the forwarded private message", async () => {
    const { ana, beaReply, to } = await setup();
    const result = await receive(mailFixture("forwarded", { from: ana.email, to, post: beaReply }));
    expect(result.outcome).toBe("posted");
    const { body_source } = await postBody((result as { postId: number }).postId);
    expect(body_source).toBe(
      "Our clinic's director wrote this about it last year, the key point is the reading level.",
    );
  });

  it("processes a Message-ID once, however often it is delivered", async () => {
    const { ana, thread, beaReply, to } = await setup();
    const raw = mailFixture("gmail-reply", { from: ana.email, to, post: beaReply, messageId: "replayed-1" });
    const before = (await repliesIn(thread.id)).length;
    expect((await receive(raw)).outcome).toBe("posted");
    expect(await receive(raw)).toEqual({ outcome: "duplicate" });
    expect(await Promise.all([receive(raw), receive(raw)])).toEqual([
      { outcome: "duplicate" },
      { outcome: "duplicate" },
    ]);
    expect((await repliesIn(thread.id)).length).toBe(before + 1);
  });

  it("never posts or answers auto-replies, out-of-office notes and bounces", async () => {
    const { ana, thread, beaReply, to } = await setup();
    const before = (await repliesIn(thread.id)).length;
    expect(await receive(mailFixture("auto-reply", { from: ana.email, to }))).toEqual({
      outcome: "ignored",
      reason: "auto-submitted",
    });
    expect(await receive(mailFixture("out-of-office", { from: ana.email, to }))).toEqual({
      outcome: "ignored",
      reason: "auto-reply",
    });
    const bounce = await receive(mailFixture("bounce", { from: ana.email, to }));
    expect(bounce.outcome).toBe("ignored");
    expect((await repliesIn(thread.id)).length).toBe(before);
    expect(await answersTo(ana)).toEqual([]);
    void beaReply;
  });

  it("refuses a From that is not the token's member, and tells the member once", async () => {
    const { ana, thread, beaReply, to } = await setup();
    const carla = await createMember({ displayName: "Carla" });
    const raw = mailFixture("spoofed-from", { from: carla.email, to, post: beaReply });
    expect(await receive(raw)).toEqual({ outcome: "refused", reason: "sender-mismatch", answered: true });
    expect(await receive(raw)).toEqual({ outcome: "duplicate" });
    expect((await repliesIn(thread.id)).map((r) => r.id)).toEqual([beaReply]);
    const answers = await answersTo(ana);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.subject).toBe("Not posted: Re: Bilingual intake forms");
    expect(answers[0]!.text).toContain(`only that address can reply by email. Send it from ${ana.email}`);
    expect(answers[0]!.headers.get("auto-submitted")).toBe("auto-replied");
    expect(answers[0]!.inReplyTo).toMatch(/@example\.org>$/);
    expect(answers[0]!.replyTo).toBeUndefined();
    expect(await answersTo(carla)).toEqual([]);
  });

  it("refuses failed DMARC by the topmost Authentication-Results, whatever a lower one claims", async () => {
    const { ana, thread, beaReply, to } = await setup();
    expect(await receive(mailFixture("failed-dmarc", { from: ana.email, to }))).toMatchObject({
      outcome: "refused",
      reason: "auth-failed",
    });
    expect((await repliesIn(thread.id)).map((r) => r.id)).toEqual([beaReply]);
    const [answer] = await answersTo(ana);
    expect(answer!.text).toContain("(DMARC check failed)");
  });

  it("refuses forged and expired tokens: a forgery is no one's, an expired one is explained", async () => {
    const { ana, thread, beaReply, to } = await setup();
    const forged = to.replace(/[0-9a-f]{4}@/, "0000@");
    expect(await receive(mailFixture("signature", { from: ana.email, to: forged }))).toEqual({
      outcome: "ignored",
      reason: "no-address",
    });
    const old = (await replyAddressFor(ana.id, beaReply, Date.now() - 61 * 86_400_000))!;
    expect(await receive(mailFixture("signature", { from: ana.email, to: old }))).toMatchObject({
      outcome: "refused",
      reason: "expired",
    });
    expect((await repliesIn(thread.id)).map((r) => r.id)).toEqual([beaReply]);
    const answers = await answersTo(ana);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain(`${ORIGIN}/posts/${beaReply}`);
  });

  it("applies the site's reply rules: a locked thread, a suspended member", async () => {
    const { ana, bea, thread, beaReply, to } = await setup();
    const mod = await createMember({ role: "moderator" });
    await setThreadLock(mod.id, thread.id, { reason: "Cooling off" });
    expect(await receive(mailFixture("signature", { from: ana.email, to }))).toMatchObject({
      outcome: "refused",
      reason: "locked",
    });
    await setThreadLock(mod.id, thread.id, null);
    await suspendMember({ actorId: mod.id, memberId: ana.id, reason: "Cooling off", until: Date.now() + 86_400_000 });
    expect(await receive(mailFixture("signature", { from: ana.email, to }))).toMatchObject({
      outcome: "refused",
      reason: "suspended",
    });
    expect((await repliesIn(thread.id)).map((r) => r.id)).toEqual([beaReply]);
    void bea;
  });

  it("answers at most a few refusals an hour, so a loop with a robot can't run", async () => {
    const { ana, beaReply, to } = await setup();
    const carla = await createMember();
    const results = [];
    for (let i = 0; i < ANSWERS_PER_HOUR + 2; i++)
      results.push(await receive(mailFixture("spoofed-from", { from: carla.email, to, post: beaReply })));
    expect(results.map((r) => (r as { answered: boolean }).answered)).toEqual([
      ...Array(ANSWERS_PER_HOUR).fill(true),
      false,
      false,
    ]);
    expect(await answersTo(ana)).toHaveLength(ANSWERS_PER_HOUR);
  });

  it("bounces an answer to an open round's prompt with a link to the answer form", async () => {
    const ana = await createMember();
    const host = await createMember({ role: "moderator" });
    const round = await createTestRound({ createdBy: host.id, prompts: 1 });
    const prompt = await openingPostId(round.promptIds[0]!);
    const to = (await replyAddressFor(ana.id, prompt))!;
    expect(await receive(mailFixture("signature", { from: ana.email, to }))).toMatchObject({
      outcome: "refused",
      reason: "round-answer",
    });
    const [answer] = await answersTo(ana);
    expect(answer!.text).toContain(`${ORIGIN}/rounds/${round.id}/prompts/${round.promptIds[0]}/answer`);
  });

  it("adds a picture through the pictures rules and refuses a file type they don't take, with a note", async () => {
    const { ana, to } = await setup();
    const png = (await smallPng()).toString("base64");
    const posted = await receive(mailFixture("picture", { from: ana.email, to, pngBase64: png }));
    expect(posted.outcome).toBe("posted");
    const { body_source } = await postBody((posted as { postId: number }).postId);
    expect(body_source).toMatch(/^Here is our intake sheet\.\n\n!\[intake sheet\]\(\/uploads\/[0-9a-f]+\.\w+\)$/);
    const refused = await receive(mailFixture("unsupported-file", { from: ana.email, to }));
    expect(refused).toMatchObject({ outcome: "refused", reason: "attachment" });
    const [answer] = await answersTo(ana);
    expect(answer!.text).toContain("The file “intake.xls” could not be added:");
    expect(answer!.text).toContain("The spreadsheet we use.");
  });

  it("answers in the member's language", async () => {
    const { ana, beaReply, to } = await setup();
    await setMemberLanguage({ memberId: ana.id, language: "es" });
    const old = (await replyAddressFor(ana.id, beaReply, Date.now() - 61 * 86_400_000))!;
    await receive(mailFixture("signature", { from: ana.email, to: old }));
    const [answer] = await answersTo(ana);
    expect(answer!.subject).toBe("No se publicó: Re: Bilingual intake forms");
    expect(answer!.text).toContain("La dirección de respuesta de ese correo ya venció.");
    void to;
  });

  it("refuses a message longer than a post can be, reading a bounded part of it", async () => {
    const { ana, thread, beaReply, to } = await setup();
    const long = mailFixture("signature", { from: ana.email, to })
      .toString("utf8")
      .replace("We use a volunteer reader on Tuesdays.", "word ".repeat(60_000));
    const started = Date.now();
    expect(await receive(Buffer.from(long))).toMatchObject({ outcome: "refused", reason: "too-long" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await repliesIn(thread.id)).map((r) => r.id)).toEqual([beaReply]);
    const [answer] = await answersTo(ana);
    expect(answer!.text).toContain("It is longer than a post can be (50,000 characters).");
  });
});
