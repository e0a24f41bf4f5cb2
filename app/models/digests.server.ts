import { getDb } from "~db/client.server";
import type { DigestFrequency } from "~db/schema";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/lib/i18n";
import { canReceiveEmail } from "~/lib/permissions";
import { listDigestAlerts } from "./reply-alerts.server";
import { listOpenRounds } from "./rounds.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// The Listserv habit: a daily or weekly email of what happened where a member is listening.

export type DigestPeriod = Exclude<DigestFrequency, "none">;
const DAY = 24 * 60 * 60 * 1000;

/** The period a run belongs to (its key makes a second run for the same period send nothing) and its window. */
export function digestPeriod(period: DigestPeriod, now: number): { key: string; from: number; to: number } {
  const date = new Date(now);
  if (period === "daily") return { key: date.toISOString().slice(0, 10), from: now - DAY, to: now };
  // ISO week: the week with the year's first Thursday is week 1.
  const thursday = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)),
  );
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY / 7) + 1;
  return { key: `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`, from: now - 7 * DAY, to: now };
}

export interface DigestRecipient {
  id: number;
  email: string;
  displayName: string;
  /** The language their digest is written in: their setting, English when they chose none. */
  language: Language;
}

/** Members who chose this period, may receive email, and have not had this period's digest yet. */
export async function listDueRecipients(period: DigestPeriod, key: string): Promise<DigestRecipient[]> {
  const db = getDb();
  const rows = await db
    .selectFrom("members as m")
    .select(["m.id", "m.email", "m.display_name", "m.email_verified_at", "m.language"])
    .where("m.digest_frequency", "=", period)
    .where(
      "m.id",
      "not in",
      db.selectFrom("digest_sends").select("member_id").where("period", "=", period).where("period_key", "=", key),
    )
    .orderBy("m.id")
    .execute();
  return rows
    .filter((r) => canReceiveEmail({ emailVerifiedAt: r.email_verified_at }))
    .map((r) => ({
      id: r.id,
      email: r.email,
      displayName: r.display_name,
      language: isLanguage(r.language) ? r.language : DEFAULT_LANGUAGE,
    }));
}

