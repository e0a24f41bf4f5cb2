import type { Viewer } from "~/auth/viewer";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/lib/i18n";
import { parseInboundMail, type InboundMessage } from "~/lib/inbound-mail.server";
import type { RenderedMarkdown } from "~/lib/markdown-bounded.server";
import { MarkdownRefusedError } from "~/lib/markdown.server";
import { readReplyAddress } from "~/lib/reply-address.server";
import { readConsentLine } from "~/lib/round-mail";
import { inLanguage } from "~/lib/request-language.server";
import { tr } from "~/lib/translate";
import { UploadRefusedError } from "~/lib/upload-processing.server";
import { BODY_MAX, TITLE_MAX, TITLE_MIN } from "~/lib/validation";
import { getDb, type Executor } from "~db/client.server";
import type { InboundMailOutcome } from "~db/schema";
import { enqueueMailJobs } from "./mail-jobs.server";
import { getActiveSuspension } from "./members-moderation.server";
import { invalidateThreadPages } from "./page-invalidation.server";
import { getReplyTarget } from "./post-context.server";
import { PostingRefused } from "./publishing.server";
import { insertReply } from "./replies.server";
import { insertThread } from "./threads.server";
import { answerErrorResult, answerFormPath, getAnswerPage, insertAnswer } from "./round-answers.server";
import { getPromptRound } from "./rounds.server";
import { renderPostBody, saveUpload, uploadMarkdown } from "./uploads.server";

// Roundtable by email (issue 20, docs/decisions/0040): one inbound message becomes exactly one reply, one
// refusal answered once, or nothing at all (an auto-reply, a bounce, a message delivered twice). Whatever
// delivers it (`npm run mail:receive`, POST /mail/inbound) calls receiveInboundMail. A reply is written by
// insertReply, the same rules as a reply through the site, in one transaction with the record of its
// Message-ID, so no delivery, however repeated, posts twice.

export const INBOUND_ANSWER_KIND = "inbound-answer";
/** Refusals answered per member per hour at most: a loop with another robot can't run. */
export const ANSWERS_PER_HOUR = 3;
const HOUR_MS = 60 * 60_000;

export type InboundResult =
  | { outcome: "posted"; postId: number }
  | { outcome: "refused"; reason: string; answered: boolean }
  | { outcome: "ignored"; reason: string }
  | { outcome: "duplicate" };

/** What a refusal answer says: a catalog key in the `mail` namespace and its values, in the member's language. */
export interface InboundAnswerPayload {
  key: string;
  values: Record<string, string>;
  subject: string;
  inReplyTo: string;
  /** The member's own text, given back so nothing they wrote is lost. */
  body: string;
}

interface Sender {
  id: number;
  email: string;
  language: Language;
  viewer: Viewer;
}

class Duplicate extends Error {}

export async function receiveInboundMail(
  raw: Buffer,
  options: { envelopeRecipient?: string; origin: string; now?: number },
): Promise<InboundResult> {
  const now = options.now ?? Date.now();
  const message = await parseInboundMail(raw, options.envelopeRecipient);
  const seen = await getDb()
    .selectFrom("inbound_mail")
    .select("id")
    .where("message_id", "=", message.messageId)
    .executeTakeFirst();
  if (seen) return { outcome: "duplicate" };
  // Never answered: answering a robot is how mail loops start, and a bounce's From is no one to write to.
  if (message.automatic) return record(message, now, { outcome: "ignored", reason: message.automatic });
  const addresses = await Promise.all(message.recipients.map((r) => readReplyAddress(r, now)));
  const address = addresses.find((a) => a !== null);
  // Not one of our addresses, or a forged token: no member is known to answer, and answering the From
  // address of a stranger would be backscatter.
  if (!address) return record(message, now, { outcome: "ignored", reason: "no-address" });
  const sender = await findSender(address.kind === "topic" ? { email: message.from } : { id: address.memberId });
  if (!sender) return record(message, now, { outcome: "ignored", reason: "no-member" });
  return inLanguage(
    () =>
      address.kind === "reply"
        ? replyFromMail(message, sender, address, options.origin, now)
        : address.kind === "round"
          ? answerFromMail(message, sender, address, options.origin, now)
          : threadFromMail(message, sender, address.slug, options.origin, now),
    sender.language,
  );
}

