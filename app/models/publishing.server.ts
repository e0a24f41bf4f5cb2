import type { Executor } from "~db/client.server";
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
  | "rate-limited";

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
  const limited = await postingLimitMessage(trx, authorId, what);
  if (limited) throw new PostingRefused("rate-limited", limited);
}
