import { sql } from "kysely";
import { getDb, type Executor } from "~db/client.server";
import { shortenText } from "~/lib/markdown.server";
import { postShownTo, threadShownTo, type Reader } from "./visibility.server";

export type AuditAction =
  | "role.set"
  | "thread.pin"
  | "thread.unpin"
  | "thread.lock"
  | "thread.unlock"
  | "thread.feature"
  | "thread.unfeature"
  | "thread.tags"
  | "thread.hide"
  | "thread.restore"
  | "prompt.open"
  | "post.hide"
  | "post.restore"
  | "flags.dismiss"
  | "member.suspend"
  | "member.unsuspend"
  | "member.note"
  | "member.approve"
  | "member.decline"
  | "topic.create"
  | "topic.edit"
  | "topic.merge"
  | "round.create"
  | "round.synthesis"
  | "upload.remove"
  | "place.create"
  | "place.remove"
  | "resource.check";

export const AUDIT_ACTIONS: AuditAction[] = [
  "role.set",
  "thread.pin",
  "thread.unpin",
  "thread.lock",
  "thread.unlock",
  "thread.feature",
  "thread.unfeature",
  "thread.tags",
  "thread.hide",
  "thread.restore",
  "prompt.open",
  "post.hide",
  "post.restore",
  "flags.dismiss",
  "member.suspend",
  "member.unsuspend",
  "member.note",
  "member.approve",
  "member.decline",
  "topic.create",
  "topic.edit",
  "topic.merge",
  "round.create",
  "round.synthesis",
  "upload.remove",
  "place.create",
  "place.remove",
  "resource.check",
];

export interface AuditEntry {
  actorId: number;
  action: AuditAction;
  targetType: "thread" | "post" | "member" | "topic" | "round" | "place";
  targetId: number;
  subjectMemberId?: number | null;
  reason?: string;
  before?: unknown;
  after?: unknown;
  now?: number;
}

/**
 * Writes the one audit row of a moderator or admin action, inside that action's transaction. The log is
 * append-only: nothing in the application updates or deletes these rows.
 */
export async function logAction(trx: Executor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      subject_member_id: entry.subjectMemberId ?? null,
      reason: entry.reason ?? "",
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
      created_at: entry.now ?? Date.now(),
    })
    .execute();
}

export interface AuditLogFilter {
  actorHandle?: string;
  action?: AuditAction;
  memberHandle?: string;
  from?: number;
  to?: number;
  before?: number;
  limit?: number;
}

/** How much of a post's excerpt the log shows beside "Reply in ...": enough to recognise it. */
export const AUDIT_POST_EXCERPT_CHARS = 90;

export interface AuditLogItem {
  id: number;
  action: string;
  actor: { handle: string; displayName: string };
  subject: { handle: string; displayName: string } | null;
  targetType: string;
  targetId: number;
  /**
   * What the row acted on, named for a moderator: a thread row's thread, a post row's post and its thread (null
   * when the reader may not see it any more: removed), a topic row's slug.
   */
  thread: { id: number; slug: string; title: string } | null;
  post: { depth: number; excerpt: string } | null;
  topicSlug: string | null;
  reason: string;
  before: string | null;
  after: string | null;
  createdAt: number;
}

/**
 * The log, newest first, filtered, with keyset pagination on id. Each row's thread, post or topic comes in the
 * same query (one bounded read, however many rows), through the visibility rule for `reader`: moderators see
 * hidden content here as everywhere in their tools, and removed content is named by no one.
 */
export async function listAuditLog(
  filter: AuditLogFilter & { reader: Reader },
): Promise<{ items: AuditLogItem[]; nextBefore: number | null }> {
  const limit = filter.limit ?? 50;
  const rows = await getDb()
    .selectFrom("audit_log as l")
    .innerJoin("members as a", "a.id", "l.actor_id")
    .leftJoin("members as s", "s.id", "l.subject_member_id")
    .leftJoin("posts as p", (join) =>
      join.on("l.target_type", "=", "post").onRef("p.id", "=", "l.target_id").on(postShownTo("p", filter.reader)),
    )
    .leftJoin("threads as t", (join) =>
      join
        // A thread row's own thread, or a post row's thread: one primary-key lookup either way.
        .on(
          "t.id",
          "=",
          sql<number>`case when ${sql.ref("l.target_type")} = 'thread' then ${sql.ref("l.target_id")} else ${sql.ref("p.thread_id")} end`,
        )
        .on(threadShownTo("t", filter.reader)),
    )
    .leftJoin("tags as g", (join) => join.on("l.target_type", "=", "topic").onRef("g.id", "=", "l.target_id"))
    .select([
      "t.id as thread_id",
      "t.slug as thread_slug",
      "t.title as thread_title",
      "p.depth as post_depth",
      "p.excerpt as post_excerpt",
      "g.slug as topic_slug",
      "l.id",
      "l.action",
      "a.handle as actor_handle",
      "a.display_name as actor_name",
      "s.handle as subject_handle",
      "s.display_name as subject_name",
      "l.target_type",
      "l.target_id",
      "l.reason",
      "l.before_json",
      "l.after_json",
      "l.created_at",
    ])
    .$if(Boolean(filter.actorHandle), (q) => q.where("a.handle", "=", filter.actorHandle!))
    .$if(Boolean(filter.memberHandle), (q) => q.where("s.handle", "=", filter.memberHandle!))
    .$if(Boolean(filter.action), (q) => q.where("l.action", "=", filter.action!))
    .$if(filter.from !== undefined, (q) => q.where("l.created_at", ">=", filter.from!))
    .$if(filter.to !== undefined, (q) => q.where("l.created_at", "<", filter.to!))
    .$if(filter.before !== undefined, (q) => q.where("l.id", "<", filter.before!))
    .orderBy("l.id", "desc")
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    action: r.action,
    actor: { handle: r.actor_handle, displayName: r.actor_name },
    subject: r.subject_handle && r.subject_name ? { handle: r.subject_handle, displayName: r.subject_name } : null,
    targetType: r.target_type,
    targetId: r.target_id,
    thread:
      r.thread_id !== null && r.thread_slug !== null && r.thread_title !== null
        ? { id: r.thread_id, slug: r.thread_slug, title: r.thread_title }
        : null,
    // A post shows only where its thread does too.
    post:
      r.post_depth !== null && r.thread_id !== null
        ? { depth: r.post_depth, excerpt: shortenText(r.post_excerpt ?? "", AUDIT_POST_EXCERPT_CHARS) }
        : null,
    topicSlug: r.topic_slug,
    reason: r.reason,
    before: r.before_json,
    after: r.after_json,
    createdAt: r.created_at,
  }));
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}
