import { roundAddressFor, replyDomain } from "~/lib/reply-address.server";
import { inLanguage } from "~/lib/request-language.server";
import { renderRoundOpeningEmail } from "~/lib/round-mail-email.server";
import { roundState } from "~/lib/rounds";
import { getDb, type Executor } from "~db/client.server";
import { enqueueMailJobs, mailFileKey, type ClaimedBatch } from "./mail-jobs.server";
import type { ComposedMail } from "./reply-alert-mail.server";
import { alertsUnsubscribeUrl, getAlertRecipient, mayReceiveAlerts } from "./reply-alerts.server";
import { threadShownTo } from "./visibility.server";

// Rounds by email (issue 20, docs/decisions/0040, "Rounds by email"): when a round opens, each topic follower
// who takes email as things happen gets one email listing every question with its own answer address
// (round+<token>@REPLY_DOMAIN, app/lib/reply-address.server.ts) and its answer form's link. Queued in the
// opening notice's transaction, one per round and member (the dedupe key); written at send time from what is
// true then (still open, questions still shown, the member still following and still wanting email).

export const ROUND_OPENING_KIND = "round-opening";

/**
 * Queues the opening email for those of `memberIds` who may receive email and chose reply alerts "as they
 * happen". A member who chose the digest finds the open round there (its "open rounds" section); one who chose
 * no email gets none. Nothing without REPLY_DOMAIN: the email exists to be answered.
 */
export async function enqueueRoundOpeningMail(
  trx: Executor,
  roundId: number,
  memberIds: number[],
  now: number,
): Promise<number> {
  if (!replyDomain() || !memberIds.length) return 0;
  const members = await trx
    .selectFrom("members")
    .select(["id", "email", "email_verified_at"])
    .where("id", "in", memberIds)
    .where("reply_alerts", "=", "immediate")
    .where("deleted_at", "is", null)
    .execute();
  const jobs = members.filter(mayReceiveAlerts).map((m) => ({
    kind: ROUND_OPENING_KIND,
    memberId: m.id,
    groupKey: `round-opening:${roundId}:${m.id}`,
    dedupeKey: `round-opening:${roundId}:${m.id}`,
    payload: { roundId },
    notBefore: now,
  }));
  await enqueueMailJobs(trx, jobs, now);
  return jobs.length;
}

function roundIdOf(payload: unknown): number | null {
  const id = (payload as { roundId?: unknown } | null)?.roundId;
  return typeof id === "number" ? id : null;
}

/** The opening email for one member, or nothing when the round, its questions or the member no longer qualify. */
export async function composeRoundOpening(
  batch: ClaimedBatch,
  context: { now: number; origin: string },
): Promise<ComposedMail> {
  const nothing = { mail: null, sendIds: [], skipIds: batch.jobs.map((j) => j.id) };
  const roundId = roundIdOf(batch.jobs[0]?.payload);
  const recipient = await getAlertRecipient(batch.memberId);
  if (roundId === null || !recipient || recipient.replyAlerts !== "immediate") return nothing;
  const db = getDb();
  const round = await db
    .selectFrom("rounds")
    .select(["id", "title", "opens_at", "closes_at"])
    .where("id", "=", roundId)
    .executeTakeFirst();
  if (!round || roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, context.now) !== "open")
    return nothing;
  const topics = await db
    .selectFrom("round_tags as rt")
    .innerJoin("topic_follows as f", "f.tag_id", "rt.tag_id")
    .innerJoin("tags as g", "g.id", "rt.tag_id")
    .select("g.name")
    .where("rt.round_id", "=", roundId)
    .where("f.member_id", "=", batch.memberId)
    .orderBy("g.sort_key")
    .orderBy("g.id")
    .execute();
  // Questions shown to everyone (an email is read away from the site), not yet answered by the member.
  const prompts = await db
    .selectFrom("round_prompts as rp")
    .innerJoin("threads as t", "t.id", "rp.thread_id")
    .innerJoin("posts as p", (join) => join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0))
    .leftJoin("round_answers as a", (join) =>
      join.onRef("a.thread_id", "=", "t.id").on("a.member_id", "=", batch.memberId),
    )
    .select(["t.id", "t.title", "p.body_source"])
    .where("rp.round_id", "=", roundId)
    .where(threadShownTo("t"))
    .where("a.post_id", "is", null)
    .orderBy("rp.position")
    .execute();
  if (!topics.length || !prompts.length) return nothing;
  const member = await db
    .selectFrom("members")
    .select("time_zone")
    .where("id", "=", batch.memberId)
    .executeTakeFirstOrThrow();
  const listed = await Promise.all(
    prompts.map(async (p) => ({
      title: p.title,
      source: p.body_source,
      address: await roundAddressFor(batch.memberId, p.id, round.closes_at),
      formUrl: `${context.origin}/rounds/${roundId}/prompts/${p.id}/answer`,
    })),
  );
  const unsubscribe = await alertsUnsubscribeUrl(context.origin, batch.memberId, recipient.language);
  const email = inLanguage(
    () =>
      renderRoundOpeningEmail({
        recipientName: recipient.viewer.displayName,
        roundTitle: round.title,
        closesAt: round.closes_at,
        timeZone: member.time_zone,
        prompts: listed,
        roundUrl: `${context.origin}/rounds/${roundId}`,
        topics: topics.map((t) => t.name).join(", "),
        unsubscribeUrl: unsubscribe,
      }),
    recipient.language,
  );
  const messageId = `<round-opening-${roundId}-${batch.memberId}@${new URL(context.origin).hostname}>`;
  // One question: answering the email answers it. Several: each has its own address, none is the default.
  const replyTo = listed.length === 1 ? listed[0]!.address : null;
  return {
    mail: {
      to: recipient.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: {
        "List-Unsubscribe": `<${unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        ...(replyTo ? { "Reply-To": replyTo } : {}),
      },
      messageId,
      fileKey: mailFileKey(batch.memberId, messageId),
    },
    sendIds: batch.jobs.map((j) => j.id),
    skipIds: [],
  };
}