/** The member a reply token names, or (for a topic's address) whose address the message is from. */
async function findSender(by: { id: number } | { email: string }): Promise<Sender | null> {
  if ("email" in by && !by.email) return null;
  const row = await getDb()
    .selectFrom("members")
    .select(["id", "handle", "display_name", "role", "email", "language"])
    .$call((q) => ("id" in by ? q.where("id", "=", by.id) : q.where("email", "=", by.email)))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row || !row.email) return null;
  return {
    id: row.id,
    email: row.email.toLowerCase(),
    language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
    viewer: { id: row.id, handle: row.handle, displayName: row.display_name, role: row.role },
  };
}

async function replyFromMail(
  message: InboundMessage,
  sender: Sender,
  address: { postId: number; expired: boolean },
  origin: string,
  now: number,
): Promise<InboundResult> {
  const postUrl = `${origin}/posts/${address.postId}`;
  const refuse = (reason: string, key: string, values: Record<string, string> = {}) =>
    refuseAndAnswer(message, sender, now, reason, { key: `mail:refusal.${key}`, values: { link: postUrl, ...values } });
  // The token says who speaks; the From address must be theirs, and the receiving server must not doubt it.
  if (message.authFailure) return refuse("auth-failed", "authFailed", { check: message.authFailure.toUpperCase() });
  if (message.from !== sender.email) return refuse("sender-mismatch", "senderMismatch", { email: sender.email });
  if (address.expired) return refuse("expired", "expired");
  const target = await getReplyTarget(address.postId, sender.viewer);
  if (!target || target.post.state === "deleted") return refuse("post-gone", "postGone");
  const answerPath =
    target.post.depth === 0 && target.thread.kind === "prompt" ? await answerFormPath(target.thread.id, now) : null;
  if (answerPath) return refuse("round-answer", "roundAnswer", { link: `${origin}${answerPath}` });
  if (await getActiveSuspension(sender.id, getDb(), now)) return refuse("suspended", "suspended");
  return publishFromMail(message, sender, now, refuse, async (trx, body, rendered) => {
    const reply = { threadId: target.thread.id, parentId: address.postId, authorId: sender.id, bodySource: body, now };
    const postId = await insertReply(trx, reply, rendered);
    return { postId, threadId: target.thread.id };
  });
}

/**
 * An answer to one prompt of a round, sent to `round+<token>@REPLY_DOMAIN` from the round's opening email
 * (docs/decisions/0040, "Rounds by email"). The first line gives the consent (QUOTE-NAME, QUOTE-ANON,
 * NO-QUOTE; nothing quotable without one) and is not part of the answer. Written by insertAnswer, the answer
 * form's own path: the round's dates, one answer per member and prompt, the posting rules.
 */
async function answerFromMail(
  message: InboundMessage,
  sender: Sender,
  address: { threadId: number; expired: boolean },
  origin: string,
  now: number,
): Promise<InboundResult> {
  const round = await getPromptRound(address.threadId);
  const formUrl = round ? `${origin}/rounds/${round.id}/prompts/${address.threadId}/answer` : `${origin}/rounds`;
  const refuse = (reason: string, key: string, values: Record<string, string> = {}) =>
    refuseAndAnswer(message, sender, now, reason, { key: `mail:refusal.${key}`, values: { link: formUrl, ...values } });
  if (message.authFailure) return refuse("auth-failed", "authFailed", { check: message.authFailure.toUpperCase() });
  if (message.from !== sender.email) return refuse("sender-mismatch", "senderMismatch", { email: sender.email });
  const page = round ? await getAnswerPage(round.id, address.threadId, sender.viewer, now) : null;
  if (!round || !page) return refuse("post-gone", "promptGone", { link: `${origin}/rounds` });
  if (page.round.state === "closed" || address.expired)
    return refuse("round-closed", "roundClosed", { round: page.round.title, link: `${origin}/rounds/${round.id}` });
  if (page.existingAnswerId !== null)
    return refuse("already-answered", "alreadyAnswered", { link: `${origin}/posts/${page.existingAnswerId}` });
  if (await getActiveSuspension(sender.id, getDb(), now)) return refuse("suspended", "suspended");
  const { consent, body } = readConsentLine(message.body);
  return publishFromMail({ ...message, body }, sender, now, refuse, async (trx, source, rendered) => {
    const input = { roundId: round.id, threadId: address.threadId, memberId: sender.id, consent, now };
    const answer = await insertAnswer(trx, { ...input, bodySource: source, pseudonym: null }, rendered);
    if (!answer.ok) throw new MailRefusal("not-answered", "notAnswered", { reason: answer.message });
    return { postId: answer.postId, threadId: address.threadId };
  });
}

