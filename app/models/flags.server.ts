import { getDb, type Executor } from "~db/client.server";
import { describeHideReason, type FlagReason } from "~/lib/moderation";
import { logAction } from "./audit-log.server";
import { afterPostChange, applyPostHidden } from "./post-moderation.server";
import { readerFor, threadShownTo } from "./visibility.server";
import { tr } from "~/lib/translate";

/** Distinct members whose open flags hide a post at once, pending review (FLAG_HIDE_THRESHOLD). */
export function flagHideThreshold(): number {
  const value = Number(process.env.FLAG_HIDE_THRESHOLD);
  return Number.isInteger(value) && value > 0 ? value : 3;
}

export type FlagRefusal = { ok: false; reason: "missing" | "hidden" | "own" | "already"; message: string };
export type FlagResult = { ok: true; autoHidden: boolean } | FlagRefusal;

/**
 * A member flags someone else's post, once; enough flags hide it until a moderator looks. A removed post, or
 * one moderators already hid, takes no flags. (Which posts a member may see is the caller's to check.)
 */
export async function flagPost(input: {
  postId: number;
  memberId: number;
  reason: FlagReason;
  note: string;
}): Promise<FlagResult> {
  const result: FlagResult = await getDb()
    .transaction()
    .execute(async (trx) => {
      const post = await flaggablePost(trx, input.postId, input.memberId);
      if (!post.ok) return post;
      await trx
        .insertInto("flags")
        .values({
          post_id: input.postId,
          member_id: input.memberId,
          reason: input.reason,
          note: input.note,
          created_at: Date.now(),
          resolved_at: null,
          resolved_by: null,
          outcome: null,
        })
        .execute();
      const open = await trx
        .selectFrom("flags")
        .select((eb) => eb.fn.count<number>("member_id").distinct().as("n"))
        .where("post_id", "=", input.postId)
        .where("resolved_at", "is", null)
        .executeTakeFirstOrThrow();
      if (Number(open.n) < flagHideThreshold() || post.depth === 0) return { ok: true, autoHidden: false };
      const hidden = await applyPostHidden(trx, input.postId, { by: null, reason: "flagged", note: null });
      return { ok: true, autoHidden: hidden?.changed ?? false };
    });
  if (result.ok && result.autoHidden) await afterPostChange(input.postId, Promise.resolve({ ok: true }));
  return result;
}

/** The post, if this member may flag it: there, not hidden already, someone else's, not flagged by them yet. */
async function flaggablePost(
  trx: Executor,
  postId: number,
  memberId: number,
): Promise<{ ok: true; depth: number } | FlagRefusal> {
  // Locked until the flag is in: two flags at once on one post are counted one after the other, so the one
  // that reaches the hiding threshold sees the other (PostgreSQL; SQLite's writes run alone anyway).
  const post = await trx
    .selectFrom("posts")
    .select(["author_id", "depth", "deleted_at", "hidden_at"])
    .where("id", "=", postId)
    .forUpdate()
    .executeTakeFirst();
  if (!post || post.deleted_at !== null)
    return { ok: false, reason: "missing", message: tr("moderation:flagsPage.noSuchPost") };
  if (post.hidden_at !== null) return { ok: false, reason: "hidden", message: tr("moderation:flagRefusal.hidden") };
  if (post.author_id === memberId) {
    const message = tr("moderation:flagRefusal.own");
    return { ok: false, reason: "own", message };
  }
  if (await hasFlagged(memberId, postId, trx)) {
    const message = tr("moderation:flagRefusal.already");
    return { ok: false, reason: "already", message };
  }
  return { ok: true, depth: post.depth };
}

export interface FlagQueueItem {
  post: {
    id: number;
    /** 0 for a thread's opening post: moderators hide the whole thread instead. */
    depth: number;
    html: string;
    createdAt: number;
    hidden: boolean;
    hiddenReason: string | null;
    author: { id: number; handle: string; displayName: string; role: string };
  };
  thread: { id: number; slug: string; title: string };
  flags: Array<{
    id: number;
    reason: string;
    note: string;
    createdAt: number;
    flagger: { handle: string; displayName: string };
  }>;
}

