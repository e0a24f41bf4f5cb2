import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { isPubliclyWithheld } from "./round-visibility.server";
import { NEW_COUNT_MAX } from "~/lib/thread-display";
import { locatePost } from "./post-location.server";
import { postShownTo, type Reader } from "./visibility.server";

// Unread (issue 14, docs/decisions/0020): how far each member has read each thread. The position is the id of
// the newest post a thread page showed them (post ids only grow), moved forward by one upsert per page view,
// and only when the page showed something newer. "New" is a post after the position that the member can see
// and did not write. A thread never opened is new only while it is recent: started after the member joined and
// within NEVER_VISITED_NEW_MS; older ones read as read, so a new member is not greeted by the whole archive.
// Visitors have no position and see none of this (their pages are cached for everyone).

export const NEVER_VISITED_NEW_MS = 30 * 24 * 60 * 60 * 1000;

/** A read position past every post: everything is read. */
const ALL_READ = 2_147_483_647; // the largest id an integer column holds, on either engine

export interface ThreadUnread {
  /** The member has something new here: replies since their last visit, or a recent thread never opened. */
  unread: boolean;
  /** Replies after their position that they can see and did not write, at most NEW_COUNT_MAX + 1. */
  newCount: number;
  /** They opened the thread before (else "New" stands for the whole thread). */
  visited: boolean;
}

/**
 * Posts of thread `threadRef` after `positionRef` (SQL expressions) that `reader` can see and did not write,
 * leaving out answers a round still withholds from others.
 */
function newPostsQuery(reader: NonNullable<Reader>, threadRef: string, positionExpr: ReturnType<typeof sql>) {
  const db = getDb();
  return db
    .selectFrom("posts as np")
    .innerJoin("threads as nt", "nt.id", "np.thread_id")
    .select("np.id")
    .where(sql<boolean>`np.thread_id = ${sql.ref(threadRef)}`)
    .where(sql<boolean>`np.id > ${positionExpr}`)
    .where("np.author_id", "!=", reader.id)
    .where(postShownTo("np", reader))
    .where(sql<boolean>`not ${isPubliclyWithheld("np")}`);
}

/**
 * The unread state of the listed threads for one member, in one query whatever the list: each thread's read
 * row, and a count of its new replies bounded by NEW_COUNT_MAX. Threads missing from the map are read.
 */
export async function listUnreadStates(
  reader: NonNullable<Reader>,
  threadIds: number[],
  now = Date.now(),
): Promise<Record<number, ThreadUnread>> {
  const ids = [...new Set(threadIds)].slice(0, 500);
  if (!ids.length) return {};
  const since = now - NEVER_VISITED_NEW_MS;
  // The position a thread is read from: the member's row, else 0 for a recent thread they never opened (all of
  // it is new), else past everything.
  const position = sql`coalesce(r.last_read_post_id, case when t.created_at >= me.created_at and t.created_at >= ${since} and t.author_id != ${reader.id} then 0 else ${ALL_READ} end)`;
  const rows = await getDb()
    .selectFrom("threads as t")
    .innerJoin("members as me", (join) => join.on("me.id", "=", reader.id))
    .leftJoin("thread_reads as r", (join) => join.onRef("r.thread_id", "=", "t.id").on("r.member_id", "=", reader.id))
    .select(["t.id", "r.last_read_post_id"])
    .select((eb) => [
      eb
        .selectFrom(
          newPostsQuery(reader, "t.id", position)
            .where("np.depth", ">=", 1)
            .limit(NEW_COUNT_MAX + 1)
            .as("c"),
        )
        .select(eb.fn.countAll<number>().as("n"))
        .as("new_count"),
      eb.exists(newPostsQuery(reader, "t.id", position)).as("has_new"),
    ])
    .where("t.id", "in", ids)
    .execute();
  const states: Record<number, ThreadUnread> = {};
  for (const row of rows) {
    if (!row.has_new) continue;
    states[row.id] = { unread: true, newCount: Number(row.new_count ?? 0), visited: row.last_read_post_id !== null };
  }
  return states;
}

export interface ThreadReadPosition {
  /** The stored position (null: never opened). */
  stored: number | null;
  /** The position new posts are counted from (null: everything is read). */
  from: number | null;
}

