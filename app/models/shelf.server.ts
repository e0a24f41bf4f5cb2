import { getDb, type Executor } from "~db/client.server";
import type { ResourceCost, ResourceType } from "~db/schema";
import { parseSearchQuery } from "~/lib/search-query";
import { linkHost, STALE_AFTER_MS, type ResourceInput } from "~/lib/shelf";
import { tr } from "~/lib/translate";
import { logAction } from "./audit-log.server";
import { invalidateThreadPages } from "./page-invalidation.server";
import { searchPosts } from "./search-index.server";
import { threadShownTo } from "./visibility.server";

// The shelf (issue 19, docs/decisions/0044): resources are threads of kind "resource" with a `resources` row.
// Everything here shows what everyone may see (threadShownTo with no reader), so a hidden or removed resource
// leaves the shelf the moment it is hidden; the shelf is not in the visitor page cache, and the resource's own
// thread page is dropped from it by the hiding (page-invalidation.server). A link is shown as text with its
// host and never fetched; a file is the first document attached to the opening post, while it is not removed.

export const SHELF_PAGE_SIZE = 20;
export const SHELF_PAGES_MAX = 25;

export interface ShelfItem {
  id: number;
  slug: string;
  title: string;
  excerpt: string;
  type: ResourceType;
  audience: string;
  cost: ResourceCost;
  language: string;
  link: { url: string; host: string } | null;
  file: { url: string; name: string } | null;
  helpfulCount: number;
  replyCount: number;
  topics: Array<{ slug: string; name: string }>;
  checkedAt: number | null;
  possiblyStale: boolean;
}

/** The resource row of a new resource thread, inside createThread's transaction. */
export async function insertResourceRow(trx: Executor, threadId: number, input: ResourceInput): Promise<void> {
  await trx
    .insertInto("resources")
    .values({
      thread_id: threadId,
      link_url: input.linkUrl || null,
      resource_type: input.resourceType as ResourceType,
      audience: input.audience,
      cost: input.cost,
      language: input.language,
      checked_at: null,
      checked_by: null,
    })
    .execute();
}

function shelfQuery(db: Executor) {
  return db
    .selectFrom("resources as r")
    .innerJoin("threads as t", "t.id", "r.thread_id")
    .innerJoin("posts as op", (join) => join.onRef("op.thread_id", "=", "t.id").on("op.depth", "=", 0))
    .where("t.kind", "=", "resource")
    .where(threadShownTo("t"))
    .select([
      "t.id",
      "t.slug",
      "t.title",
      "t.helpful_count",
      "t.reply_count",
      "t.created_at",
      "op.id as opening_id",
      "op.excerpt",
      "r.link_url",
      "r.resource_type",
      "r.audience",
      "r.cost",
      "r.language",
      "r.checked_at",
    ]);
}

type ShelfRow = Awaited<ReturnType<ReturnType<typeof shelfQuery>["execute"]>>[number];

/** The shelf: resources by topic and type, most helpful first; with `q`, the search index's matches. */
export async function listShelf(input: {
  topic?: string | null;
  type?: ResourceType | null;
  q?: string;
  page?: number;
  now?: number;
}): Promise<{ items: ShelfItem[]; page: number; hasNext: boolean }> {
  const now = input.now ?? Date.now();
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), SHELF_PAGES_MAX);
  const db = getDb();
  let query = shelfQuery(db)
    .$if(Boolean(input.type), (q) => q.where("r.resource_type", "=", input.type!))
    .$if(Boolean(input.topic), (q) =>
      q.where("t.id", "in", (eb) =>
        eb
          .selectFrom("thread_tags as tt")
          .innerJoin("tags as g", "g.id", "tt.tag_id")
          .select("tt.thread_id")
          .where("g.slug", "=", input.topic!),
      ),
    );
  const parsed = input.q ? parseSearchQuery(input.q) : null;
  if (parsed && parsed.terms.length) {
    // The search index holds resources already (they are threads): its kind filter keeps to them.
    const results = await searchPosts(parsed, { kind: "resource", topicSlug: input.topic ?? undefined }, page);
    const order = [...new Set(results.hits.map((hit) => hit.thread.id))];
    if (!order.length) return { items: [], page, hasNext: false };
    const rows = await query.where("t.id", "in", order).execute();
    rows.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return { items: await toShelfItems(rows, now), page, hasNext: results.hasMore };
  }
  query = query
    .orderBy("t.helpful_count", "desc")
    .orderBy("t.created_at", "desc")
    .orderBy("t.id", "desc")
    .limit(SHELF_PAGE_SIZE + 1)
    .offset((page - 1) * SHELF_PAGE_SIZE);
  const rows = await query.execute();
  return {
    items: await toShelfItems(rows.slice(0, SHELF_PAGE_SIZE), now),
    page,
    hasNext: rows.length > SHELF_PAGE_SIZE && page < SHELF_PAGES_MAX,
  };
}

