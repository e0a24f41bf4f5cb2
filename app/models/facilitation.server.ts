import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// The facilitator's view (issue 19, docs/decisions/0045): the places where a moderator's reply, welcome or
// nudge does the most good this week. Every list is bounded (ITEMS_MAX) and reads indexed ranges of recent
// rows, so the page costs the same on a forum of any age. Everything here is what everyone may see (hidden
// and deleted content is for the moderation queues), and nothing shown under a pseudonym is listed here:
// prompts' answers are counted, never listed by author.

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
/** A first post waits this long for someone else's reply before it is listed. */
export const UNANSWERED_AFTER_MS = 24 * HOUR;
/** How long someone counts as a new member. */
export const NEW_MEMBER_MS = 30 * DAY;
/** How far back the lists look: older items are history, not this week's work. */
export const LOOK_BACK_MS = 60 * DAY;
/** A prompt with fewer answers than this is "few". */
export const FEW_ANSWERS = 3;
/** A topic with no new post for this long has gone quiet. */
export const QUIET_TOPIC_MS = 30 * DAY;
/** Items shown per list (the counts are exact up to COUNT_MAX). */
export const ITEMS_MAX = 20;
const COUNT_MAX = 500;

export interface FirstPostItem {
  postId: number;
  threadId: number;
  threadTitle: string;
  /** The post opens its thread (a new story or discussion), or replies in one. */
  opensThread: boolean;
  excerpt: string;
  createdAt: number;
  author: { handle: string; displayName: string; joinedAt: number };
}

export interface QuestionItem {
  threadId: number;
  slug: string;
  title: string;
  createdAt: number;
  author: { handle: string; displayName: string };
}

export interface SilentMemberItem {
  handle: string;
  displayName: string;
  joinedAt: number;
}

export interface QuietPromptItem {
  threadId: number;
  slug: string;
  title: string;
  answers: number;
  createdAt: number;
  /** The round it belongs to, when it is one of a round's prompts. */
  round: { id: number; title: string; closesAt: number } | null;
}

export interface QuietTopicItem {
  slug: string;
  name: string;
  threadCount: number;
  lastActivityAt: number | null;
}

export interface FacilitationList<T> {
  items: T[];
  /** How many there are in all (up to COUNT_MAX; `more` says there are more than that). */
  total: number;
  more: boolean;
}

export interface FacilitationView {
  now: number;
  /** FEW_ANSWERS, for the page's words. */
  fewAnswers: number;
  unansweredFirstPosts: FacilitationList<FirstPostItem>;
  unansweredQuestions: FacilitationList<QuestionItem>;
  silentMembers: FacilitationList<SilentMemberItem>;
  quietPrompts: FacilitationList<QuietPromptItem>;
  quietTopics: FacilitationList<QuietTopicItem>;
  lastReview: { at: number; moderatorName: string } | null;
}

function listOf<T>(rows: T[]): FacilitationList<T> {
  return { items: rows.slice(0, ITEMS_MAX), total: Math.min(rows.length, COUNT_MAX), more: rows.length > COUNT_MAX };
}

/** The whole view at `now` (tests pass a clock; the page passes Date.now()). */
export async function facilitationView(now: number = Date.now()): Promise<FacilitationView> {
  const [unansweredFirstPosts, unansweredQuestions, silentMembers, quietPrompts, quietTopics, lastReview] =
    await Promise.all([
      listUnansweredFirstPosts(now),
      listUnansweredQuestions(now),
      listSilentMembers(now),
      listQuietPrompts(now),
      listQuietTopics(now),
      lastFacilitationReview(),
    ]);
  return {
    now,
    fewAnswers: FEW_ANSWERS,
    unansweredFirstPosts: listOf(unansweredFirstPosts),
    unansweredQuestions: listOf(unansweredQuestions),
    silentMembers: listOf(silentMembers),
    quietPrompts: listOf(quietPrompts),
    quietTopics: listOf(quietTopics),
    lastReview,
  };
}

/** A member in good standing whose words others can see: not deleted, not waiting for or refused approval. */
const activeMember = (alias: string) =>
  sql<boolean>`(${sql.ref(`${alias}.deleted_at`)} is null and ${sql.ref(`${alias}.approval_state`)} = 'approved')`;

/**
 * New members' first posts (their earliest post anyone can see, outside prompts) that nobody else has answered
 * after a day: for a post that opens a thread, no one else has posted in it; for a reply, no one else has
 * replied beneath it.
 */
