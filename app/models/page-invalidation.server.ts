import { getDb } from "~db/client.server";
import { invalidatePages, pageCacheSize } from "~/lib/page-cache.server";

// After a write commits, the cached visitor pages that show what it changed are dropped (app/lib/page-cache).

/** A thread changed (a reply, an edit, a reaction, a moderator's action): its page, its topics' pages, the
 * home page and topic index, and the profile pages of its author and of the members named. */
export async function invalidateThreadPages(threadId: number, memberIds: number[] = []): Promise<void> {
  if (!pageCacheSize()) {
    invalidatePages(["nothing-cached"]); // still marks renders in flight as stale
    return;
  }
  const db = getDb();
  const topics = await db
    .selectFrom("thread_tags")
    .innerJoin("tags", "tags.id", "thread_tags.tag_id")
    .select("tags.slug")
    .where("thread_tags.thread_id", "=", threadId)
    .execute();
  const members = await db
    .selectFrom("members")
    .select("handle")
    .where((eb) =>
      eb.or([
        eb("id", "in", [0, ...memberIds]),
        eb("id", "=", db.selectFrom("threads").select("author_id").where("id", "=", threadId)),
      ]),
    )
    .execute();
  invalidatePages([
    "home",
    "topics",
    `thread:${threadId}`,
    ...topics.map((t) => `topic:${t.slug}`),
    ...members.map((m) => `member:${m.handle}`),
  ]);
}

/** Something shown on many pages changed (a member's name, a topic's name or its threads): drop them all. */
export function invalidateAllPages(): void {
  invalidatePages(["*"]);
}
