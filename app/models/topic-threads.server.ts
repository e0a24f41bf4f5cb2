import { getDb } from "~db/client.server";
import { localTopics, threadTitle, topicDescription, topicName } from "~/lib/seeded-content";
import type { ThreadKind } from "~db/schema";
import {
  encodeCursor,
  pageSize,
  requireCursor,
  sortedAfter,
  shownThreads,
  sortValue,
  splitPage,
  toListItems,
  visibleThreads,
  type ThreadListPage,
  type ThreadSort,
} from "./thread-lists.server";
import { threadShownTo } from "./visibility.server";

// A topic's page (its header and its threads) and the index of all topics.

export const TOPIC_PAGE_SIZE = 30;
/** Pinned threads lead a topic's first page; more than this many would push everything else away. */
export const PINNED_MAX = 10;

export interface TopicPageView {
  slug: string;
  name: string;
  description: string;
  threadCount: number;
  lastActivityAt: number | null;
}

export interface TopicIndexItem extends TopicPageView {
  /** The visible thread with the most recent activity in the topic, if any. */
  latestThread: { id: number; slug: string; title: string; lastActivityAt: number } | null;
}

/**
 * A topic's threads. The first page starts with the pinned threads (in the order they were pinned), which
 * later pages leave out; the rest page by the sort key, newest or highest first, ties broken by id.
 * Throws InvalidCursorError for a cursor that parseCursor refuses (routes check first and answer 400).
 */
export async function listTopicThreads(input: {
  topicSlug: string;
  sort: ThreadSort;
  kind?: ThreadKind;
  /** Only threads whose opening post is in this language (lib/post-language); threads of unknown language drop out. */
  language?: string;
  after?: string;
  limit?: number;
}): Promise<ThreadListPage> {
  const { sort, kind } = input;
  const limit = pageSize(input.limit ?? TOPIC_PAGE_SIZE);
  const cursor = requireCursor(input.after, sort);
  const db = getDb();
  const inTopic = shownThreads()
    .select("t.id")
    .where("t.id", "in", (eb) =>
      eb
        .selectFrom("thread_tags")
        .select("thread_id")
        .where("tag_id", "=", (eb2) => eb2.selectFrom("tags").select("id").where("slug", "=", input.topicSlug)),
    )
    .$if(kind !== undefined, (q) => q.where("t.kind", "=", kind!))
    .$if(input.language !== undefined, (q) => q.where("t.language", "=", input.language!));
  const regular = sortedAfter(inTopic.where("t.pinned_at", "is", null), sort, cursor, limit + 1);
  // The page's threads are picked from the threads table alone, then joined to their authors and opening
  // posts; the first page picks the pinned threads (index threads_pinned_order_idx) and the first regular ones.
  const picked =
    cursor === null
      ? db
          .selectFrom(
            inTopic
              .where("t.pinned_at", "is not", null)
              .orderBy("t.pinned_at")
              .orderBy("t.id")
              .limit(PINNED_MAX)
              .as("pinned"),
          )
          .select("pinned.id")
          .unionAll(db.selectFrom(regular.as("regular")).select("regular.id"))
      : regular;
  const rows = await visibleThreads().where("t.id", "in", picked).execute();
  const pinned = rows.filter((r) => r.pinned_at !== null).sort((a, b) => a.pinned_at! - b.pinned_at! || a.id - b.id);
  const ordered = rows
    .filter((r) => r.pinned_at === null)
    .sort((a, b) => sortValue(b, sort) - sortValue(a, sort) || b.id - a.id);
  const page = splitPage(ordered, limit, (last) => encodeCursor(sort, { value: sortValue(last, sort), id: last.id }));
  return { items: await toListItems([...pinned, ...page.rows]), nextCursor: page.nextCursor };
}

const MAX_MERGE_HOPS = 5;

/** A live topic's header; `{ redirectTo }` with the live topic's slug when this one was merged; else null. */
export async function getTopicPage(slug: string): Promise<TopicPageView | { redirectTo: string } | null> {
  const db = getDb();
  const columns = ["id", "slug", "name", "description", "thread_count", "last_activity_at", "merged_into_id"] as const;
  const row = await db.selectFrom("tags").select(columns).where("slug", "=", slug).executeTakeFirst();
  if (!row) return null;
  let topic = row;
  // Follow a chain of merges (a into b, later b into c) so the visitor is redirected only once.
  for (let hop = 0; topic.merged_into_id !== null && hop < MAX_MERGE_HOPS; hop++) {
    const next = await db.selectFrom("tags").select(columns).where("id", "=", topic.merged_into_id).executeTakeFirst();
    if (!next) return null;
    topic = next;
  }
  if (topic !== row) return { redirectTo: topic.slug };
  return {
    slug: topic.slug,
    // A seeded topic in the reader's language while unedited (docs/decisions/0039).
    name: topicName(topic.slug, topic.name),
    description: topicDescription(topic.slug, topic.description),
    threadCount: topic.thread_count,
    lastActivityAt: topic.last_activity_at,
  };
}

/** Every live topic by name, with its thread count and the visible thread most recently active in it. */
export async function listTopicIndex(): Promise<TopicIndexItem[]> {
  const db = getDb();
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("tags as g")
        .select((eb2) => [
          "g.id",
          "g.slug",
          "g.name",
          "g.sort_key",
          "g.description",
          "g.thread_count",
          eb2
            .selectFrom("thread_tags as tt")
            .innerJoin("threads as t", "t.id", "tt.thread_id")
            .select("t.id")
            .whereRef("tt.tag_id", "=", "g.id")
            .where(threadShownTo("t"))
            .orderBy("t.last_activity_at", "desc")
            .orderBy("t.id", "desc")
            .limit(1)
            .as("latest_id"),
        ])
        .where("g.merged_into_id", "is", null)
        .as("topic"),
    )
    .leftJoin("threads as lt", "lt.id", "topic.latest_id")
    .select([
      "topic.slug",
      "topic.name",
      "topic.description",
      "topic.thread_count",
      "lt.id as thread_id",
      "lt.slug as thread_slug",
      "lt.title as thread_title",
      "lt.kind as thread_kind",
      "lt.last_activity_at as thread_activity",
    ])
    .orderBy("topic.sort_key")
    .orderBy("topic.id")
    .execute();
  return localTopics(rows).map((r) => {
    const latestThread =
      r.thread_id !== null && r.thread_slug !== null && r.thread_title !== null && r.thread_activity !== null
        ? {
            id: r.thread_id,
            slug: r.thread_slug,
            title: threadTitle(r.thread_kind ?? "", r.thread_title),
            lastActivityAt: r.thread_activity,
          }
        : null;
    return {
      slug: r.slug,
      name: r.name,
      description: r.description,
      threadCount: r.thread_count,
      lastActivityAt: latestThread?.lastActivityAt ?? null,
      latestThread,
    };
  });
}
