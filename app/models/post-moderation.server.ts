import { getDb, type Executor } from "~db/client.server";
import { describeHideReason } from "~/lib/moderation";
import { logAction } from "./audit-log.server";
import type { HideInput, ModResult } from "./moderation.server";
import { notify } from "./notifications.server";
import { invalidatePostPages } from "./page-invalidation.server";
import { syncPostIndex } from "./search-index.server";
import { tr } from "~/lib/translate";

// Moderators hide and restore replies (flags can hide one too, pending review: see flags.server). Like thread
// moderation, each change is one transaction with its counters and its audit-log row.

// After the transaction commits, the cached visitor pages that show the post are dropped: its thread's, and its
// author's profile, which lists it.
export async function afterPostChange(postId: number, work: Promise<ModResult>): Promise<ModResult> {
  const result = await work;
  if (result.ok) await invalidatePostPages(postId);
  return result;
}

/**
 * Hides or restores one reply inside a transaction the caller owns, keeping the thread's reply count to
 * visible replies. Hiding a hidden post again updates its reason. `changed` is false when nothing changed.
 */
export async function applyPostHidden(
  trx: Executor,
  postId: number,
  hide: { by: number | null; reason: string; note: string | null } | null,
): Promise<{ changed: boolean; authorId: number; threadId: number } | null> {
  const post = await trx
    .selectFrom("posts")
    .select(["id", "thread_id", "author_id", "depth", "hidden_at", "hidden_reason", "hidden_note", "deleted_at"])
    .where("id", "=", postId)
    .executeTakeFirst();
  if (!post || post.depth === 0) return null;
  if (hide && post.hidden_at !== null && (post.hidden_reason !== hide.reason || post.hidden_note !== hide.note)) {
    // Already hidden (say, by flags, pending review): a moderator's decision replaces the reason; counts stay.
    await trx
      .updateTable("posts")
      .set({ hidden_by: hide.by, hidden_reason: hide.reason, hidden_note: hide.note })
      .where("id", "=", postId)
      .execute();
    return { changed: true, authorId: post.author_id, threadId: post.thread_id };
  }
  if ((post.hidden_at !== null) === (hide !== null))
    return { changed: false, authorId: post.author_id, threadId: post.thread_id };
  await trx
    .updateTable("posts")
    .set(
      hide
        ? { hidden_at: Date.now(), hidden_by: hide.by, hidden_reason: hide.reason, hidden_note: hide.note }
        : { hidden_at: null, hidden_by: null, hidden_reason: null, hidden_note: null },
    )
    .where("id", "=", postId)
    .execute();
  await syncPostIndex(trx, postId);
  if (post.deleted_at === null) {
    await trx
      .updateTable("threads")
      .set((eb) => ({ reply_count: eb("reply_count", hide ? "-" : "+", 1) }))
      .where("id", "=", post.thread_id)
      .execute();
  }
  return { changed: true, authorId: post.author_id, threadId: post.thread_id };
}

/** A moderator hides a reply with a reason, or restores it; open flags on it are resolved either way. */
export async function moderatePost(
  actorId: number,
  postId: number,
  hide: Omit<HideInput, "actorId"> | null,
): Promise<ModResult> {
  return afterPostChange(
    postId,
    getDb()
      .transaction()
      .execute(async (trx) => {
        const reason = hide ? describeHideReason(hide.reason, hide.note || null) : "";
        const result = await applyPostHidden(
          trx,
          postId,
          hide ? { by: actorId, reason: hide.reason, note: hide.note || null } : null,
        );
        if (!result) return { ok: false, message: tr("moderation:postPage.noSuchReply") };
        const now = Date.now();
        const outcome = hide ? "hidden" : "restored";
        const flaggerIds = await resolveFlags(trx, postId, { actorId, outcome, now });
        await notify(trx, [
          ...(result.changed
            ? [
                {
                  memberId: result.authorId,
                  kind: hide ? ("content-hidden" as const) : ("content-restored" as const),
                  threadId: result.threadId,
                  postId,
                  detail: reason,
                },
              ]
            : []),
          ...flaggerIds.map((memberId) => ({
            memberId,
            kind: "flag-outcome" as const,
            threadId: result.threadId,
            postId,
            detail: outcome,
          })),
        ]);
        await logAction(trx, {
          actorId,
          action: hide ? "post.hide" : "post.restore",
          targetType: "post",
          targetId: postId,
          subjectMemberId: result.authorId,
          reason,
          now,
        });
        return { ok: true };
      }),
  );
}

/** Closes the open flags on a post with a moderator's outcome; returns who flagged it, to be told. */
async function resolveFlags(
  trx: Executor,
  postId: number,
  resolution: { actorId: number; outcome: "hidden" | "restored"; now: number },
): Promise<number[]> {
  const flaggers = await trx
    .selectFrom("flags")
    .select("member_id")
    .where("post_id", "=", postId)
    .where("resolved_at", "is", null)
    .execute();
  await trx
    .updateTable("flags")
    .set({ resolved_at: resolution.now, resolved_by: resolution.actorId, outcome: resolution.outcome })
    .where("post_id", "=", postId)
    .where("resolved_at", "is", null)
    .execute();
  return flaggers.map((f) => f.member_id);
}
