import { getDb, type Executor } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import type { RenderedMarkdown } from "~/lib/markdown-bounded.server";
import { slugify } from "~/lib/slug";
import { discardDraft } from "./drafts.server";
import { followThreadAutomatically } from "./follows.server";
import { insertPostRow } from "./posts.server";
import { notifyNewThread } from "./notifications.server";
import { indexPost } from "./search-index.server";
import { invalidateThreadPages } from "./page-invalidation.server";
import { assertMayPublish } from "./publishing.server";
import { renderPostBody } from "./uploads.server";
import { threadShownTo } from "./visibility.server";

export interface NewThreadInput {
  authorId: number;
  kind: ThreadKind;
  title: string;
  bodySource: string;
  tagSlugs: string[];
  /** The opening post's language (lib/post-language), the thread's too; absent or null: unknown. */
  language?: string | null;
  pinned?: boolean;
  now?: number;
}

/**
 * Starts a thread: the thread row, its opening post, its tags, the topic counters and, when `draftId` names
 * the author's draft of it, the draft's removal, in one transaction. Throws PostingRefused (publishing.server),
 * with nothing written and the draft kept, when the author may not publish now, and MarkdownRefusedError when
 * the body is refused by the renderer, which runs first, outside the transaction.
 */
export async function createThread(
  input: NewThreadInput & {
    draftId?: number;
    /** More rows of the same write (a resource's), inside the transaction, after the thread's own. */
    afterInsert?: (trx: Executor, threadId: number) => Promise<void>;
  },
): Promise<{ id: number; slug: string }> {
  const rendered = await renderPostBody(input.authorId, input.bodySource);
  const thread = await getDb()
    .transaction()
    .execute(async (trx) => {
      const created = await insertThread(trx, input, rendered);
      if (input.afterInsert) await input.afterInsert(trx, created.id);
      if (input.draftId) await discardDraft(input.draftId, input.authorId, trx);
      return created;
    });
  await invalidateThreadPages(thread.id, [input.authorId]);
  return thread;
}

/**
 * The rows of a new thread, inside a transaction the caller owns (see createThread; moderators' prompts and
 * syntheses use it too). Throws PostingRefused before writing anything when the author may not publish now.
 * `rendered` is the body rendered by the caller before the transaction opened (renderMarkdownBounded).
 */
export async function insertThread(trx: Executor, input: NewThreadInput, rendered: RenderedMarkdown) {
  await assertMayPublish(trx, input.authorId, "thread");
  const now = input.now ?? Date.now();
  const slug = slugify(input.title);
  const threadId = await insertThreadRow(trx, input, slug, now);
  const openingId = await insertPostRow(trx, {
    threadId,
    authorId: input.authorId,
    parentId: null,
    depth: 0,
    bodySource: input.bodySource,
    bodyHtml: rendered.html,
    language: input.language ?? null,
    now,
  });
  await indexPost(trx, { id: openingId, title: input.title, bodyHtml: rendered.html }, true);
  const tagIds = await tagThread(trx, threadId, input.tagSlugs, now);
  await followThreadAutomatically(trx, input.authorId, threadId, now);
  await notifyNewThread(trx, {
    threadId,
    postId: openingId,
    authorId: input.authorId,
    mentions: rendered.mentions,
    tagIds,
    now,
  });
  return { id: threadId, slug };
}

async function insertThreadRow(trx: Executor, input: NewThreadInput, slug: string, now: number): Promise<number> {
  const thread = await trx
    .insertInto("threads")
    .values({
      kind: input.kind,
      title: input.title,
      slug,
      author_id: input.authorId,
      created_at: now,
      last_activity_at: now,
      pinned_at: input.pinned ? now : null,
      featured_at: null,
      locked_at: null,
      locked_by: null,
      lock_reason: null,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: null,
      hidden_note: null,
      deleted_at: null,
      language: input.language ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return thread.id;
}

/** Puts a new thread in its topics and counts it there; returns the topics' ids. */
async function tagThread(trx: Executor, threadId: number, tagSlugs: string[], now: number): Promise<number[]> {
  const tagIds = (await trx.selectFrom("tags").select("id").where("slug", "in", tagSlugs).execute()).map((t) => t.id);
  if (!tagIds.length) return tagIds;
  await trx
    .insertInto("thread_tags")
    .values(tagIds.map((tag_id) => ({ thread_id: threadId, tag_id })))
    .execute();
  await trx
    .updateTable("tags")
    .set((eb) => ({ thread_count: eb("thread_count", "+", 1), last_activity_at: now }))
    .where("id", "in", tagIds)
    .execute();
  return tagIds;
}

/**
 * How a prompt on the home page is labelled, truthfully (issue 14): a prompt of an open round, or of no round,
 * is "open for answers"; one of a closed round (the focus group) takes replies, but its round is over, so
 * its "conversation continues".
 */
export type PromptStatus = "open-for-answers" | "conversation-continues";

export interface PromptListItem {
  id: number;
  slug: string;
  title: string;
  replyCount: number;
  lastActivityAt: number;
  status: PromptStatus;
  /** The round the prompt belongs to, if any, with when it ran (`datesRecorded` false: not known). */
  round: { id: number; title: string; opensAt: number; closesAt: number; datesRecorded: boolean } | null;
}

/** Open prompts for the home page: pinned ones first (the focus-group prompts), then the newest. */
export async function listOpenPrompts(limit = 6, now = Date.now()): Promise<PromptListItem[]> {
  const db = getDb();
  const rows = await db
    .selectFrom("threads")
    .leftJoin("round_prompts", "round_prompts.thread_id", "threads.id")
    .leftJoin("rounds", "rounds.id", "round_prompts.round_id")
    .select([
      "threads.id",
      "threads.slug",
      "threads.title",
      "threads.reply_count",
      "threads.last_activity_at",
      "rounds.id as round_id",
      "rounds.title as round_title",
      "rounds.opens_at",
      "rounds.closes_at",
      "rounds.dates_recorded",
    ])
    .where("threads.kind", "=", "prompt")
    .where(threadShownTo("threads"))
    .where("threads.locked_at", "is", null)
    // A prompt of a round that has not opened yet is not open for answers.
    .where((eb) => eb.or([eb("rounds.opens_at", "is", null), eb("rounds.opens_at", "<=", now)]))
    .orderBy((eb) => eb.case().when("threads.pinned_at", "is not", null).then(0).else(1).end())
    .orderBy("threads.created_at", "asc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const round =
      r.round_id !== null && r.round_title !== null && r.opens_at !== null && r.closes_at !== null
        ? {
            id: r.round_id,
            title: r.round_title,
            opensAt: r.opens_at,
            closesAt: r.closes_at,
            datesRecorded: r.dates_recorded !== 0,
          }
        : null;
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      replyCount: r.reply_count,
      lastActivityAt: r.last_activity_at,
      status: round && round.closesAt <= now ? "conversation-continues" : "open-for-answers",
      round,
    };
  });
}

/** The thread's slug, if the viewer may see the thread: one moderators hid is for its author and moderators. */
export async function getThreadSlug(threadId: number, viewer: Viewer | null): Promise<string | null> {
  const row = await getDb()
    .selectFrom("threads")
    .select("slug")
    .where("id", "=", threadId)
    .where(threadShownTo("threads", viewer))
    .executeTakeFirst();
  return row?.slug ?? null;
}