/** One resource as the shelf shows it, or null when it is not one everyone may see. */
export async function getShelfItem(threadId: number, now = Date.now()): Promise<ShelfItem | null> {
  const rows = await shelfQuery(getDb()).where("t.id", "=", threadId).execute();
  return (await toShelfItems(rows, now))[0] ?? null;
}

async function toShelfItems(rows: ShelfRow[], now: number): Promise<ShelfItem[]> {
  if (!rows.length) return [];
  const db = getDb();
  const ids = rows.map((r) => r.id);
  const [topics, files] = await Promise.all([
    db
      .selectFrom("thread_tags as tt")
      .innerJoin("tags as g", "g.id", "tt.tag_id")
      .select(["tt.thread_id", "g.slug", "g.name"])
      .where("tt.thread_id", "in", ids)
      .orderBy("g.sort_key")
      .execute(),
    db
      .selectFrom("post_uploads as pu")
      .innerJoin("uploads as u", "u.id", "pu.upload_id")
      .select(["pu.post_id", "u.id", "u.hash", "u.ext", "u.original_name"])
      .where(
        "pu.post_id",
        "in",
        rows.map((r) => r.opening_id),
      )
      .where("u.kind", "=", "document")
      .where("u.removed_at", "is", null)
      .orderBy("u.id")
      .execute(),
  ]);
  return rows.map((r) => {
    const host = r.link_url ? linkHost(r.link_url) : null;
    const file = files.find((f) => f.post_id === r.opening_id);
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      excerpt: r.excerpt ?? "",
      type: r.resource_type,
      audience: r.audience,
      cost: r.cost,
      language: r.language,
      link: r.link_url && host ? { url: r.link_url, host } : null,
      file: file ? { url: `/uploads/${file.hash}.${file.ext}`, name: file.original_name } : null,
      helpfulCount: r.helpful_count,
      replyCount: r.reply_count,
      topics: topics.filter((g) => g.thread_id === r.id).map(({ slug, name }) => ({ slug, name })),
      checkedAt: r.checked_at,
      possiblyStale: now - (r.checked_at ?? r.created_at) > STALE_AFTER_MS,
    };
  });
}

export type CheckResult = { ok: true } | { ok: false; message: string };

/** A moderator checked the resource is still there, still free, still relevant: dated, in the log. */
export async function markResourceChecked(actorId: number, threadId: number, now = Date.now()): Promise<CheckResult> {
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<CheckResult> => {
      const row = await trx
        .selectFrom("resources as r")
        .innerJoin("threads as t", "t.id", "r.thread_id")
        .select(["r.checked_at", "t.author_id", "t.deleted_at"])
        .where("r.thread_id", "=", threadId)
        .executeTakeFirst();
      if (!row || row.deleted_at !== null) return { ok: false, message: tr("shelf:check.noSuchResource") };
      await trx
        .updateTable("resources")
        .set({ checked_at: now, checked_by: actorId })
        .where("thread_id", "=", threadId)
        .execute();
      await logAction(trx, {
        actorId,
        action: "resource.check",
        targetType: "thread",
        targetId: threadId,
        subjectMemberId: row.author_id,
        before: { checkedAt: row.checked_at },
        after: { checkedAt: now },
        now,
      });
      return { ok: true };
    });
  if (result.ok) await invalidateThreadPages(threadId);
  return result;
}

/** For the thread page: a resource thread's facts, null for other threads (or one everyone may not see). */
export async function getResourceFacts(threadId: number, kind: string): Promise<ShelfItem | null> {
  return kind === "resource" ? getShelfItem(threadId) : null;
}