/** Claims a member's digest for a period; false when it was already claimed (sent, or being sent). */
export async function claimDigest(memberId: number, period: DigestPeriod, key: string): Promise<boolean> {
  const result = await getDb()
    .insertInto("digest_sends")
    .values({ member_id: memberId, period, period_key: key, sent_at: Date.now() })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Gives a claim back after a failed send, so the next run tries again. */
export async function releaseDigest(memberId: number, period: DigestPeriod, key: string): Promise<void> {
  await getDb()
    .deleteFrom("digest_sends")
    .where("member_id", "=", memberId)
    .where("period", "=", period)
    .where("period_key", "=", key)
    .execute();
}

export interface DigestThread {
  id: number;
  slug: string;
  title: string;
  kind: string;
  author: string;
  topics: string[];
}

export interface DigestContent {
  /** For members who chose "in my digest" for replies and mentions: those still unread (reply-alerts.server). */
  repliesToYou: Array<{ postId: number; title: string; kind: "reply" | "mention"; author: string }>;
  newThreads: DigestThread[];
  followedReplies: Array<{ id: number; slug: string; title: string; replies: number }>;
  featuredStories: DigestThread[];
  openPrompts: Array<{ id: number; slug: string; title: string }>;
  /** Rounds taking answers now; `isNew` when it opened within the digest's window. */
  openRounds: Array<{ id: number; title: string; closesAt: number; isNew: boolean }>;
  /** Whether any topic the member follows is in their digest; without one, the email says what it holds. */
  hasDigestTopics: boolean;
}

const SECTION_MAX = 15;

function visibleThreads() {
  return getDb()
    .selectFrom("threads as t")
    .innerJoin("members as a", "a.id", "t.author_id")
    .select(["t.id", "t.slug", "t.title", "t.kind", "a.display_name"])
    .where(threadShownTo("t"));
}

/** What goes into one member's digest for a window of time. */
export async function composeDigest(memberId: number, window: { from: number; to: number }): Promise<DigestContent> {
  const db = getDb();
  const digestTopics = db
    .selectFrom("topic_follows")
    .select("tag_id")
    .where("member_id", "=", memberId)
    .where("in_digest", "=", 1);
  const newRows = await visibleThreads()
    .where("t.created_at", ">=", window.from)
    .where("t.created_at", "<", window.to)
    .where("t.author_id", "!=", memberId)
    .where("t.id", "in", db.selectFrom("thread_tags").select("thread_id").where("tag_id", "in", digestTopics))
    .orderBy("t.created_at", "desc")
    .limit(SECTION_MAX)
    .execute();
  const featuredRows = await visibleThreads()
    .where("t.kind", "=", "story")
    .where("t.featured_at", ">=", window.from)
    .where("t.featured_at", "<", window.to)
    .orderBy("t.featured_at", "desc")
    .limit(5)
    .execute();
  const ids = [...newRows, ...featuredRows].map((r) => r.id);
  const topics = ids.length
    ? await db
        .selectFrom("thread_tags")
        .innerJoin("tags", "tags.id", "thread_tags.tag_id")
        .select(["thread_tags.thread_id", "tags.name"])
        .where("thread_tags.thread_id", "in", ids)
        .orderBy("tags.sort_key")
        .orderBy("tags.id")
        .execute()
    : [];
  const toThread = (r: (typeof newRows)[number]): DigestThread => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    kind: r.kind,
    author: r.display_name,
    topics: topics.filter((t) => t.thread_id === r.id).map((t) => t.name),
  });
  const followedReplies = await db
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .innerJoin("thread_follows as f", (join) =>
      join.onRef("f.thread_id", "=", "t.id").on("f.member_id", "=", memberId).on("f.level", "=", "following"),
    )
    .select(["t.id", "t.slug", "t.title", (eb) => eb.fn.countAll<number>().as("replies")])
    .where("p.depth", ">", 0)
    .where("p.created_at", ">=", window.from)
    .where("p.created_at", "<", window.to)
    .where("p.author_id", "!=", memberId)
    .where(postShownTo("p"))
    .where(threadShownTo("t"))
    .groupBy(["t.id", "t.slug", "t.title"])
    .orderBy("replies", "desc")
    .limit(SECTION_MAX)
    .execute();
  const openPrompts = await visibleThreads()
    .where("t.kind", "=", "prompt")
    .where("t.locked_at", "is", null)
    .orderBy("t.created_at", "desc")
    .limit(5)
    .execute();
  const digestTopic = await digestTopics.limit(1).executeTakeFirst();
  const openRounds = await listOpenRounds(window.to);
  const repliesToYou = await listDigestAlerts(memberId, window);
  return {
    repliesToYou: repliesToYou
      .slice(-SECTION_MAX)
      .map((a) => ({ postId: a.postId, title: a.thread.title, kind: a.kind, author: a.author })),
    openRounds: openRounds.map((r) => ({
      id: r.id,
      title: r.title,
      closesAt: r.closesAt,
      isNew: r.opensAt >= window.from,
    })),
    newThreads: newRows.map(toThread),
    followedReplies: followedReplies.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      replies: Number(r.replies),
    })),
    featuredStories: featuredRows.map(toThread),
    openPrompts: openPrompts.map((r) => ({ id: r.id, slug: r.slug, title: r.title })),
    hasDigestTopics: digestTopic !== undefined,
  };
}

/** A digest with nothing new in it is not sent: open prompts alone are not news, a round that just opened is. */
export function hasNews(content: DigestContent): boolean {
  return (
    content.repliesToYou.length +
      content.newThreads.length +
      content.followedReplies.length +
      content.featuredStories.length +
      content.openRounds.filter((r) => r.isNew).length >
    0
  );
}

export async function setDigestFrequency(memberId: number, frequency: DigestFrequency): Promise<void> {
  await getDb()
    .updateTable("members")
    .set({ digest_frequency: frequency, updated_at: Date.now() })
    .where("id", "=", memberId)
    .execute();
}

export async function getDigestFrequency(memberId: number): Promise<DigestFrequency> {
  const row = await getDb()
    .selectFrom("members")
    .select("digest_frequency")
    .where("id", "=", memberId)
    .executeTakeFirstOrThrow();
  return row.digest_frequency;
}
