import { getDb } from "~db/client.server";
import { invalidatePages, pageCacheSize } from "~/lib/page-cache.server";

// After a write commits, the cached visitor pages that show what it changed are dropped (app/lib/page-cache),
// and only those (docs/decisions/0006, 0012). What each cached page shows:
// - a thread's page: the whole thread;
// - a topic's page, the home page and the topic index: its threads' titles, opening excerpts and counts;
// - a member's profile: the threads they started (title, excerpt, counts) and their replies, each under its
//   thread's title.

/** A thread changed (a reply, a reaction, a lock, a pin): its page, its topics' pages, the home page and topic
 * index, the profile of its author (whose list shows its counts) and of the members named. */
export async function invalidateThreadPages(threadId: number, memberIds: number[] = []): Promise<void> {
  await dropThreadPages(threadId, { memberIds });
}

/** A reply was hidden, restored, removed or edited: its thread's pages, and its author's profile, which lists it. */
export async function invalidatePostPages(postId: number): Promise<void> {
  const post = await getDb()
    .selectFrom("posts")
    .select(["thread_id", "author_id"])
    .where("id", "=", postId)
    .executeTakeFirst();
  if (post) await dropThreadPages(post.thread_id, { memberIds: [post.author_id] });
  else invalidatePages(["nothing-cached"]); // still marks renders in flight as stale
}

/** A thread was hidden, restored, removed or retitled: its title goes from, or changes on, the profile of every
 * member who replied in it too, besides everything invalidateThreadPages drops. */
export async function invalidateThreadEverywhere(threadId: number): Promise<void> {
  await dropThreadPages(threadId, { memberIds: [], repliers: true });
}

async function dropThreadPages(threadId: number, members: { memberIds: number[]; repliers?: boolean }): Promise<void> {
  if (!pageCacheSize()) {
    // No page to drop, but renders in flight are marked stale and the thread's post fragments go.
    invalidatePages([`thread:${threadId}`]);
    return;
  }
  const db = getDb();
  const topics = await db
    .selectFrom("thread_tags")
    .innerJoin("tags", "tags.id", "thread_tags.tag_id")
    .select("tags.slug")
    .where("thread_tags.thread_id", "=", threadId)
    .execute();
  const handles = await db
    .selectFrom("members")
    .select("handle")
    .where((eb) =>
      eb.or([
        eb("id", "in", [0, ...members.memberIds]),
        eb("id", "=", db.selectFrom("threads").select("author_id").where("id", "=", threadId)),
        ...(members.repliers
          ? [eb("id", "in", db.selectFrom("posts").select("author_id").where("thread_id", "=", threadId))]
          : []),
      ]),
    )
    .execute();
  invalidatePages([
    "home",
    "topics",
    `thread:${threadId}`,
    ...topics.map((t) => `topic:${t.slug}`),
    ...handles.map((m) => `member:${m.handle}`),
  ]);
}

/** Something shown on many pages changed (a member's name, a topic's name or its threads): drop them all. */
export function invalidateAllPages(): void {
  invalidatePages(["*"]);
}
