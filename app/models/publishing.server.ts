import type { Executor } from "~db/client.server";
import { STANDING_COLUMNS, standingRefusal, toAccountStanding } from "./account-standing.server";
import { postingLimitMessage } from "./rate-limits.server";

// Whether something may be published: checked inside the transaction that would write it, so every caller
// (a route, the seed, a script, a test) meets the same rules and nothing is written when one says no.

export type PostingRefusalReason =
  /** The thread was deleted, or never was. */
  | "thread-missing"
  | "hidden-thread"
  | "locked"
  /** The post answered is not in the thread. */
  | "parent-missing"
  | "deleted-parent"
  | "hidden-parent"
  /** The new-member limits (rate-limits.server). */
  | "rate-limited"
  /** The author's email address is not verified yet (account-standing.server). */
  | "unverified"
  /** MEMBER_APPROVAL=1: a moderator has not approved the author yet, or declined them. */
  | "awaiting-approval"
  | "not-approved";

/** Why a thread, reply or round answer was not published; `message` is for the person who wrote it. */
export class PostingRefused extends Error {
  readonly reason: PostingRefusalReason;

  constructor(reason: PostingRefusalReason, message: string) {
    super(message);
    this.name = "PostingRefused";
    this.reason = reason;
  }
}

/** Throws PostingRefused when the author may not publish another thread or reply right now. */
export async function assertMayPublish(trx: Executor, authorId: number, what: "thread" | "reply"): Promise<void> {
  // One read of the member serves both rules.
  const member = await trx
    .selectFrom("members")
    .select([...STANDING_COLUMNS, "created_at"])
    .where("id", "=", authorId)
    .executeTakeFirst();
  const refused = member && standingRefusal(toAccountStanding(member));
  if (refused) throw new PostingRefused(refused.reason, refused.message);
  const limited = await postingLimitMessage(trx, authorId, what, Date.now(), member);
  if (limited) throw new PostingRefused("rate-limited", limited);
}

/** The HTTP status a page answers a refusal with: wait (429), not allowed for this account (403), or 400. */
export function postingRefusalStatus(reason: PostingRefusalReason): 400 | 403 | 429 {
  if (reason === "rate-limited") return 429;
  if (reason === "unverified" || reason === "awaiting-approval" || reason === "not-approved") return 403;
  return 400;
}