async function listUnansweredFirstPosts(now: number): Promise<FirstPostItem[]> {
  const db = getDb();
  const rows = await db
    .selectFrom("members as m")
    .innerJoin("posts as p", "p.author_id", "m.id")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "p.id as postId",
      "p.thread_id as threadId",
      "p.parent_id as parentId",
      "p.path as path",
      "p.excerpt as excerpt",
      "p.created_at as createdAt",
      "t.title as threadTitle",
      "m.handle as handle",
      "m.display_name as displayName",
      "m.created_at as joinedAt",
    ])
    .where("m.created_at", ">=", now - NEW_MEMBER_MS)
    .where(activeMember("m"))
    .where("t.kind", "!=", "prompt")
    .where(postShownTo("p"))
    .where(threadShownTo("t"))
    // Their first post: no earlier post of theirs that anyone can see (outside prompts, as above).
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("posts as earlier")
            .innerJoin("threads as et", "et.id", "earlier.thread_id")
            .select(sql`1`.as("one"))
            .whereRef("earlier.author_id", "=", "m.id")
            .where("et.kind", "!=", "prompt")
            .where(postShownTo("earlier"))
            .where(threadShownTo("et"))
            .where((eb) =>
              eb.or([
                eb("earlier.created_at", "<", eb.ref("p.created_at")),
                eb.and([eb("earlier.created_at", "=", eb.ref("p.created_at")), eb("earlier.id", "<", eb.ref("p.id"))]),
              ]),
            ),
        ),
      ),
    )
    .where("p.created_at", "<=", now - UNANSWERED_AFTER_MS)
    // Nobody else answered: in its thread (an opening post) or beneath it (a reply).
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("posts as answer")
            .select(sql`1`.as("one"))
            .whereRef("answer.thread_id", "=", "p.thread_id")
            .whereRef("answer.author_id", "!=", "p.author_id")
            .whereRef("answer.id", "!=", "p.id")
            .where(postShownTo("answer"))
            .where((eb) =>
              eb.or([
                eb("p.parent_id", "is", null),
                eb("answer.path", ">", eb.ref("p.path")).and(
                  "answer.path",
                  "<",
                  sql<string>`${sql.ref("p.path")} || '~'`,
                ),
              ]),
            ),
        ),
      ),
    )
    .orderBy("p.created_at", "asc")
    .orderBy("p.id", "asc")
    .limit(COUNT_MAX + 1)
    .execute();
  return rows.map((row) => ({
    postId: row.postId,
    threadId: row.threadId,
    threadTitle: row.threadTitle,
    opensThread: row.parentId === null,
    excerpt: row.excerpt ?? "",
    createdAt: Number(row.createdAt),
    author: { handle: row.handle, displayName: row.displayName, joinedAt: Number(row.joinedAt) },
  }));
}

/**
 * Discussions that ask (a question mark in the title or the opening post) and have had no reply after a day,
 * from the last LOOK_BACK_MS: the oldest first, as they have waited longest.
 */
async function listUnansweredQuestions(now: number): Promise<QuestionItem[]> {
  const rows = await getDb()
    .selectFrom("threads as t")
    .innerJoin("members as m", "m.id", "t.author_id")
    .innerJoin("posts as op", (join) => join.onRef("op.thread_id", "=", "t.id").on("op.parent_id", "is", null))
    .select([
      "t.id as threadId",
      "t.slug as slug",
      "t.title as title",
      "t.created_at as createdAt",
      "m.handle as handle",
      "m.display_name as displayName",
    ])
    .where("t.kind", "=", "discussion")
    .where(threadShownTo("t"))
    .where(postShownTo("op"))
    .where("t.reply_count", "=", 0)
    .where("t.locked_at", "is", null)
    .where("t.created_at", ">=", now - LOOK_BACK_MS)
    .where("t.created_at", "<=", now - UNANSWERED_AFTER_MS)
    .where((eb) => eb.or([eb("t.title", "like", "%?%"), eb("op.body_source", "like", "%?%")]))
    .orderBy("t.created_at", "asc")
    .orderBy("t.id", "asc")
    .limit(COUNT_MAX + 1)
    .execute();
  return rows.map((row) => ({
    threadId: row.threadId,
    slug: row.slug,
    title: row.title,
    createdAt: Number(row.createdAt),
    author: { handle: row.handle, displayName: row.displayName },
  }));
}

