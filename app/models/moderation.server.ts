import { getDb, type Executor } from "~db/client.server";
import { describeHideReason, type HideReason } from "~/lib/moderation";
import { logAction } from "./audit-log.server";
import { renderPostBody } from "./uploads.server";
import { replaceThreadTags } from "./topics.server";
import { notify } from "./notifications.server";
import { invalidateAllPages, invalidateThreadEverywhere, invalidateThreadPages } from "./page-invalidation.server";
import { reindexThread } from "./search-index.server";
import { insertThread } from "./threads.server";
import { tr } from "~/lib/translate";

// Moderators curate threads (posts: post-moderation.server). Each function is one transaction that changes the
// rows, keeps the counters true, and writes exactly one audit-log row. Routes decide who may call them
// (lib/permissions).

export type ModResult = { ok: true } | { ok: false; message: string };
const done: ModResult = { ok: true };

// After the transaction commits, the cached visitor pages that show the change are dropped.
async function afterThreadChange(
  threadId: number,
  work: Promise<ModResult>,
  invalidate: (threadId: number) => Promise<void> = invalidateThreadPages,
): Promise<ModResult> {
  const result = await work;
  if (result.ok) await invalidate(threadId);
  return result;
}

async function afterChangeEverywhere(work: Promise<ModResult>): Promise<ModResult> {
  const result = await work;
  if (result.ok) invalidateAllPages();
  return result;
}

export interface HideInput {
  actorId: number;
  reason: HideReason;
  note: string;
}

async function threadRow(trx: Executor, threadId: number) {
  return trx
    .selectFrom("threads")
    .select([
      "id",
      "author_id",
      "kind",
      "pinned_at",
      "locked_at",
      "locked_by",
      "lock_reason",
      "featured_at",
      "hidden_at",
      "deleted_at",
    ])
    .where("id", "=", threadId)
    .executeTakeFirst();
}

type Toggle = "pin" | "unpin" | "feature" | "unfeature";

/** Pins or features a thread (and undoes it). Featuring is for stories. */
export async function setThreadFlag(actorId: number, threadId: number, change: Toggle): Promise<ModResult> {
  return afterThreadChange(
    threadId,
    getDb()
      .transaction()
      .execute(async (trx) => {
        const thread = await threadRow(trx, threadId);
        if (!thread || thread.deleted_at !== null) return { ok: false, message: tr("moderation:noSuchThread") };
        if (change === "feature" && thread.kind !== "story")
          return { ok: false, message: tr("moderation:threadPage.onlyStories") };
        const now = Date.now();
        const column = change === "pin" || change === "unpin" ? "pinned_at" : "featured_at";
        const value = change === "pin" || change === "feature" ? now : null;
        if ((thread[column] === null) === (value === null)) return done; // already so: nothing to change or log
        await trx
          .updateTable("threads")
          .set({ [column]: value })
          .where("id", "=", threadId)
          .execute();
        await logAction(trx, {
          actorId,
          action: `thread.${change}`,
          targetType: "thread",
          targetId: threadId,
          subjectMemberId: thread.author_id,
          now,
        });
        return done;
      }),
  );
}

/** Locks a thread with a reason, or unlocks it. */
export async function setThreadLock(
  actorId: number,
  threadId: number,
  lock: { reason: string } | null,
): Promise<ModResult> {
  return afterThreadChange(
    threadId,
    getDb()
      .transaction()
      .execute(async (trx) => {
        const thread = await threadRow(trx, threadId);
        if (!thread || thread.deleted_at !== null) return { ok: false, message: tr("moderation:noSuchThread") };
        if ((thread.locked_at !== null) === (lock !== null)) return done;
        const now = Date.now();
        await trx
          .updateTable("threads")
          .set(
            lock
              ? { locked_at: now, locked_by: actorId, lock_reason: lock.reason }
              : { locked_at: null, locked_by: null, lock_reason: null },
          )
          .where("id", "=", threadId)
          .execute();
        await logAction(trx, {
          actorId,
          action: lock ? "thread.lock" : "thread.unlock",
          targetType: "thread",
          targetId: threadId,
          subjectMemberId: thread.author_id,
          reason: lock?.reason ?? "",
          before: { locked: thread.locked_at !== null, reason: thread.lock_reason },
          now,
        });
        return done;
      }),
  );
}