/**
 * A new thread in a topic, sent to `topic+<slug>@REPLY_DOMAIN` (mailing-list mode, docs/decisions/0042). No
 * token here: the From address names the member, so the receiving server must have vouched for it (a pass in
 * its Authentication-Results). Subject is the title, the text the opening post; the site's rules for a new
 * thread apply (insertThread).
 */
async function threadFromMail(
  message: InboundMessage,
  sender: Sender,
  slug: string,
  origin: string,
  now: number,
): Promise<InboundResult> {
  const refuse = (reason: string, key: string, values: Record<string, string> = {}) =>
    refuseAndAnswer(message, sender, now, reason, {
      key: `mail:refusal.${key}`,
      values: { link: `${origin}/threads/new?topic=${encodeURIComponent(slug)}`, ...values },
    });
  if (message.authFailure) return refuse("auth-failed", "authFailed", { check: message.authFailure.toUpperCase() });
  if (!message.authPassed) return refuse("unauthenticated", "unauthenticated");
  const topic = await getDb()
    .selectFrom("tags")
    .select("slug")
    .where("slug", "=", slug)
    .where("merged_into_id", "is", null)
    .executeTakeFirst();
  if (!topic) return refuse("no-topic", "noTopic");
  if (await getActiveSuspension(sender.id, getDb(), now)) return refuse("suspended", "suspended");
  const title = message.subject
    .replace(/^\s*((re|fwd?|aw|rv|tr)\s*:\s*)+/i, "")
    .replace(/\s+/g, " ")
    .trim();
  if (title.length < TITLE_MIN || title.length > TITLE_MAX)
    return refuse("title", "title", { min: String(TITLE_MIN), max: String(TITLE_MAX) });
  return publishFromMail(message, sender, now, refuse, async (trx, body, rendered) => {
    const thread = { authorId: sender.id, kind: "discussion" as const, title, bodySource: body, tagSlugs: [slug], now };
    const created = await insertThread(trx, thread, rendered);
    const opening = await trx
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", created.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    return { postId: opening.id, threadId: created.id };
  });
}

type Refuse = (reason: string, key: string, values?: Record<string, string>) => Promise<InboundResult>;

/** Thrown by an insert to refuse inside its transaction (nothing is written) with an explained answer. */
class MailRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly key: string,
    readonly values: Record<string, string> = {},
  ) {
    super(reason);
  }
}

/**
 * What a reply and a new thread by email share: the attachments through the pictures rules, the text's
 * bounds, the render, then `insert` in one transaction with the record of the Message-ID; a refusal of the
 * site's rules is answered.
 */
