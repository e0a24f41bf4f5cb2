import { getDb } from "~db/client.server";
import { topicName } from "~/lib/seeded-content";
import { tr } from "~/lib/translate";
import { bylineName, presentAuthor } from "./pseudonyms.server";
import { publicRoundRules } from "./round-visibility.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// What each Atom feed lists: threads everyone may see (newest first), or such a thread's replies.

export const FEED_SIZE = 30;

export interface FeedEntry {
  postId: number;
  threadId: number;
  threadSlug: string;
  title: string;
  /** The entry's page on the site. */
  path: string;
  html: string;
  /** handle is null for an answer under a pseudonym: the feed names the pseudonym, with no link. */
  author: { handle: string | null; displayName: string };
  /** The entry's id as a site path, when it is not a post's permalink (a round). */
  idPath?: string;
  publishedAt: number;
  updatedAt: number;
}

function threadEntries() {
  return getDb()
    .selectFrom("threads as t")
    .innerJoin("posts as p", (join) => join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0))
    .innerJoin("members as m", "m.id", "t.author_id")
    .select([
      "p.id as post_id",
      "t.id as thread_id",
      "t.slug",
      "t.title",
      "p.body_html",
      "m.handle",
      "m.display_name",
      "t.created_at",
      "p.edited_at",
    ])
    .where(threadShownTo("t"))
    .where(postShownTo("p"))
    .orderBy("t.created_at", "desc")
    .orderBy("t.id", "desc")
    .limit(FEED_SIZE);
}

type Row = {
  post_id: number;
  thread_id: number;
  slug: string;
  title: string;
  body_html: string;
  handle: string;
  display_name: string;
  created_at: number;
  edited_at: number | null;
};

function toEntry(r: Row, reply?: { title: string }): FeedEntry {
  return {
    postId: r.post_id,
    threadId: r.thread_id,
    threadSlug: r.slug,
    title: reply?.title ?? r.title,
    path: reply ? `/posts/${r.post_id}` : `/threads/${r.thread_id}/${r.slug}`,
    html: r.body_html,
    author: { handle: r.handle, displayName: r.display_name },
    publishedAt: r.created_at,
    updatedAt: r.edited_at ?? r.created_at,
  };
}

export async function listRecentThreadEntries(): Promise<FeedEntry[]> {
  return (await threadEntries().execute()).map((r) => toEntry(r));
}

export async function listTopicThreadEntries(
  topicSlug: string,
): Promise<{ name: string; entries: FeedEntry[] } | null> {
  const topic = await getDb()
    .selectFrom("tags")
    .select(["id", "name"])
    .where("slug", "=", topicSlug)
    .where("merged_into_id", "is", null)
    .executeTakeFirst();
  if (!topic) return null;
  const rows = await threadEntries()
    .where("t.id", "in", getDb().selectFrom("thread_tags").select("thread_id").where("tag_id", "=", topic.id))
    .execute();
  return { name: topicName(topicSlug, topic.name), entries: rows.map((r) => toEntry(r)) };
}

export async function listMemberThreadEntries(
  handle: string,
): Promise<{ displayName: string; entries: FeedEntry[] } | null> {
  const member = await getDb()
    .selectFrom("members")
    .select(["id", "display_name"])
    .where("handle", "=", handle.toLowerCase())
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!member) return null;
  const rows = await threadEntries().where("t.author_id", "=", member.id).execute();
  return { displayName: member.display_name, entries: rows.map((r) => toEntry(r)) };
}

/** A thread's newest visible replies. */
export async function listThreadReplyEntries(
  threadId: number,
): Promise<{ title: string; slug: string; entries: FeedEntry[] } | null> {
  const db = getDb();
  const thread = await db
    .selectFrom("threads")
    .select(["title", "slug"])
    .where("id", "=", threadId)
    .where(threadShownTo("threads"))
    .executeTakeFirst();
  if (!thread) return null;
  // Round prompts: "answer before you see others" withholds the answers from a feed (nobody is signed in
  // there) until the round closes, and posts under a pseudonym show the pseudonym.
  const rules = await publicRoundRules(threadId);
  if (rules.withheld) return { title: thread.title, slug: thread.slug, entries: [] };
  const rows = await db
    .selectFrom("posts as p")
    .innerJoin("members as m", "m.id", "p.author_id")
    .select([
      "p.id as post_id",
      "p.thread_id",
      "p.body_html",
      "p.author_id",
      "m.handle",
      "m.display_name",
      "p.created_at",
      "p.edited_at",
    ])
    .where("p.thread_id", "=", threadId)
    .where("p.depth", ">", 0)
    .where(postShownTo("p"))
    .orderBy("p.id", "desc")
    .limit(FEED_SIZE)
    .execute();
  return {
    title: thread.title,
    slug: thread.slug,
    entries: rows.map((r) => {
      const author = { id: r.author_id, handle: r.handle, displayName: r.display_name };
      const byline = presentAuthor(author, rules.pseudonyms.get(r.post_id), null);
      const entry = toEntry(
        { ...r, slug: thread.slug, title: thread.title },
        { title: tr("browse:feeds.thread.entryTitle", { name: bylineName(byline), title: thread.title }) },
      );
      return byline.kind === "pseudonym" ? { ...entry, author: { handle: null, displayName: byline.name } } : entry;
    }),
  };
}

/** Rounds as they open, newest first: each with its purpose and its prompts. Upcoming rounds are not listed. */
export async function listOpenedRoundEntries(now = Date.now()): Promise<FeedEntry[]> {
  const db = getDb();
  const rounds = await db
    .selectFrom("rounds as r")
    .innerJoin("members as m", "m.id", "r.created_by")
    .select(["r.id", "r.title", "r.purpose_html", "r.opens_at", "r.closes_at", "m.handle", "m.display_name"])
    .where("r.opens_at", "<=", now)
    .orderBy("r.opens_at", "desc")
    .orderBy("r.id", "desc")
    .limit(FEED_SIZE)
    .execute();
  const prompts = rounds.length
    ? await db
        .selectFrom("round_prompts as rp")
        .innerJoin("threads as t", "t.id", "rp.thread_id")
        .select(["rp.round_id", "t.id", "t.slug", "t.title"])
        .where(
          "rp.round_id",
          "in",
          rounds.map((r) => r.id),
        )
        .where(threadShownTo("t"))
        .orderBy("rp.position")
        .execute()
    : [];
  const escape = (text: string) =>
    text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return rounds.map((r) => {
    const list = prompts
      .filter((p) => p.round_id === r.id)
      .map((p) => `<li><a href="/threads/${p.id}/${p.slug}">${escape(p.title)}</a></li>`)
      .join("");
    const closes = new Date(r.closes_at - 1).toISOString().slice(0, 10);
    return {
      postId: 0,
      threadId: 0,
      threadSlug: "",
      idPath: `/rounds/${r.id}`,
      title: r.title,
      path: `/rounds/${r.id}`,
      html: `${r.purpose_html}<p>${escape(tr("browse:feeds.rounds.openUntil", { date: closes }))}</p><ol>${list}</ol>`,
      author: { handle: r.handle, displayName: r.display_name },
      publishedAt: r.opens_at,
      updatedAt: r.opens_at,
    };
  });
}