/** Where `reader` is in one thread (see listUnreadStates for the rule when they never opened it). */
export async function getThreadReadPosition(
  reader: NonNullable<Reader>,
  thread: { id: number; createdAt: number; authorId: number },
  now = Date.now(),
): Promise<ThreadReadPosition> {
  const row = await getDb()
    .selectFrom("members as me")
    .leftJoin("thread_reads as r", (join) => join.on("r.thread_id", "=", thread.id).onRef("r.member_id", "=", "me.id"))
    .select(["me.created_at", "r.last_read_post_id"])
    .where("me.id", "=", reader.id)
    .executeTakeFirst();
  if (!row) return { stored: null, from: null };
  if (row.last_read_post_id !== null) return { stored: row.last_read_post_id, from: row.last_read_post_id };
  const recent = thread.createdAt >= Math.max(row.created_at, now - NEVER_VISITED_NEW_MS);
  return { stored: null, from: recent && thread.authorId !== reader.id ? 0 : null };
}

/**
 * The first new post of the thread (lowest id) after position `from` that `reader` can see, for "Jump to the
 * first new reply" when it is not on the page shown.
 */
export async function findFirstNewPost(
  reader: NonNullable<Reader>,
  threadId: number,
  from: number,
): Promise<number | null> {
  const row = await getDb()
    .selectFrom("threads as t")
    .select((eb) =>
      eb
        .selectFrom(
          newPostsQuery(reader, "t.id", sql`${from}`)
            .where("np.depth", ">=", 1)
            .orderBy("np.id")
            .limit(1)
            .as("f"),
        )
        .select("f.id")
        .as("first_id"),
    )
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  return row?.first_id ?? null;
}

/**
 * Moves the member's position in a thread forward to `postId` (the newest post a page showed them): one
 * upsert, which never moves it back (an older page opened later leaves it where it is).
 */
export async function markThreadRead(input: {
  memberId: number;
  threadId: number;
  postId: number;
  now?: number;
}): Promise<void> {
  const now = input.now ?? Date.now();
  await getDb()
    .insertInto("thread_reads")
    .values({ member_id: input.memberId, thread_id: input.threadId, last_read_post_id: input.postId, read_at: now })
    .onConflict((oc) =>
      oc
        .columns(["member_id", "thread_id"])
        .doUpdateSet({ last_read_post_id: (eb) => eb.ref("excluded.last_read_post_id"), read_at: now })
        .where("excluded.last_read_post_id", ">", (eb) => eb.ref("thread_reads.last_read_post_id")),
    )
    .execute();
}

export interface ThreadPageUnread {
  /** Replies on this page that are new to the member, in page order. */
  newPostIds: number[];
  /** Where the first new reply is: an anchor on this page, or the URL of the page that shows it; null if none. */
  firstNewUrl: string | null;
}

/**
 * A member opened a thread page: which of its replies are new to them and where the first new reply is (on
 * this page, or another page or branch, through locatePost), then their position moves forward to the newest
 * post the page showed them. At most one write, and none when the page showed nothing newer.
 */
export async function recordThreadPageView(
  viewer: NonNullable<Reader>,
  page: {
    thread: { id: number; createdAt: number; author: { id: number } };
    shownPosts: Array<{ id: number; depth: number; html: string | null; author: { id: number } | null }>;
  },
  now = Date.now(),
): Promise<ThreadPageUnread> {
  const { thread } = page;
  const position = await getThreadReadPosition(
    viewer,
    { id: thread.id, createdAt: thread.createdAt, authorId: thread.author.id },
    now,
  );
  const seen = page.shownPosts.filter((post) => post.html !== null);
  const from = position.from;
  const newPostIds =
    from === null
      ? []
      : seen.filter((post) => post.depth > 0 && post.id > from && post.author?.id !== viewer.id).map((p) => p.id);
  let firstNewUrl: string | null = newPostIds.length ? `#post-${newPostIds[0]}` : null;
  if (!firstNewUrl && from !== null) {
    const firstId = await findFirstNewPost(viewer, thread.id, from);
    if (firstId !== null) firstNewUrl = await locatePost(firstId, viewer);
  }
  const newest = Math.max(0, ...seen.map((post) => post.id));
  if (newest > (position.stored ?? 0))
    await markThreadRead({ memberId: viewer.id, threadId: thread.id, postId: newest, now });
  return { newPostIds, firstNewUrl };
}
