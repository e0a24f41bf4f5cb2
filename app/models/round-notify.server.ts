import { getDb, type Executor } from "~db/client.server";
import { encodeRoundNotice, REMINDER_BEFORE_CLOSE_MS } from "~/lib/rounds";
import { notify } from "./notifications.server";
import { enqueueRoundOpeningMail } from "./round-mail.server";

// Rounds reach people through what exists: followers of a round's topics hear when it opens, and are reminded
// two days before it closes. Each notice is claimed by stamping the round first (opened_notified_at,
// reminded_at) in the same transaction, so running `npm run rounds:notify` twice never notifies twice.

async function topicFollowers(trx: Executor, roundId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom("topic_follows")
    .select("member_id")
    .distinct()
    .where("tag_id", "in", trx.selectFrom("round_tags").select("tag_id").where("round_id", "=", roundId))
    .where("member_id", "!=", trx.selectFrom("rounds").select("created_by").where("id", "=", roundId))
    .orderBy("member_id")
    .execute();
  return rows.map((r) => r.member_id);
}

/** Tells the round's topic followers it is open; returns how many were told (0 if they already were). */
export async function notifyRoundOpened(trx: Executor, roundId: number, now: number): Promise<number> {
  const claimed = await trx
    .updateTable("rounds")
    .set({ opened_notified_at: now })
    .where("id", "=", roundId)
    .where("opened_notified_at", "is", null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return 0;
  const round = await trx
    .selectFrom("rounds")
    .select(["title", "closes_at"])
    .where("id", "=", roundId)
    .executeTakeFirstOrThrow();
  // A round that opens less than two days before it closes gets one notice, not an "open" and a "closing".
  if (now >= round.closes_at - REMINDER_BEFORE_CLOSE_MS) {
    await trx
      .updateTable("rounds")
      .set({ reminded_at: now })
      .where("id", "=", roundId)
      .where("reminded_at", "is", null)
      .execute();
  }
  const members = await topicFollowers(trx, roundId);
  const detail = encodeRoundNotice({ roundId, title: round.title });
  await notify(
    trx,
    members.map((memberId) => ({ memberId, kind: "round-open" as const, detail })),
    now,
  );
  // And by email, each question answerable from the inbox (issue 20): one email per member, in this claim.
  await enqueueRoundOpeningMail(trx, roundId, members, now);
  return members.length;
}

/** Reminds the round's topic followers who have not answered every prompt yet; returns how many. */
export async function remindRound(trx: Executor, roundId: number, now: number): Promise<number> {
  const claimed = await trx
    .updateTable("rounds")
    .set({ reminded_at: now })
    .where("id", "=", roundId)
    .where("reminded_at", "is", null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return 0;
  const round = await trx.selectFrom("rounds").select("title").where("id", "=", roundId).executeTakeFirstOrThrow();
  const prompts = await trx
    .selectFrom("round_prompts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("round_id", "=", roundId)
    .executeTakeFirstOrThrow();
  const done = await trx
    .selectFrom("round_answers")
    .select("member_id")
    .where("round_id", "=", roundId)
    .groupBy("member_id")
    .having((eb) => eb.fn.countAll(), ">=", Number(prompts.n))
    .execute();
  const finished = new Set(done.map((r) => r.member_id));
  const members = (await topicFollowers(trx, roundId)).filter((id) => !finished.has(id));
  const detail = encodeRoundNotice({ roundId, title: round.title });
  await notify(
    trx,
    members.map((memberId) => ({ memberId, kind: "round-reminder" as const, detail })),
    now,
  );
  return members.length;
}

export interface RoundNotifyReport {
  opened: Array<{ roundId: number; title: string; notified: number }>;
  reminded: Array<{ roundId: number; title: string; notified: number }>;
  /** Rounds that closed since the last run (nobody is notified; the write refreshes cached pages). */
  closed: Array<{ roundId: number; title: string }>;
}

/** What `npm run rounds:notify` does: every notice that is due, once. Safe to run as often as you like. */
export async function runRoundNotifications(now = Date.now()): Promise<RoundNotifyReport> {
  const db = getDb();
  const report: RoundNotifyReport = { opened: [], reminded: [], closed: [] };
  const opening = await db
    .selectFrom("rounds")
    .select(["id", "title"])
    .where("opens_at", "<=", now)
    .where("closes_at", ">", now)
    .where("opened_notified_at", "is", null)
    .orderBy("id")
    .execute();
  for (const round of opening) {
    const notified = await db.transaction().execute((trx) => notifyRoundOpened(trx, round.id, now));
    report.opened.push({ roundId: round.id, title: round.title, notified });
  }
  const closing = await db
    .selectFrom("rounds")
    .select(["id", "title"])
    .where("closes_at", ">", now)
    .where("closes_at", "<=", now + REMINDER_BEFORE_CLOSE_MS)
    .where("opened_notified_at", "is not", null)
    .where("reminded_at", "is", null)
    .orderBy("id")
    .execute();
  for (const round of closing) {
    const notified = await db.transaction().execute((trx) => remindRound(trx, round.id, now));
    report.reminded.push({ roundId: round.id, title: round.title, notified });
  }
  // A round's state follows the clock, not a write, so the server's visitor page cache would not notice the
  // close (or the open, above): a write from this process changes SQLite's data_version, which drops it.
  const closed = await db
    .selectFrom("rounds")
    .select(["id", "title"])
    .where("closes_at", "<=", now)
    .where("closed_noted_at", "is", null)
    .orderBy("id")
    .execute();
  for (const round of closed) {
    const noted = await db
      .updateTable("rounds")
      .set({ closed_noted_at: now })
      .where("id", "=", round.id)
      .where("closed_noted_at", "is", null)
      .executeTakeFirst();
    if (Number(noted.numUpdatedRows)) report.closed.push({ roundId: round.id, title: round.title });
  }
  return report;
}
