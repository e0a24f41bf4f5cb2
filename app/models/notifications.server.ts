import { getDb, type Executor } from "~db/client.server";
import type { NotificationKind } from "~db/schema";
import { bylineName, loadPseudonyms, presentAuthor } from "./pseudonyms.server";
import { enqueueReplyAlerts } from "./reply-alerts.server";
import { publiclyWithheldPostIds } from "./round-visibility.server";
import { postShownTo, readerFor, threadShownTo, type Reader } from "./visibility.server";

// Notifications are written in the same transaction as the event that causes them, and so are the email
// alerts a reply or a mention queues (reply-alerts.server).

/** A post notifies at most this many of the members it mentions; the rest of its mentions are links only. */
export const MENTION_NOTIFY_MAX = 10;

interface NewNotification {
  memberId: number;
  kind: NotificationKind;
  threadId?: number | null;
  postId?: number | null;
  actorId?: number | null;
  detail?: string;
}

export async function notify(trx: Executor, rows: NewNotification[], now = Date.now()): Promise<void> {
  if (!rows.length) return;
  const inserted = await trx
    .insertInto("notifications")
    .values(
      rows.map((n) => ({
        member_id: n.memberId,
        kind: n.kind,
        thread_id: n.threadId ?? null,
        post_id: n.postId ?? null,
        actor_id: n.actorId ?? null,
        detail: n.detail ?? "",
        created_at: now,
        read_at: null,
      })),
    )
    .returning(["id", "member_id", "kind", "thread_id", "post_id"])
    .execute();
  await enqueueReplyAlerts(trx, inserted, now);
}

/**
 * Members mentioned in a post who have not been notified of it yet (so an edit never notifies twice), and
 * who can see it: anyone for a visible post in a visible thread, which is the only kind that notifies.
 * `handles` are the render's mentions, in the order they appear; a post notifies the first
 * MENTION_NOTIFY_MAX members it mentions, over all its versions, and no more.
 */
async function newMentions(trx: Executor, postId: number, handles: string[], authorId: number): Promise<number[]> {
  if (!handles.length) return [];
  const members = await trx
    .selectFrom("members")
    .select(["id", "handle"])
    .where("handle", "in", handles)
    .where("id", "!=", authorId)
    .execute();
  if (!members.length) return [];
  const already = await trx
    .selectFrom("notifications")
    .select("member_id")
    .where("post_id", "=", postId)
    .where("kind", "=", "mention")
    .execute();
  const done = new Set(already.map((r) => r.member_id));
  const idByHandle = new Map(members.map((m) => [m.handle.toLowerCase(), m.id]));
  const mentioned = handles.map((h) => idByHandle.get(h)).filter((id) => id !== undefined);
  return mentioned.filter((id) => !done.has(id)).slice(0, Math.max(0, MENTION_NOTIFY_MAX - done.size));
}

/**
 * Everyone a new reply concerns, each told once, the most specific reason winning: the author of the post
 * answered, then members mentioned, then followers of the thread (not those who muted or stopped it).
 */
export async function notifyNewReply(
  trx: Executor,
  reply: {
    postId: number;
    threadId: number;
    authorId: number;
    parentAuthorId: number;
    mentions: string[];
    now?: number;
  },
): Promise<void> {
  const recipients = new Map<number, NotificationKind>();
  if (reply.parentAuthorId !== reply.authorId) recipients.set(reply.parentAuthorId, "reply");
  for (const id of await newMentions(trx, reply.postId, reply.mentions, reply.authorId))
    if (!recipients.has(id)) recipients.set(id, "mention");
  const followers = await trx
    .selectFrom("thread_follows")
    .select(["member_id", "level"])
    .where("thread_id", "=", reply.threadId)
    .execute();
  for (const f of followers)
    if (f.level === "following" && f.member_id !== reply.authorId && !recipients.has(f.member_id))
      recipients.set(f.member_id, "thread-reply");
  // A member who muted the thread hears nothing more from it but a mention by name.
  for (const f of followers)
    if (f.level === "muted" && recipients.get(f.member_id) !== "mention") recipients.delete(f.member_id);
  await notify(
    trx,
    [...recipients].map(([memberId, kind]) => ({
      memberId,
      kind,
      threadId: reply.threadId,
      postId: reply.postId,
      actorId: reply.authorId,
    })),
    reply.now,
  );
}

/** A new thread: its mentions, and followers of any of its topics (once each). */
export async function notifyNewThread(
  trx: Executor,
  thread: { threadId: number; postId: number; authorId: number; mentions: string[]; tagIds: number[]; now?: number },
): Promise<void> {
  const recipients = new Map<number, NotificationKind>();
  for (const id of await newMentions(trx, thread.postId, thread.mentions, thread.authorId))
    recipients.set(id, "mention");
  if (thread.tagIds.length) {
    const followers = await trx
      .selectFrom("topic_follows")
      .select("member_id")
      .distinct()
      .where("tag_id", "in", thread.tagIds)
      .execute();
    for (const f of followers)
      if (f.member_id !== thread.authorId && !recipients.has(f.member_id)) recipients.set(f.member_id, "topic-thread");
  }
  await notify(
    trx,
    [...recipients].map(([memberId, kind]) => ({
      memberId,
      kind,
      threadId: thread.threadId,
      postId: thread.postId,
      actorId: thread.authorId,
    })),
    thread.now,
  );
}