/** A story's author closes or reopens replies on their own story; a moderator's lock stays theirs. */
export async function setStoryRepliesClosed(authorId: number, threadId: number, closed: boolean): Promise<ModResult> {
  return afterThreadChange(
    threadId,
    getDb()
      .transaction()
      .execute(async (trx) => {
        const thread = await threadRow(trx, threadId);
        if (!thread || thread.deleted_at !== null || thread.kind !== "story" || thread.author_id !== authorId) {
          return { ok: false, message: tr("moderation:threadPage.onlyAuthorCloses") };
        }
        if (thread.locked_at !== null && thread.locked_by !== authorId) {
          return { ok: false, message: tr("moderation:threadPage.lockedByModerators") };
        }
        await trx
          .updateTable("threads")
          .set(
            closed
              ? { locked_at: Date.now(), locked_by: authorId, lock_reason: "The author closed replies." }
              : { locked_at: null, locked_by: null, lock_reason: null },
          )
          .where("id", "=", threadId)
          .execute();
        return done;
      }),
  );
}

export async function setThreadTopics(actorId: number, threadId: number, tagIds: number[]): Promise<ModResult> {
  return afterChangeEverywhere(
    getDb()
      .transaction()
      .execute(async (trx) => {
        const thread = await threadRow(trx, threadId);
        if (!thread || thread.deleted_at !== null) return { ok: false, message: tr("moderation:noSuchThread") };
        const before = (
          await trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId).execute()
        ).map((r) => r.tag_id);
        await replaceThreadTags(trx, threadId, tagIds);
        await logAction(trx, {
          actorId,
          action: "thread.tags",
          targetType: "thread",
          targetId: threadId,
          subjectMemberId: thread.author_id,
          before,
          after: tagIds,
        });
        return done;
      }),
  );
}

/** Hides a whole thread (it leaves every list and count) or restores it. */
export async function setThreadHidden(
  threadId: number,
  hide: HideInput | null,
  restoredBy?: number,
): Promise<ModResult> {
  return afterThreadChange(
    threadId,
    getDb()
      .transaction()
      .execute(async (trx) => {
        const thread = await threadRow(trx, threadId);
        if (!thread || thread.deleted_at !== null) return { ok: false, message: tr("moderation:noSuchThread") };
        if ((thread.hidden_at !== null) === (hide !== null)) return done;
        const now = Date.now();
        await trx
          .updateTable("threads")
          .set(
            hide
              ? { hidden_at: now, hidden_by: hide.actorId, hidden_reason: hide.reason, hidden_note: hide.note || null }
              : { hidden_at: null, hidden_by: null, hidden_reason: null, hidden_note: null },
          )
          .where("id", "=", threadId)
          .execute();
        await reindexThread(trx, threadId);
        await trx
          .updateTable("tags")
          .set((eb) => ({ thread_count: eb("thread_count", hide ? "-" : "+", 1) }))
          .where("id", "in", trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId))
          .execute();
        await notify(trx, [
          {
            memberId: thread.author_id,
            kind: hide ? "content-hidden" : "content-restored",
            threadId,
            actorId: null,
            detail: hide ? describeHideReason(hide.reason, hide.note || null) : "",
          },
        ]);
        await logAction(trx, {
          actorId: hide?.actorId ?? restoredBy!,
          action: hide ? "thread.hide" : "thread.restore",
          targetType: "thread",
          targetId: threadId,
          subjectMemberId: thread.author_id,
          reason: hide ? describeHideReason(hide.reason, hide.note || null) : "",
          now,
        });
        return done;
      }),
    // Its title leaves the profiles of everyone who replied in it, not only its author's.
    invalidateThreadEverywhere,
  );
}

/**
 * A moderator opens a prompt for the community: a prompt thread, pinned to lead the home page if asked. The
 * body renders first, outside the transaction (a refusal is thrown as MarkdownRefusedError).
 */
export async function openPrompt(
  actorId: number,
  input: { title: string; bodySource: string; tagSlugs: string[]; pinned: boolean },
): Promise<{ id: number; slug: string }> {
  const rendered = await renderPostBody(actorId, input.bodySource);
  const thread = await getDb()
    .transaction()
    .execute(async (trx) => {
      const thread = await insertThread(trx, { authorId: actorId, kind: "prompt", ...input }, rendered);
      await logAction(trx, {
        actorId,
        action: "prompt.open",
        targetType: "thread",
        targetId: thread.id,
        after: { title: input.title },
      });
      return thread;
    });
  await invalidateThreadPages(thread.id, [actorId]);
  return thread;
}
