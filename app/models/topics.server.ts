import { getDb, type Executor } from "~db/client.server";
import { localTopics } from "~/lib/seeded-content";

export interface TopicChoice {
  slug: string;
  name: string;
}

/**
 * Every live topic (merged ones excluded), by name: for pickers. Topic lists order by `sort_key`, then id
 * (app/lib/sort-key.ts): the same on both engines, case and accents aside.
 */
export async function listTopicChoices(): Promise<TopicChoice[]> {
  const topics = await getDb()
    .selectFrom("tags")
    .select(["slug", "name"])
    .where("merged_into_id", "is", null)
    .orderBy("sort_key")
    .orderBy("id")
    .execute();
  // Pickers post slugs, so the names may be the reader's (seeded topics in their language: decision 0039).
  return localTopics(topics);
}

export interface TopicDirectoryItem {
  slug: string;
  name: string;
  description: string;
  threadCount: number;
  lastActivityAt: number | null;
}

export async function listTopicDirectory(): Promise<TopicDirectoryItem[]> {
  const rows = await getDb()
    .selectFrom("tags")
    .select(["slug", "name", "description", "thread_count", "last_activity_at"])
    .where("merged_into_id", "is", null)
    .orderBy("sort_key")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    description: r.description,
    threadCount: r.thread_count,
    lastActivityAt: r.last_activity_at,
  }));
}

/** Topic ids for chosen slugs; any slug that is not a live topic is reported, not dropped silently. */
export async function resolveTopics(slugs: string[]): Promise<{ ids: number[]; unknown: string[] }> {
  const unique = [...new Set(slugs)];
  if (!unique.length) return { ids: [], unknown: [] };
  const rows = await getDb()
    .selectFrom("tags")
    .select(["id", "slug"])
    .where("slug", "in", unique)
    .where("merged_into_id", "is", null)
    .execute();
  const found = new Set(rows.map((r) => r.slug));
  return { ids: rows.map((r) => r.id), unknown: unique.filter((s) => !found.has(s)) };
}

/** Moves a thread to a new set of topics, keeping every topic's thread count true. */
export async function replaceThreadTags(trx: Executor, threadId: number, tagIds: number[]): Promise<void> {
  const current = (
    await trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId).execute()
  ).map((r) => r.tag_id);
  const removed = current.filter((id) => !tagIds.includes(id));
  const added = tagIds.filter((id) => !current.includes(id));
  const thread = await trx
    .selectFrom("threads")
    .select(["hidden_at", "deleted_at"])
    .where("id", "=", threadId)
    .executeTakeFirstOrThrow();
  const counted = thread.hidden_at === null && thread.deleted_at === null;
  if (removed.length) {
    await trx.deleteFrom("thread_tags").where("thread_id", "=", threadId).where("tag_id", "in", removed).execute();
    if (counted) {
      await trx
        .updateTable("tags")
        .set((eb) => ({ thread_count: eb("thread_count", "-", 1) }))
        .where("id", "in", removed)
        .execute();
    }
  }
  if (added.length) {
    await trx
      .insertInto("thread_tags")
      .values(added.map((tag_id) => ({ thread_id: threadId, tag_id })))
      .execute();
    if (counted) {
      await trx
        .updateTable("tags")
        .set((eb) => ({ thread_count: eb("thread_count", "+", 1) }))
        .where("id", "in", added)
        .execute();
    }
  }
}

/** A live (not merged) topic by its slug: its id, and its name for what a page says about it. */
export async function findTopicBySlug(slug: string): Promise<{ id: number; name: string } | null> {
  const row = await getDb()
    .selectFrom("tags")
    .select(["id", "name"])
    .where("slug", "=", slug)
    .where("merged_into_id", "is", null)
    .executeTakeFirst();
  return row ?? null;
}
