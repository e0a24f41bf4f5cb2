// Rounds by email (issue 20, section 5; docs/decisions/0040): a round's opening email lists each question with
// its own answer address; an email to one becomes that member's answer through the answer path, its consent
// from the first line's keyword (nothing quotable without one). On both engines; the outgoing email is read
// with mailparser as a mail client reads it.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParsedMail } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { DAY_MS } from "~/lib/rounds";
import { replyAddressFor, roundAddressFor } from "~/lib/reply-address.server";
import { followTopic } from "~/models/follows.server";
import { receiveInboundMail } from "~/models/inbound-mail.server";
import { runMailQueue } from "~/models/mail-run.server";
import { setMemberLanguage } from "~/models/member-language.server";
import { suspendMember } from "~/models/members-moderation.server";
import { setReplyAlerts } from "~/models/reply-alerts.server";
import { runRoundNotifications } from "~/models/round-notify.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { openingPostId } from "../factories/threads";
import { mailFixture, readOutgoing } from "../setup/inbound-mail";

const ORIGIN = "http://localhost:3000";
const DOMAIN = "reply.roundtable.test";
const outbox = mkdtempSync(join(tmpdir(), "rt-round-mail-"));
beforeAll(() => {
  process.env.OUTBOX_DIR = outbox;
  process.env.REPLY_DOMAIN = DOMAIN;
  delete process.env.SMTP_URL;
  delete process.env.INBOUND_AUTHSERV_ID;
});

const receive = (raw: Buffer, now?: number) => receiveInboundMail(raw, { origin: ORIGIN, now });

/** The emails of one kind sent to a member, read from the outbox with mailparser. */
async function mailsTo(member: TestMember, kind: "round-opening" | "inbound-answer", now?: number) {
  await runMailQueue({ origin: ORIGIN, now });
  const files = readdirSync(outbox).filter((f) => f.startsWith(`mail-member-${member.id}-${kind}`));
  return Promise.all(files.sort().map((f) => readOutgoing(join(outbox, f))));
}

/** The answer addresses an opening email gives, in the order of its questions. */
function addressesIn(mail: ParsedMail): string[] {
  return [...(mail.text ?? "").matchAll(new RegExp(`round\\+[0-9a-z-]+@${DOMAIN.replace(/\./g, "\\.")}`, "g"))].map(
    (m) => m[0],
  );
}

async function answerOf(postId: number) {
  return getDb()
    .selectFrom("round_answers as a")
    .innerJoin("posts as p", "p.id", "a.post_id")
    .select(["a.consent", "a.pseudonym", "a.member_id", "a.thread_id", "p.body_source", "p.parent_id"])
    .where("a.post_id", "=", postId)
    .executeTakeFirstOrThrow();
}

async function answersIn(threadId: number) {
  return getDb().selectFrom("round_answers").select("post_id").where("thread_id", "=", threadId).execute();
}

/** A round of `prompts` questions opening one day from now in "funding", which `followers` follow. */
async function openingRound(prompts: number, ...followers: TestMember[]) {
  const host = await createMember({ role: "moderator", displayName: "Host" });
  const opensAt = Date.now() + DAY_MS;
  const round = await createTestRound({
    createdBy: host.id,
    prompts,
    opensAt,
    closesAt: opensAt + 7 * DAY_MS,
    tagSlugs: ["funding"],
  });
  const tag = await getDb().selectFrom("tags").select("id").where("slug", "=", "funding").executeTakeFirstOrThrow();
  for (const f of followers) await followTopic(f.id, tag.id);
  const now = opensAt + 1000;
  await runRoundNotifications(now);
  return { ...round, opensAt, closesAt: opensAt + 7 * DAY_MS, now };
}