/** After an edit: members newly mentioned, if the post is visible. */
export async function notifyEditedMentions(
  trx: Executor,
  post: { postId: number; threadId: number; authorId: number; mentions: string[] },
): Promise<void> {
  const ids = await newMentions(trx, post.postId, post.mentions, post.authorId);
  await notify(
    trx,
    ids.map((memberId) => ({
      memberId,
      kind: "mention",
      threadId: post.threadId,
      postId: post.postId,
      actorId: post.authorId,
    })),
  );
}

/** A member as the visibility rule needs them: their id and role (looked up when only the id is given). */
type Recipient = number | NonNullable<Reader>;

const asReader = (member: Recipient) => (typeof member === "number" ? readerFor(member) : Promise.resolve(member));

/**
 * Notices about the member's own content being moderated, or about their flags: theirs whatever became of the
 * content since, though they name its thread (and link to the post) only while the member may see it.
 */
const MODERATION_NOTICES: NotificationKind[] = ["content-hidden", "content-restored", "flag-outcome"];

/**
 * A member's notifications that they may see: any other notice is about a thread or post, and goes (from the
 * list and the count) while moderators hide it from them or once it is removed (docs/decisions/0012).
 */
function shownNotifications(reader: NonNullable<Reader>) {
  return getDb()
    .selectFrom("notifications as n")
    .leftJoin("threads as t", "t.id", "n.thread_id")
    .leftJoin("posts as p", "p.id", "n.post_id")
    .where("n.member_id", "=", reader.id)
    .where((eb) =>
      eb.or([
        eb("n.kind", "in", MODERATION_NOTICES),
        eb.and([
          eb.or([eb("t.id", "is", null), threadShownTo("t", reader)]),
          eb.or([eb("p.id", "is", null), postShownTo("p", reader)]),
        ]),
      ]),
    );
}

/** The header badge says "99+" past this; its count reads at most one notification more. */
export const UNREAD_BADGE_CAP = 99;

/**
 * Unread notifications the member may see. `atMost` bounds the work: the header badge on every page of a member
 * asks for UNREAD_BADGE_CAP + 1, so a member with thousands unread (each checked against its thread and post)
 * does not pay for all of them on every page; the notifications page counts them all.
 */