/** The moderators' queue: posts with open flags, the longest-waiting first, each with all its flags. */
export async function listFlagQueue(limit = 30): Promise<FlagQueueItem[]> {
  const db = getDb();
  const flags = await db
    .selectFrom("flags as f")
    .innerJoin("members as fm", "fm.id", "f.member_id")
    .select(["f.id", "f.post_id", "f.reason", "f.note", "f.created_at", "fm.handle", "fm.display_name"])
    .where("f.resolved_at", "is", null)
    .orderBy("f.created_at")
    .orderBy("f.id")
    .execute();
  const postIds = [...new Set(flags.map((f) => f.post_id))].slice(0, limit);
  if (!postIds.length) return [];
  const posts = await db
    .selectFrom("posts as p")
    .innerJoin("members as m", "m.id", "p.author_id")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "p.id",
      "p.depth",
      "p.body_html",
      "p.created_at",
      "p.hidden_at",
      "p.hidden_reason",
      "p.hidden_note",
      "m.id as author_id",
      "m.handle",
      "m.display_name",
      "m.role",
      "t.id as thread_id",
      "t.slug",
      "t.title",
    ])
    .where("p.id", "in", postIds)
    .execute();
  const byId = new Map(posts.map((p) => [p.id, p]));
  return postIds.flatMap((postId) => {
    const p = byId.get(postId);
    if (!p) return [];
    return [
      {
        post: {
          id: p.id,
          depth: p.depth,
          html: p.body_html,
          createdAt: p.created_at,
          hidden: p.hidden_at !== null,
          hiddenReason: p.hidden_at !== null ? describeHideReason(p.hidden_reason, p.hidden_note) : null,
          author: { id: p.author_id, handle: p.handle, displayName: p.display_name, role: p.role },
        },
        thread: { id: p.thread_id, slug: p.slug, title: p.title },
        flags: flags
          .filter((f) => f.post_id === postId)
          .map((f) => ({
            id: f.id,
            reason: f.reason,
            note: f.note,
            createdAt: f.created_at,
            flagger: { handle: f.handle, displayName: f.display_name },
          })),
      },
    ];
  });
}

/** A moderator finds the flags unfounded: they close, and a post hidden by flags alone comes back. */
export async function dismissFlags(
  actorId: number,
  postId: number,
): Promise<{ ok: true } | { ok: false; message: string }> {
  return afterPostChange(
    postId,
    getDb()
      .transaction()
      .execute(async (trx) => {
        const post = await trx
          .selectFrom("posts")
          .select(["author_id", "hidden_reason", "hidden_at"])
          .where("id", "=", postId)
          .executeTakeFirst();
        if (!post) return { ok: false, message: tr("moderation:flagsPage.noSuchPost") };
        const now = Date.now();
        const closed = await trx
          .updateTable("flags")
          .set({ resolved_at: now, resolved_by: actorId, outcome: "dismissed" })
          .where("post_id", "=", postId)
          .where("resolved_at", "is", null)
          .executeTakeFirst();
        if (closed.numUpdatedRows === 0n) return { ok: false, message: tr("moderation:flagRefusal.handled") };
        if (post.hidden_at !== null && post.hidden_reason === "flagged") await applyPostHidden(trx, postId, null);
        await logAction(trx, {
          actorId,
          action: "flags.dismiss",
          targetType: "post",
          targetId: postId,
          subjectMemberId: post.author_id,
          now,
        });
        return { ok: true };
      }),
  );
}

/** Whether a member has flagged a post already (a member flags a post once). */
export async function hasFlagged(memberId: number, postId: number, db: Executor = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom("flags")
    .select("id")
    .where("post_id", "=", postId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  return row !== undefined;
}

export interface MyFlagItem {
  id: number;
  reason: string;
  createdAt: number;
  outcome: string | null;
  resolvedAt: number | null;
  postId: number;
  /** Null once the thread is hidden from this member (or removed): its title is not theirs to see then. */
  thread: { id: number; slug: string; title: string } | null;
}

/** What became of a member's flags. */
export async function listMemberFlags(memberId: number): Promise<MyFlagItem[]> {
  const reader = await readerFor(memberId);
  const rows = await getDb()
    .selectFrom("flags as f")
    .innerJoin("posts as p", "p.id", "f.post_id")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "f.id",
      "f.reason",
      "f.created_at",
      "f.outcome",
      "f.resolved_at",
      "f.post_id",
      "t.id as thread_id",
      "t.slug",
      "t.title",
      threadShownTo("t", reader).as("thread_shown"),
    ])
    .where("f.member_id", "=", memberId)
    .orderBy("f.created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    createdAt: r.created_at,
    outcome: r.outcome,
    resolvedAt: r.resolved_at,
    postId: r.post_id,
    thread: r.thread_shown ? { id: r.thread_id, slug: r.slug, title: r.title } : null,
  }));
}

/** How many posts wait in the flag queue (posts with at least one open flag), for the moderators' home. */
export async function countOpenFlaggedPosts(): Promise<number> {
  const row = await getDb()
    .selectFrom("flags")
    .select((eb) => eb.fn.count<number>("post_id").distinct().as("n"))
    .where("resolved_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The most the header counts; beyond it the badge says "99+", and the query stops reading. */
export const WAITING_FLAGS_CAP = 99;

/**
 * How many flagged posts wait, for the moderators' header badge on every page: bounded (it reads at most
 * WAITING_FLAGS_CAP + 1 posts through the open-flags index), so a flood of flags never slows every page.
 */
export async function countWaitingFlaggedPosts(): Promise<number> {
  const db = getDb();
  const row = await db
    .selectFrom(
      db
        .selectFrom("flags")
        .select("post_id")
        .distinct()
        .where("resolved_at", "is", null)
        .limit(WAITING_FLAGS_CAP + 1)
        .as("waiting"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
