import { randomUUID } from "node:crypto";
import { getDb, type Executor } from "~db/client.server";

// The durable outbox every queued email goes through (docs/decisions/0015). A job is written in the same
// transaction as its cause; a sender (the server's timer, or `npm run mail:send` from cron, both at once if
// need be) claims due jobs, hands one email per claim to the transport, and records the outcome. The rule that
// makes a crash safe: a job is marked handed over (with its Message-ID) durably before the transport is called,
// and a job found handed over but not marked sent after a crash is resent only when the transport can tell
// that it never went out (the outbox can; SMTP cannot, so it is left "uncertain", never sent twice).

/** A claim older than this belongs to a sender that stopped: well past the longest SMTP conversation. */
export const CLAIM_LEASE_MS = 10 * 60_000;
/** Attempts (claims) before a job is given up as failed. */
export const MAX_ATTEMPTS = 6;
/** At most this many queued jobs of one group go into one email. */
export const BATCH_MAX = 20;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;

export interface NewMailJob {
  kind: string;
  memberId: number;
  groupKey: string;
  dedupeKey: string;
  payload: unknown;
  notBefore: number;
}

/** Queues jobs inside the caller's transaction; a job whose dedupe key is already queued (or sent) is not. */
export async function enqueueMailJobs(trx: Executor, jobs: NewMailJob[], now: number): Promise<void> {
  if (!jobs.length) return;
  await trx
    .insertInto("mail_jobs")
    .values(
      jobs.map((job) => ({
        kind: job.kind,
        member_id: job.memberId,
        group_key: job.groupKey,
        dedupe_key: job.dedupeKey,
        payload: JSON.stringify(job.payload),
        created_at: now,
        not_before: job.notBefore,
        next_attempt_at: job.notBefore,
      })),
    )
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .execute();
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
}

/** One email's worth of jobs, held by `token` until it is marked sent, skipped or released. */
export interface ClaimedBatch {
  token: string;
  memberId: number;
  groupKey: string;
  jobs: ClaimedJob[];
}

/**
 * Claims the next due email: the queued job due first, and with it every queued job of the same member and
 * group, due or not yet (so replies that came in during the grace period go out together), at most BATCH_MAX.
 * Null when nothing is due. The only place jobs are claimed: on SQLite the write transaction (BEGIN IMMEDIATE)
 * makes the claim exclusive; on PostgreSQL the two selects take `.forUpdate().skipLocked()`, and the
 * `state = 'queued'` guard on the update keeps it exclusive on any engine.
 */
export async function claimMailBatch(now: number): Promise<ClaimedBatch | null> {
  const db = getDb();
  // A read first: a run with nothing due writes nothing (another process's write would refresh the server's
  // page cache, docs/decisions/0006).
  const due = await db
    .selectFrom("mail_jobs")
    .select("id")
    .where("state", "=", "queued")
    .where("next_attempt_at", "<=", now)
    .limit(1)
    .executeTakeFirst();
  if (!due) return null;
  return db.transaction().execute(async (trx) => {
    const lead = await trx
      .selectFrom("mail_jobs")
      .select(["member_id", "group_key"])
      .where("state", "=", "queued")
      .where("next_attempt_at", "<=", now)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!lead) return null;
    const ids = await trx
      .selectFrom("mail_jobs")
      .select("id")
      .where("state", "=", "queued")
      .where("member_id", "=", lead.member_id)
      .where("group_key", "=", lead.group_key)
      .orderBy("id")
      .limit(BATCH_MAX)
      .execute();
    const token = randomUUID();
    const claimed = await trx
      .updateTable("mail_jobs")
      .set((eb) => ({ state: "sending", claimed_at: now, claim_token: token, attempts: eb("attempts", "+", 1) }))
      .where(
        "id",
        "in",
        ids.map((r) => r.id),
      )
      .where("state", "=", "queued")
      .returning(["id", "kind", "payload", "attempts"])
      .execute();
    if (!claimed.length) return null;
    return {
      token,
      memberId: lead.member_id,
      groupKey: lead.group_key,
      jobs: claimed
        .sort((a, b) => a.id - b.id)
        .map((r) => ({ id: r.id, kind: r.kind, payload: JSON.parse(r.payload) as unknown, attempts: r.attempts })),
    };
  });
}

/** The outbox file an email of this member with this Message-ID is written to (same name on every retry). */
export function mailFileKey(memberId: number, messageId: string): string {
  return `mail-member-${memberId}-${messageId.replace(/^<|@.*$/g, "")}`;
}

/**
 * Marks a claim as being handed to the transport, with the Message-ID it goes out under, and `skipIds` (jobs
 * with nothing left to send) as skipped. False when the claim was lost (it outlived its lease and another
 * sender took it back): then nothing may be sent.
 */