/** Members who joined (more than a day ago, within LOOK_BACK_MS) and have never posted: the newest first. */
async function listSilentMembers(now: number): Promise<SilentMemberItem[]> {
  const rows = await getDb()
    .selectFrom("members as m")
    .select(["m.handle as handle", "m.display_name as displayName", "m.created_at as joinedAt"])
    .where(activeMember("m"))
    .where("m.created_at", ">=", now - LOOK_BACK_MS)
    .where("m.created_at", "<=", now - UNANSWERED_AFTER_MS)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("posts as p")
            .select(sql`1`.as("one"))
            .whereRef("p.author_id", "=", "m.id"),
        ),
      ),
    )
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(COUNT_MAX + 1)
    .execute();
  return rows.map((row) => ({ ...row, joinedAt: Number(row.joinedAt) }));
}

/**
 * Prompts with fewer than FEW_ANSWERS answers: those of rounds open now, and prompts opened for everyone in the
 * last LOOK_BACK_MS (a round's prompt is listed while its round is open). Answers are counted, never listed:
 * some are under pseudonyms.
 */
async function listQuietPrompts(now: number): Promise<QuietPromptItem[]> {
  const rows = await getDb()
    .selectFrom("threads as t")
    .leftJoin("round_prompts as rp", "rp.thread_id", "t.id")
    .leftJoin("rounds as r", "r.id", "rp.round_id")
    .select([
      "t.id as threadId",
      "t.slug as slug",
      "t.title as title",
      "t.reply_count as answers",
      "t.created_at as createdAt",
      "r.id as roundId",
      "r.title as roundTitle",
      "r.closes_at as closesAt",
    ])
    .where("t.kind", "=", "prompt")
    .where(threadShownTo("t"))
    .where("t.locked_at", "is", null)
    .where("t.reply_count", "<", FEW_ANSWERS)
    .where((eb) =>
      eb.or([
        eb.and([eb("r.id", "is not", null), eb("r.opens_at", "<=", now), eb("r.closes_at", ">", now)]),
        eb.and([eb("r.id", "is", null), eb("t.created_at", ">=", now - LOOK_BACK_MS)]),
      ]),
    )
    .orderBy("t.reply_count", "asc")
    .orderBy("t.created_at", "asc")
    .limit(COUNT_MAX + 1)
    .execute();
  return rows.map((row) => ({
    threadId: row.threadId,
    slug: row.slug,
    title: row.title,
    answers: Number(row.answers),
    createdAt: Number(row.createdAt),
    round:
      row.roundId === null ? null : { id: row.roundId, title: row.roundTitle ?? "", closesAt: Number(row.closesAt) },
  }));
}

/** Topics (not merged away) with threads but nothing new for QUIET_TOPIC_MS: the longest quiet first. */
async function listQuietTopics(now: number): Promise<QuietTopicItem[]> {
  const rows = await getDb()
    .selectFrom("tags")
    .select(["slug", "name", "thread_count as threadCount", "last_activity_at as lastActivityAt"])
    .where("merged_into_id", "is", null)
    .where("thread_count", ">", 0)
    .where((eb) => eb.or([eb("last_activity_at", "is", null), eb("last_activity_at", "<", now - QUIET_TOPIC_MS)]))
    .orderBy(sql`coalesce(last_activity_at, 0)`, "asc")
    .orderBy("sort_key", "asc")
    .limit(COUNT_MAX + 1)
    .execute();
  return rows.map((row) => ({
    ...row,
    threadCount: Number(row.threadCount),
    lastActivityAt: row.lastActivityAt === null ? null : Number(row.lastActivityAt),
  }));
}

async function lastFacilitationReview(): Promise<{ at: number; moderatorName: string } | null> {
  const row = await getDb()
    .selectFrom("facilitation_reviews as r")
    .innerJoin("members as m", "m.id", "r.moderator_id")
    .select(["r.reviewed_at as at", "m.display_name as moderatorName"])
    .orderBy("r.reviewed_at", "desc")
    .orderBy("r.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { at: Number(row.at), moderatorName: row.moderatorName } : null;
}

/** A moderator worked through the list: the page says so from now on. */
export async function markFacilitationReviewed(moderatorId: number, now: number = Date.now()): Promise<void> {
  await getDb().insertInto("facilitation_reviews").values({ moderator_id: moderatorId, reviewed_at: now }).execute();
}
