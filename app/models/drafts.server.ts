import { getDb, type Executor } from "~db/client.server";
import type { DraftKind } from "~db/schema";
import { readerFor, threadShownTo } from "./visibility.server";

export interface DraftInput {
  memberId: number;
  draftId?: number;
  kind: DraftKind;
  threadId?: number | null;
  parentPostId?: number | null;
  title?: string;
  bodySource: string;
  tagSlugs?: string[];
}

export interface DraftView {
  id: number;
  kind: DraftKind;
  title: string;
  bodySource: string;
  tagSlugs: string[];
  threadId: number | null;
  parentPostId: number | null;
  updatedAt: number;
}

function toView(row: {
  id: number;
  kind: DraftKind;
  title: string;
  body_source: string;
  tag_slugs: string;
  thread_id: number | null;
  parent_post_id: number | null;
  updated_at: number;
}): DraftView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    bodySource: row.body_source,
    tagSlugs: row.tag_slugs ? row.tag_slugs.split(",") : [],
    threadId: row.thread_id,
    parentPostId: row.parent_post_id,
    updatedAt: row.updated_at,
  };
}

const DRAFT_COLUMNS = [
  "id",
  "kind",
  "title",
  "body_source",
  "tag_slugs",
  "thread_id",
  "parent_post_id",
  "updated_at",
] as const;

/**
 * Saves a draft for its owner: updates the draft named by id if it is theirs, or the member's existing
 * draft for the same reply, else starts a new one. Returns the draft's id.
 */
export async function saveDraft(input: DraftInput): Promise<number> {
  const db = getDb();
  const now = Date.now();
  const values = {
    title: input.title ?? "",
    body_source: input.bodySource,
    tag_slugs: (input.tagSlugs ?? []).join(","),
    updated_at: now,
  };
  return db.transaction().execute(async (trx) => {
    let existing = input.draftId
      ? await trx
          .selectFrom("drafts")
          .select("id")
          .where("id", "=", input.draftId)
          .where("member_id", "=", input.memberId)
          .executeTakeFirst()
      : undefined;
    if (!existing && input.kind === "reply" && input.parentPostId) {
      existing = await trx
        .selectFrom("drafts")
        .select("id")
        .where("member_id", "=", input.memberId)
        .where("parent_post_id", "=", input.parentPostId)
        .executeTakeFirst();
    }
    if (existing) {
      await trx.updateTable("drafts").set(values).where("id", "=", existing.id).execute();
      return existing.id;
    }
    const row = await trx
      .insertInto("drafts")
      .values({
        ...values,
        member_id: input.memberId,
        kind: input.kind,
        thread_id: input.threadId ?? null,
        parent_post_id: input.parentPostId ?? null,
        created_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function getDraft(draftId: number, memberId: number): Promise<DraftView | null> {
  const row = await getDb()
    .selectFrom("drafts")
    .select(DRAFT_COLUMNS)
    .where("id", "=", draftId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

export async function getReplyDraft(memberId: number, parentPostId: number): Promise<DraftView | null> {
  const row = await getDb()
    .selectFrom("drafts")
    .select(DRAFT_COLUMNS)
    .where("member_id", "=", memberId)
    .where("parent_post_id", "=", parentPostId)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

export interface DraftListItem extends DraftView {
  threadTitle: string | null;
  threadSlug: string | null;
}

/** A member's drafts, newest first; a reply's thread is named only while the member may see it. */
export async function listDrafts(memberId: number): Promise<DraftListItem[]> {
  const reader = await readerFor(memberId);
  const rows = await getDb()
    .selectFrom("drafts as d")
    .leftJoin("threads as t", "t.id", "d.thread_id")
    .select([
      "d.id",
      "d.kind",
      "d.title",
      "d.body_source",
      "d.tag_slugs",
      "d.thread_id",
      "d.parent_post_id",
      "d.updated_at",
      "t.title as thread_title",
      "t.slug as thread_slug",
      threadShownTo("t", reader).as("thread_shown"),
    ])
    .where("d.member_id", "=", memberId)
    .orderBy("d.updated_at", "desc")
    .execute();
  return rows.map((r) => ({
    ...toView(r),
    threadTitle: r.thread_shown ? r.thread_title : null,
    threadSlug: r.thread_shown ? r.thread_slug : null,
  }));
}

/**
 * Removes a draft once it is published or discarded; a draft is never someone else's. Publishing passes its
 * transaction, so the draft goes only if the post is written.
 */
export async function discardDraft(draftId: number, memberId: number, db: Executor = getDb()): Promise<boolean> {
  const result = await db
    .deleteFrom("drafts")
    .where("id", "=", draftId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
