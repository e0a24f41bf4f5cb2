import { getDb } from "~db/client.server";
import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import { shownThreads, toListItems, visibleThreads, type ThreadListItem } from "./thread-lists.server";

// The home page's lists of stories and discussions.

const HOME_RECENT_WINDOW_MS = 60 * 24 * 60 * 60 * 1000;

export interface HomeSections {
  featuredStories: ThreadListItem[];
  recentStories: ThreadListItem[];
  activeDiscussions: ThreadListItem[];
}

/**
 * The home page's lists. Featured stories come first, then recent stories that members found helpful;
 * "recent stories" leaves out what the featured list already shows, so no story appears twice.
 */
export async function listHomeSections(now = Date.now()): Promise<HomeSections> {
  const stories = shownThreads().select("t.id").where("t.kind", "=", "story");
  // Each section picks its threads from the threads table alone (indexes threads_kind_created_idx and
  // threads_kind_activity_idx walk the recent ones in order); only those picked are joined (shownThreads).
  const featuredOrder = <Q extends SelectQueryBuilder<any, any, any>>(q: Q) =>
    q
      .orderBy((eb: ExpressionBuilder<any, any>) =>
        eb.case().when("t.featured_at", "is not", null).then(0).else(1).end(),
      )
      .orderBy("t.featured_at", "desc")
      .orderBy("t.helpful_count", "desc")
      .orderBy("t.created_at", "desc")
      .orderBy("t.id", "desc") as Q;
  const newestFirst = <Q extends SelectQueryBuilder<any, any, any>>(
    q: Q,
    column: "t.created_at" | "t.last_activity_at",
  ) => q.orderBy(column, "desc").orderBy("t.id", "desc") as Q;
  const featured = stories
    .where((eb) =>
      eb.or([
        eb("t.featured_at", "is not", null),
        eb.and([eb("t.helpful_count", ">", 0), eb("t.created_at", ">=", now - HOME_RECENT_WINDOW_MS)]),
      ]),
    )
    .$call(featuredOrder)
    .limit(4);
  const recent = newestFirst(stories, "t.created_at").limit(6 + 4);
  const active = newestFirst(
    shownThreads().select("t.id").where("t.kind", "=", "discussion"),
    "t.last_activity_at",
  ).limit(6);
  const [featuredRows, recentRows, activeRows] = await Promise.all([
    visibleThreads().where("t.id", "in", featured).$call(featuredOrder).execute(),
    newestFirst(visibleThreads().where("t.id", "in", recent), "t.created_at").execute(),
    newestFirst(visibleThreads().where("t.id", "in", active), "t.last_activity_at").execute(),
  ]);
  const featuredIds = new Set(featuredRows.map((r) => r.id));
  const recentShown = recentRows.filter((r) => !featuredIds.has(r.id)).slice(0, 6);
  const items = await toListItems([...featuredRows, ...recentShown, ...activeRows]);
  return {
    featuredStories: items.slice(0, featuredRows.length),
    recentStories: items.slice(featuredRows.length, featuredRows.length + recentShown.length),
    activeDiscussions: items.slice(featuredRows.length + recentShown.length),
  };
}

const FOLLOWED_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
export const FOLLOWED_LIMIT = 6;

/**
 * A member's home starts with what is new where they follow (issue 14): threads they follow, and threads in
 * topics they follow, active in the last 30 days, latest activity first. A thread they muted or stopped
 * following stays out even when its topic is followed. Members only: the visitors' home stays cacheable.
 */
export async function listFollowedActivity(memberId: number, now = Date.now()): Promise<ThreadListItem[]> {
  const db = getDb();
  const picked = shownThreads()
    .select("t.id")
    .where("t.last_activity_at", ">=", now - FOLLOWED_WINDOW_MS)
    .where((eb) =>
      eb.or([
        eb(
          "t.id",
          "in",
          db
            .selectFrom("thread_follows")
            .select("thread_id")
            .where("member_id", "=", memberId)
            .where("level", "=", "following"),
        ),
        eb(
          "t.id",
          "in",
          db
            .selectFrom("thread_tags")
            .innerJoin("topic_follows", "topic_follows.tag_id", "thread_tags.tag_id")
            .select("thread_tags.thread_id")
            .where("topic_follows.member_id", "=", memberId),
        ),
      ]),
    )
    .where(
      "t.id",
      "not in",
      db
        .selectFrom("thread_follows")
        .select("thread_id")
        .where("member_id", "=", memberId)
        .where("level", "in", ["muted", "stopped"]),
    )
    .orderBy("t.last_activity_at", "desc")
    .orderBy("t.id", "desc")
    .limit(FOLLOWED_LIMIT);
  const rows = await visibleThreads()
    .where("t.id", "in", picked)
    .orderBy("t.last_activity_at", "desc")
    .orderBy("t.id", "desc")
    .execute();
  return toListItems(rows);
}