export async function markHandedOver(
  batch: ClaimedBatch,
  sendIds: number[],
  skipIds: number[],
  messageId: string,
  now: number,
): Promise<boolean> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (skipIds.length) await settle(trx, batch.token, skipIds, { state: "skipped" });
      if (!sendIds.length) return true;
      const handed = await trx
        .updateTable("mail_jobs")
        .set({ handed_at: now, message_id: messageId })
        .where("claim_token", "=", batch.token)
        .where("state", "=", "sending")
        .where("id", "in", sendIds)
        .executeTakeFirst();
      return Number(handed.numUpdatedRows) === sendIds.length;
    });
}

/** The transport took the email: the claim's jobs are sent. */
export async function markSent(batch: ClaimedBatch, now: number): Promise<void> {
  await settle(getDb(), batch.token, null, { state: "sent", sent_at: now });
}

/** Every job of the claim has nothing to send any more (read, hidden, turned off). */
export async function markSkipped(batch: ClaimedBatch): Promise<void> {
  await settle(getDb(), batch.token, null, { state: "skipped" });
}

/**
 * The transport refused (an error from it means it did not take the email, so a retry cannot duplicate it):
 * queued again after an exponential backoff, or failed after MAX_ATTEMPTS.
 */
export async function releaseForRetry(batch: ClaimedBatch, error: string, now: number): Promise<void> {
  const db = getDb();
  await db.transaction().execute(async (trx) => {
    for (const job of batch.jobs) {
      const gaveUp = job.attempts >= MAX_ATTEMPTS;
      await trx
        .updateTable("mail_jobs")
        .set({
          state: gaveUp ? "failed" : "queued",
          next_attempt_at: now + backoffMs(job.attempts),
          last_error: error.slice(0, 500),
          ...UNCLAIMED,
        })
        .where("id", "=", job.id)
        .where("claim_token", "=", batch.token)
        .where("state", "=", "sending")
        .execute();
    }
  });
}

/** The wait after the n-th failed attempt: 1, 2, 4, 8 ... minutes, at most six hours. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(attempts - 1, 0), BACKOFF_MAX_MS);
}

const UNCLAIMED = { claimed_at: null, claim_token: null, handed_at: null, message_id: null } as const;

async function settle(
  db: Executor,
  token: string,
  ids: number[] | null,
  outcome: { state: "sent" | "skipped"; sent_at?: number },
): Promise<void> {
  await db
    .updateTable("mail_jobs")
    .set(outcome)
    .where("claim_token", "=", token)
    // A late success still counts when recovery had meanwhile marked the claim uncertain.
    .where("state", "in", ["sending", "uncertain"])
    .$if(ids !== null, (q) => q.where("id", "in", ids!))
    .execute();
}

export interface RecoveryReport {
  requeued: number;
  foundSent: number;
  uncertain: number;
}

/**
 * Claims whose sender stopped (older than the lease, still "sending"), after a crash or a kill: jobs never
 * handed over are queued again; jobs handed over are sent when the transport shows the email went out, queued
 * again when it shows it did not, and left "uncertain" (never resent) when it cannot tell.
 */
export async function recoverStaleClaims(
  now: number,
  wasDelivered: (fileKey: string) => boolean | null,
): Promise<RecoveryReport> {
  const db = getDb();
  const report: RecoveryReport = { requeued: 0, foundSent: 0, uncertain: 0 };
  const stale = await db
    .selectFrom("mail_jobs")
    .select(["id", "member_id", "claim_token", "handed_at", "message_id", "attempts"])
    .where("state", "=", "sending")
    .where("claimed_at", "<", now - CLAIM_LEASE_MS)
    .execute();
  for (const job of stale) {
    const delivered =
      job.handed_at === null || job.message_id === null
        ? false
        : wasDelivered(mailFileKey(job.member_id, job.message_id));
    const change =
      delivered === true
        ? { state: "sent" as const, sent_at: job.handed_at }
        : delivered === null
          ? { state: "uncertain" as const, last_error: "The sender stopped while handing this email over; not resent." }
          : {
              state: job.attempts >= MAX_ATTEMPTS ? ("failed" as const) : ("queued" as const),
              next_attempt_at: now,
              last_error: "The sender stopped before the email went out.",
              ...UNCLAIMED,
            };
    const updated = await db
      .updateTable("mail_jobs")
      .set(change)
      .where("id", "=", job.id)
      .where("state", "=", "sending")
      .where("claim_token", "=", job.claim_token)
      .executeTakeFirst();
    if (!Number(updated.numUpdatedRows)) continue;
    if (delivered === true) report.foundSent++;
    else if (delivered === null) report.uncertain++;
    else report.requeued++;
  }
  return report;
}