async function publishFromMail(
  message: InboundMessage,
  sender: Sender,
  now: number,
  refuse: Refuse,
  insert: (trx: Executor, body: string, rendered: RenderedMarkdown) => Promise<{ postId: number; threadId: number }>,
): Promise<InboundResult> {
  let body = message.body;
  for (const file of message.attachments.filter((a) => !a.related)) {
    try {
      const upload = await saveUpload({
        memberId: sender.id,
        purpose: "post",
        bytes: file.bytes,
        originalName: file.filename,
        now,
      });
      // The file's name is the only description an email gives; the member can improve it on the site.
      const alt = file.filename.replace(/\.[a-z0-9]+$/i, "").replace(/[-_]+/g, " ");
      body = `${body}\n\n${uploadMarkdown(upload, alt || file.filename)}`.trim();
    } catch (error) {
      if (!(error instanceof UploadRefusedError)) throw error;
      return refuse("attachment", "attachment", { name: file.filename, reason: error.message });
    }
  }
  if (!body.trim()) return refuse("empty", "empty");
  if (body.length > BODY_MAX) return refuse("too-long", "tooLong", { max: BODY_MAX.toLocaleString("en-US") });
  try {
    const rendered = await renderPostBody(sender.id, body);
    const written = await getDb()
      .transaction()
      .execute(async (trx) => {
        const done = await insert(trx, body, rendered);
        const row = { outcome: "posted" as const, memberId: sender.id, postId: done.postId };
        if (!(await insertRecord(trx, message, now, row))) throw new Duplicate();
        return done;
      });
    await invalidateThreadPages(written.threadId, [sender.id]);
    return { outcome: "posted", postId: written.postId };
  } catch (error) {
    if (error instanceof Duplicate) return { outcome: "duplicate" };
    if (error instanceof MailRefusal) return refuse(error.reason, error.key, error.values);
    // A concurrent answer to the same prompt (the answer form's, or another email's).
    const answerRefused = answerErrorResult(error);
    if (answerRefused && !answerRefused.ok && !(error instanceof PostingRefused))
      return refuse("already-answered", "notAnswered", { reason: answerRefused.message });
    if (error instanceof PostingRefused || error instanceof MarkdownRefusedError)
      return refuse(error instanceof PostingRefused ? error.reason : "markdown", "notPosted", {
        reason: error.message,
      });
    throw error;
  }
}

async function insertRecord(
  trx: Executor,
  message: InboundMessage,
  now: number,
  row: { outcome: InboundMailOutcome; reason?: string; memberId?: number; postId?: number },
): Promise<number | null> {
  const inserted = await trx
    .insertInto("inbound_mail")
    .values({
      message_id: message.messageId,
      received_at: now,
      outcome: row.outcome,
      reason: row.reason ?? null,
      member_id: row.memberId ?? null,
      post_id: row.postId ?? null,
    })
    .onConflict((oc) => oc.column("message_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted?.id ?? null;
}

async function record(
  message: InboundMessage,
  now: number,
  result: { outcome: "ignored"; reason: string },
): Promise<InboundResult> {
  const id = await insertRecord(getDb(), message, now, result);
  return id === null ? { outcome: "duplicate" } : result;
}

/**
 * Records the refusal and, unless the member was already answered ANSWERS_PER_HOUR times this hour, queues
 * one answer saying why, in the same transaction: a redelivered message is never answered twice.
 */
async function refuseAndAnswer(
  message: InboundMessage,
  sender: Sender,
  now: number,
  reason: string,
  text: { key: string; values: Record<string, string> },
): Promise<InboundResult> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const recent = await trx
        .selectFrom("inbound_mail")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("member_id", "=", sender.id)
        .where("outcome", "=", "refused")
        .where("received_at", ">", now - HOUR_MS)
        .executeTakeFirstOrThrow();
      const id = await insertRecord(trx, message, now, { outcome: "refused", reason, memberId: sender.id });
      if (id === null) return { outcome: "duplicate" } as const;
      const answered = Number(recent.count) < ANSWERS_PER_HOUR;
      if (answered) {
        const payload: InboundAnswerPayload = {
          ...text,
          subject: message.subject.slice(0, 200),
          inReplyTo: message.messageId,
          body: message.body.slice(0, 10_000),
        };
        await enqueueMailJobs(
          trx,
          [
            {
              kind: INBOUND_ANSWER_KIND,
              memberId: sender.id,
              groupKey: `inbound:${id}`,
              dedupeKey: `inbound-answer:${id}`,
              payload,
              notBefore: now,
            },
          ],
          now,
        );
      }
      return { outcome: "refused", reason, answered } as const;
    });
}

/** A refusal's explanation, translated (kept here so the key list and the answer composer agree). */
export function refusalText(payload: InboundAnswerPayload): string {
  return tr(payload.key, payload.values);
}