export async function countUnread(member: Recipient, options: { atMost?: number } = {}): Promise<number> {
  const unread = shownNotifications(await asReader(member)).where("n.read_at", "is", null);
  if (options.atMost === undefined) {
    const row = await unread.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const row = await getDb()
    .selectFrom(unread.select("n.id").limit(options.atMost).as("u"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NotificationLine {
  /** Ids of the notifications this line stands for (several replies in one thread are one line). */
  ids: number[];
  kind: NotificationKind;
  count: number;
  unread: boolean;
  createdAt: number;
  thread: { id: number; slug: string; title: string } | null;
  postId: number | null;
  actors: string[];
  detail: string;
  /** The first (oldest) post the line is about that the member may see: where its link opens the thread. */
  firstPostId: number | null;
  /** The start of that post's stored excerpt, at most NOTIFICATION_EXCERPT_CHARS; empty when not shown. */
  excerpt: string;
}

/** Notifications read for one page of the list (newest first); older ones are a "before" cursor away. */
export const NOTIFICATIONS_PAGE_ROWS = 50;
export const NOTIFICATION_EXCERPT_CHARS = 140;

const clip = (text: string) =>
  text.length > NOTIFICATION_EXCERPT_CHARS ? `${text.slice(0, NOTIFICATION_EXCERPT_CHARS - 1).trimEnd()}…` : text;

export interface NotificationsPage {
  lines: NotificationLine[];
  /** Cursor (a notification id) of the page of older ones, if any. */
  nextBefore: number | null;
  /** Every unread notification the member may see, on any page: the header badge's number. */
  unreadCount: number;
}

/** One page of the notifications page: at most NOTIFICATIONS_PAGE_ROWS notifications before `before`. */
export async function getNotificationsPage(member: Recipient, before: number | null): Promise<NotificationsPage> {
  const reader = await asReader(member);
  const { lines, lastId, more } = await readLines(reader, NOTIFICATIONS_PAGE_ROWS, before);
  return { lines, nextBefore: more ? lastId : null, unreadCount: await countUnread(reader) };
}

const GROUPED: NotificationKind[] = ["reply", "thread-reply"];

/**
 * The member's notifications, newest first, replies in the same thread and read state grouped into one line.
 * Only those the member may see (shownNotifications), and a thread or post named only while they may see it.
 * Whoever caused one is named as the post they wrote presents them (a pseudonym, for a post under one), to
 * moderators too: a notice is no place to learn who is behind a pseudonym.
 */
export async function listNotifications(member: Recipient, limit = 100): Promise<NotificationLine[]> {
  return (await readLines(await asReader(member), limit, null)).lines;
}

async function readLines(reader: NonNullable<Reader>, limit: number, before: number | null) {
  const rows = await shownNotifications(reader)
    .leftJoin("members as a", "a.id", "n.actor_id")
    .select([
      threadShownTo("t", reader).as("thread_shown"),
      postShownTo("p", reader).as("post_shown"),
      "n.id",
      "n.kind",
      "n.post_id",
      "n.detail",
      "n.created_at",
      "n.read_at",
      "t.id as thread_id",
      "t.slug",
      "t.title",
      "a.id as actor_id",
      "a.handle",
      "a.display_name",
      "p.excerpt",
    ])
    // An answer a round still withholds from others lends the notice no words.
    .select((eb) => eb("n.post_id", "in", publiclyWithheldPostIds(getDb())).as("withheld"))
    .$if(before !== null, (q) => q.where("n.id", "<", before!))
    .orderBy("n.id", "desc")
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  if (more) rows.pop();
  const pseudonyms = await loadPseudonyms({
    postIds: [...new Set(rows.flatMap((r) => (r.post_id !== null && r.actor_id !== null ? [r.post_id] : [])))],
  });
  const actorOf = (r: (typeof rows)[number]): string | null =>
    r.actor_id !== null && r.handle !== null && r.display_name !== null
      ? bylineName(
          presentAuthor(
            { id: r.actor_id, handle: r.handle, displayName: r.display_name },
            r.post_id === null ? null : pseudonyms.get(r.post_id),
            null,
          ),
        )
      : null;
  const lines: NotificationLine[] = [];
  const groups = new Map<string, NotificationLine>();
  for (const r of rows) {
    const unread = r.read_at === null;
    const key = GROUPED.includes(r.kind) && r.thread_id ? `${r.thread_id}:${unread}` : null;
    const existing = key ? groups.get(key) : undefined;
    const actor = actorOf(r);
    const words = r.post_shown && !r.withheld ? clip(r.excerpt ?? "") : "";
    if (existing) {
      existing.ids.push(r.id);
      existing.count++;
      // Replies to the member and others' replies together are "new replies", not all "replies to you".
      if (existing.kind !== r.kind) existing.kind = "thread-reply";
      if (actor && !existing.actors.includes(actor)) existing.actors.push(actor);
      // Rows come newest first: an older post the member may see is the line's first.
      if (r.post_shown && r.post_id !== null) {
        existing.firstPostId = r.post_id;
        existing.excerpt = words;
      }
      continue;
    }
    const line: NotificationLine = {
      ids: [r.id],
      kind: r.kind,
      count: 1,
      unread,
      createdAt: r.created_at,
      thread:
        r.thread_id && r.slug && r.title && r.thread_shown ? { id: r.thread_id, slug: r.slug, title: r.title } : null,
      postId: r.post_shown ? r.post_id : null,
      actors: actor ? [actor] : [],
      detail: r.detail,
      firstPostId: r.post_shown ? r.post_id : null,
      excerpt: words,
    };
    lines.push(line);
    if (key) groups.set(key, line);
  }
  return { lines, lastId: rows.at(-1)?.id ?? null, more };
}

export async function markRead(memberId: number, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const result = await getDb()
    .updateTable("notifications")
    .set({ read_at: Date.now() })
    .where("member_id", "=", memberId)
    .where("id", "in", ids)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * A member who saw posts on a page has read what notified them of those posts (and an email alert about them,
 * not yet sent, is then not sent). Writes only when there is something unread, so most page views write nothing.
 */
/** The posts a page showed this viewer (their words, not a placeholder): the ones whose notifications it reads. */
export function seenPostIds(posts: Array<{ id: number; html: string | null }>): number[] {
  return posts.filter((post) => post.html !== null).map((post) => post.id);
}

export async function markPostsRead(memberId: number, postIds: number[], now = Date.now()): Promise<void> {
  if (!postIds.length) return;
  const db = getDb();
  const unread = await db
    .selectFrom("notifications")
    .select("id")
    .where("member_id", "=", memberId)
    .where("read_at", "is", null)
    .where("post_id", "in", postIds)
    .execute();
  if (!unread.length) return;
  await db
    .updateTable("notifications")
    .set({ read_at: now })
    .where(
      "id",
      "in",
      unread.map((n) => n.id),
    )
    .where("read_at", "is", null)
    .execute();
}

export async function markAllRead(memberId: number): Promise<void> {
  await getDb()
    .updateTable("notifications")
    .set({ read_at: Date.now() })
    .where("member_id", "=", memberId)
    .where("read_at", "is", null)
    .execute();
}