describe("a round's opening email", () => {
  it("lists each question with its own answer address and form link, once per member, in their language", async () => {
    const ana = await createMember({ displayName: "Ana Gomez" });
    const luz = await createMember({ displayName: "Luz" });
    const digestReader = await createMember();
    const silent = await createMember();
    const unverified = await createMember({ verified: false });
    await setMemberLanguage({ memberId: luz.id, language: "es" });
    await setReplyAlerts(digestReader.id, "digest");
    await setReplyAlerts(silent.id, "never");
    const round = await openingRound(2, ana, luz, digestReader, silent, unverified);
    // Running the notices again never queues a second email.
    await runRoundNotifications(round.now + 1000);

    const mails = await mailsTo(ana, "round-opening", round.now);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toMatch(/^A round is open: Round number \d+$/);
    expect(mail.text).toContain("It asks 2 questions");
    expect(mail.text).toContain(
      "Reply to the address for a question; on the first line write QUOTE-NAME, QUOTE-ANON or NO-QUOTE; " +
        "without it, your answer is not quotable.",
    );
    expect(mail.headerLines.find((l) => l.key === "list-unsubscribe")?.line).toMatch(/unsubscribe\?list=alerts/);
    // Two questions: no address is the default one.
    expect(mail.replyTo).toBeUndefined();
    const addresses = addressesIn(mail);
    expect(addresses).toEqual([
      (await roundAddressFor(ana.id, round.promptIds[0]!, round.closesAt))!,
      (await roundAddressFor(ana.id, round.promptIds[1]!, round.closesAt))!,
    ]);
    for (const id of round.promptIds) expect(mail.text).toContain(`${ORIGIN}/rounds/${round.id}/prompts/${id}/answer`);
    expect(mail.html).toContain(`href="mailto:${addresses[0]}?subject=`);

    const [spanish] = await mailsTo(luz, "round-opening", round.now);
    expect(spanish!.subject).toMatch(/^Hay una ronda abierta: /);
    expect(spanish!.text).toContain("en la primera línea escribe QUOTE-NAME, QUOTE-ANON o NO-QUOTE");
    expect(addressesIn(spanish!)).toHaveLength(2);
    for (const member of [digestReader, silent, unverified])
      expect(await mailsTo(member, "round-opening", round.now)).toEqual([]);
    // Runs of the mail queue later send nothing more.
    expect(await mailsTo(ana, "round-opening", round.now + 5000)).toHaveLength(1);
  });

  it("with one question, answering the email answers it", async () => {
    const ana = await createMember();
    const round = await openingRound(1, ana);
    const [mail] = await mailsTo(ana, "round-opening", round.now);
    expect(mail!.replyTo?.value[0]?.address).toBe(addressesIn(mail!)[0]);
  });
});

describe("answering a round by email", () => {
  it("takes the consent from the first line's keyword, and none without one, leaving the keyword out", async () => {
    const ana = await createMember({ displayName: "Ana Gomez" });
    const round = await openingRound(4, ana);
    const [mail] = await mailsTo(ana, "round-opening", round.now);
    const to = addressesIn(mail!);
    const firstId = `round-answer-${round.id}`;
    const cases = [
      ["round-quote-name", "named", /^We knock on doors on Saturdays, two promotoras together\./],
      ["round-quote-anon", "anonymized", /^Our text reminders go out in the family's language, the day before\.$/],
      ["round-no-quote", "none", /^Honestly\? We lose most families after the first visit\. Still figuring it out\.$/],
      ["round-no-keyword", "none", /^We ask the kids to bring the flyer home\. QUOTE-NAME would be fine/],
    ] as const;
    for (const [i, [fixture, consent, body]] of cases.entries()) {
      const messageId = i === 0 ? firstId : undefined;
      const result = await receive(
        mailFixture(fixture, { from: ana.email, to: to[i]!, messageId }),
        round.now + 60_000,
      );
      expect(result.outcome, fixture).toBe("posted");
      const answer = await answerOf((result as { postId: number }).postId);
      expect(answer, fixture).toMatchObject({
        consent,
        pseudonym: null,
        member_id: ana.id,
        thread_id: round.promptIds[i],
        parent_id: await openingPostId(round.promptIds[i]!),
      });
      expect(answer.body_source, fixture).toMatch(body);
      expect(answer.body_source, fixture).not.toMatch(/^(QUOTE-NAME|QUOTE-ANON|NO-QUOTE)/i);
      expect(answer.body_source, fixture).not.toContain("Reply to the address");
    }
    // The first answer, delivered again (and twice at once): nothing more is posted or explained.
    const first = mailFixture("round-quote-name", { from: ana.email, to: to[0]!, messageId: firstId });
    expect(await receive(first, round.now + 60_001)).toEqual({ outcome: "duplicate" });
    expect(await Promise.all([receive(first), receive(first)])).toEqual([
      { outcome: "duplicate" },
      { outcome: "duplicate" },
    ]);
    expect(await answersIn(round.promptIds[0]!)).toHaveLength(1);
    expect(await mailsTo(ana, "inbound-answer", round.now)).toEqual([]);
  });

  it("refuses a closed round with one explanation, and a second answer to the same question", async () => {
    const ana = await createMember();
    const round = await openingRound(2, ana);
    const [to0, to1] = addressesIn((await mailsTo(ana, "round-opening", round.now))[0]!);
    const late = mailFixture("round-quote-name", { from: ana.email, to: to0! });
    expect(await receive(late, round.closesAt + 1)).toEqual({
      outcome: "refused",
      reason: "round-closed",
      answered: true,
    });
    expect(await receive(late, round.closesAt + 2)).toEqual({ outcome: "duplicate" });
    expect(await answersIn(round.promptIds[0]!)).toEqual([]);

    const first = await receive(mailFixture("round-quote-anon", { from: ana.email, to: to1! }), round.now + 1);
    expect(first.outcome).toBe("posted");
    expect(await receive(mailFixture("round-no-quote", { from: ana.email, to: to1! }), round.now + 2)).toMatchObject({
      outcome: "refused",
      reason: "already-answered",
    });
    expect(await answersIn(round.promptIds[1]!)).toHaveLength(1);

    // The refusals' answers are due from their messages' times; the closed round's is the later.
    const answers = await mailsTo(ana, "inbound-answer", round.closesAt + 3);
    expect(answers).toHaveLength(2);
    const texts = answers.map((a) => a.text ?? "").join("\n");
    expect(texts).toContain("has closed, so it takes no more answers");
    expect(texts).toContain("You already answered this question");
    expect(texts).toContain(`${ORIGIN}/posts/${(first as { postId: number }).postId}`);
    // Their text is given back.
    expect(texts).toContain("We knock on doors on Saturdays");
  });

  it("applies the inbound rules: the token's member only, DMARC, auto-replies, suspension", async () => {
    const ana = await createMember();
    const carla = await createMember();
    const round = await openingRound(1, ana);
    const to = addressesIn((await mailsTo(ana, "round-opening", round.now))[0]!)[0]!;
    const at = round.now + 1;
    expect(await receive(mailFixture("round-quote-name", { from: carla.email, to }), at)).toMatchObject({
      outcome: "refused",
      reason: "sender-mismatch",
    });
    expect(await receive(mailFixture("failed-dmarc", { from: ana.email, to }), at)).toMatchObject({
      outcome: "refused",
      reason: "auth-failed",
    });
    expect(await receive(mailFixture("auto-reply", { from: ana.email, to }), at)).toEqual({
      outcome: "ignored",
      reason: "auto-submitted",
    });
    const mod = await createMember({ role: "moderator" });
    await suspendMember({ actorId: mod.id, memberId: ana.id, reason: "Cooling off", until: at + DAY_MS });
    expect(await receive(mailFixture("round-quote-name", { from: ana.email, to }), at)).toMatchObject({
      outcome: "refused",
      reason: "suspended",
    });
    expect(await answersIn(round.promptIds[0]!)).toEqual([]);
  });

  it("keeps reply tokens and round tokens apart: neither answers for the other", async () => {
    const ana = await createMember();
    const round = await openingRound(1, ana);
    const threadId = round.promptIds[0]!;
    const at = round.now + 1;
    // A reply token to the prompt's opening post still bounces with the answer form's link.
    const reply = (await replyAddressFor(ana.id, await openingPostId(threadId), at))!;
    expect(await receive(mailFixture("round-quote-name", { from: ana.email, to: reply }), at)).toMatchObject({
      outcome: "refused",
      reason: "round-answer",
    });
    // The same fields under the other box: the signature is for another purpose, so it is no one's address.
    const replyAsRound = reply.replace(/^reply\+/, "round+");
    expect(await receive(mailFixture("round-quote-name", { from: ana.email, to: replyAsRound }), at)).toEqual({
      outcome: "ignored",
      reason: "no-address",
    });
    const roundToken = (await roundAddressFor(ana.id, threadId, round.closesAt))!;
    const roundAsReply = roundToken.replace(/^round\+/, "reply+");
    expect(await receive(mailFixture("round-quote-name", { from: ana.email, to: roundAsReply }), at)).toEqual({
      outcome: "ignored",
      reason: "no-address",
    });
    expect(await answersIn(threadId)).toEqual([]);
    const [bounce] = await mailsTo(ana, "inbound-answer", at);
    expect(bounce!.text).toContain(`${ORIGIN}/rounds/${round.id}/prompts/${threadId}/answer`);
  });

  it("is refused once the member answered on the site, and answers their language", async () => {
    const ana = await createMember();
    await setMemberLanguage({ memberId: ana.id, language: "es" });
    const round = await openingRound(1, ana);
    const to = addressesIn((await mailsTo(ana, "round-opening", round.now))[0]!)[0]!;
    await createTestAnswer({ roundId: round.id, threadId: round.promptIds[0]!, memberId: ana.id, now: round.now });
    expect(await receive(mailFixture("round-no-keyword", { from: ana.email, to }), round.now + 1)).toMatchObject({
      outcome: "refused",
      reason: "already-answered",
    });
    const [answer] = await mailsTo(ana, "inbound-answer", round.now + 2);
    expect(answer!.text).toContain("Ya respondiste esta pregunta");
  });
});
