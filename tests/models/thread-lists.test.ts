import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { queryCounter } from "~db/engine";
import { sortKey } from "~/lib/sort-key";
import { createReply } from "~/models/replies.server";
import { seedBaseline } from "~/models/seed.server";
import { listHomeSections } from "~/models/home-sections.server";
import { listMemberActivity } from "~/models/member-activity.server";
import { encodeCursor, InvalidCursorError, parseCursor, type ThreadSort } from "~/models/thread-lists.server";
import { getTopicPage, listTopicIndex, listTopicThreads } from "~/models/topic-threads.server";
import { createThread } from "~/models/threads.server";
import { createMember, type TestMember } from "../factories/members";

const BASE = Date.UTC(2025, 0, 1);
const MINUTE = 60_000;
let topicCounter = 0;

/** A topic of its own for each test, so the seeded (pinned) prompts never get in the way. */
async function createTopic(name = "Test topic"): Promise<string> {
  topicCounter++;
  const slug = `test-topic-${topicCounter}`;
  await getDb()
    .insertInto("tags")
    .values({
      slug,
      name: `${name} ${topicCounter}`,
      sort_key: sortKey(`${name} ${topicCounter}`),
      description: "For tests.",
      created_at: BASE,
      last_activity_at: null,
      merged_into_id: null,
    })
    .execute();
  return slug;
}

async function thread(
  author: TestMember,
  topic: string,
  options: { kind?: ThreadKind; title?: string; body?: string; at?: number } = {},
) {
  return createThread({
    authorId: author.id,
    kind: options.kind ?? "discussion",
    title: options.title ?? "A thread about the work",
    bodySource: options.body ?? "Opening words.",
    tagSlugs: [topic],
    now: options.at ?? BASE,
  });
}

const setThread = (
  id: number,
  values: {
    pinned_at?: number | null;
    featured_at?: number | null;
    hidden_at?: number | null;
    deleted_at?: number | null;
    helpful_count?: number;
    last_activity_at?: number;
  },
) => getDb().updateTable("threads").set(values).where("id", "=", id).execute();

/** A reply that must be stored: a refused one would drop out of the list a test expects without a word. */
async function reply(input: Parameters<typeof createReply>[0]): Promise<number> {
  const result = await createReply(input);
  if (!result.ok) throw new Error(`createReply refused: ${result.message}`);
  return result.postId;
}

async function walk(input: { topicSlug: string; sort: ThreadSort; kind?: ThreadKind; limit: number }) {
  const pages: number[][] = [];
  let after: string | undefined;
  do {
    const page = await listTopicThreads({ ...input, after });
    pages.push(page.items.map((t) => t.id));
    after = page.nextCursor ?? undefined;
  } while (after && pages.length < 100);
  return pages;
}

let author: TestMember;
beforeAll(async () => {
  await seedBaseline(getDb());
  author = await createMember({ displayName: "Amara Okafor" });
});

describe("a topic's threads", () => {
  it("walks 45 threads page by page in every sort, losing and repeating none, ties broken by id", async () => {
    const topic = await createTopic();
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) {
      // Pairs share a creation time and every helpful count repeats, so the id must break ties.
      const { id } = await thread(author, topic, { title: `Thread ${i}`, at: BASE + Math.floor(i / 2) * MINUTE });
      await setThread(id, { helpful_count: i % 4, last_activity_at: BASE + ((i * 7) % 45) * MINUTE });
      ids.push(id);
    }
    const rows = await getDb()
      .selectFrom("threads")
      .select(["id", "created_at", "last_activity_at", "helpful_count"])
      .where("id", "in", ids)
      .execute();
    const expected = (key: "created_at" | "last_activity_at" | "helpful_count") =>
      [...rows].sort((a, b) => b[key] - a[key] || b.id - a.id).map((r) => r.id);

    for (const [sort, key] of [
      ["latest", "created_at"],
      ["active", "last_activity_at"],
      ["top", "helpful_count"],
    ] as const) {
      const pages = await walk({ topicSlug: topic, sort, limit: 10 });
      expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 5]);
      expect(pages.flat()).toEqual(expected(key));
    }
    // A page that ends exactly at the last thread has no next page.
    expect((await walk({ topicSlug: topic, sort: "latest", limit: 15 })).map((p) => p.length)).toEqual([15, 15, 15]);
  });

  it("puts pinned threads first on the first page only, in the order they were pinned", async () => {
    const topic = await createTopic();
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await thread(author, topic, { at: BASE + i * MINUTE })).id);
    await setThread(ids[2]!, { pinned_at: BASE + 100 * MINUTE });
    await setThread(ids[7]!, { pinned_at: BASE + 50 * MINUTE });
    const pages = await walk({ topicSlug: topic, sort: "latest", limit: 5 });
    expect(pages[0]!.slice(0, 2)).toEqual([ids[7], ids[2]]);
    expect(pages[0]).toHaveLength(7);
    const rest = [...ids].reverse().filter((id) => id !== ids[2] && id !== ids[7]);
    expect(pages.flat()).toEqual([ids[7], ids[2], ...rest]);
    const first = await listTopicThreads({ topicSlug: topic, sort: "top", limit: 5 });
    expect(first.items.filter((t) => t.pinned).map((t) => t.id)).toEqual([ids[7], ids[2]]);
  });

  it("filters by kind, pinned threads included", async () => {
    const topic = await createTopic();
    const story = await thread(author, topic, { kind: "story", at: BASE + 1 });
    const discussion = await thread(author, topic, { kind: "discussion", at: BASE + 2 });
    const prompt = await thread(author, topic, { kind: "prompt", at: BASE + 3 });
    const pinnedStory = await thread(author, topic, { kind: "story", at: BASE + 4 });
    await setThread(pinnedStory.id, { pinned_at: BASE });
    const ids = async (kind?: ThreadKind) =>
      (await listTopicThreads({ topicSlug: topic, sort: "latest", kind })).items.map((t) => t.id);
    expect(await ids("story")).toEqual([pinnedStory.id, story.id]);
    expect(await ids("discussion")).toEqual([discussion.id]);
    expect(await ids("prompt")).toEqual([prompt.id]);
    expect(await ids()).toEqual([pinnedStory.id, prompt.id, discussion.id, story.id]);
  });

  it("never lists hidden or deleted threads, pinned or not", async () => {
    const topic = await createTopic();
    const kept = await thread(author, topic, { at: BASE + 1 });
    const hidden = await thread(author, topic, { at: BASE + 2 });
    const deleted = await thread(author, topic, { at: BASE + 3 });
    const pinnedHidden = await thread(author, topic, { at: BASE + 4 });
    await setThread(hidden.id, { hidden_at: BASE });
    await setThread(deleted.id, { deleted_at: BASE });
    await setThread(pinnedHidden.id, { pinned_at: BASE, hidden_at: BASE });
    for (const sort of ["latest", "active", "top"] as const) {
      expect((await listTopicThreads({ topicSlug: topic, sort })).items.map((t) => t.id)).toEqual([kept.id]);
    }
  });

  it("describes each thread: excerpt as plain text, author, counts, flags and tags", async () => {
    const topic = await createTopic("Tenant organizing");
    const long = `**Bold start** and a [link](https://example.org). ${"More words about the door-knocking campaign. ".repeat(20)}`;
    const { id } = await createThread({
      authorId: author.id,
      kind: "story",
      title: "Door knocking in the rain",
      bodySource: long,
      tagSlugs: [topic, "health"],
      now: BASE,
    });
    const replier = await createMember();
    const reply = await createReply({
      threadId: id,
      parentId: null,
      authorId: replier.id,
      bodySource: "Thank you",
      now: BASE + MINUTE,
    });
    expect(reply.ok).toBe(true);
    await setThread(id, { featured_at: BASE, helpful_count: 3 });
    await getDb().updateTable("threads").set({ locked_at: BASE }).where("id", "=", id).execute();
    const [item] = (await listTopicThreads({ topicSlug: topic, sort: "latest" })).items;
    expect(item).toMatchObject({
      id,
      slug: "door-knocking-in-the-rain",
      title: "Door knocking in the rain",
      kind: "story",
      author: { handle: author.handle, displayName: "Amara Okafor" },
      createdAt: BASE,
      lastActivityAt: BASE + MINUTE,
      replyCount: 1,
      helpfulCount: 3,
      pinned: false,
      featured: true,
      locked: true,
    });
    expect(item!.excerpt.startsWith("Bold start and a link. More words")).toBe(true);
    expect(item!.excerpt).not.toMatch(/[<*[\]]/);
    expect(item!.excerpt.length).toBeLessThanOrEqual(181);
    expect(item!.tags.map((t) => t.slug).sort()).toEqual(["health", topic].sort());
  });

  it("starts a story's excerpt at its prose, not at the template's headings", async () => {
    const topic = await createTopic();
    await thread(author, topic, {
      kind: "story",
      body: "### Context\n\nThe landlord sold the building.\n\n### What we did\n\nWe met.",
    });
    await thread(author, topic, { kind: "story", body: "## Only a heading", at: BASE - 1 });
    const items = (await listTopicThreads({ topicSlug: topic, sort: "latest" })).items;
    expect(items.map((t) => t.excerpt)).toEqual(["The landlord sold the building. We met.", "Only a heading"]);
  });

  it("builds a page in the same small number of queries for 2 threads or 30", async () => {
    const small = await createTopic();
    const big = await createTopic();
    for (let i = 0; i < 2; i++) await thread(author, small, { at: BASE + i });
    for (let i = 0; i < 40; i++)
      await createThread({
        authorId: author.id,
        kind: "discussion",
        title: `Busy ${i}`,
        bodySource: "Words",
        tagSlugs: [big, "health", "policy"],
        now: BASE + i,
      });
    const count = async (run: () => Promise<unknown>) => {
      const before = queryCounter.count;
      await run();
      return queryCounter.count - before;
    };
    const smallPage = await count(() => listTopicThreads({ topicSlug: small, sort: "latest" }));
    const bigFirst = await listTopicThreads({ topicSlug: big, sort: "active" });
    expect(bigFirst.items).toHaveLength(30);
    const bigPage = await count(() => listTopicThreads({ topicSlug: big, sort: "active" }));
    const bigSecond = await count(() =>
      listTopicThreads({ topicSlug: big, sort: "active", after: bigFirst.nextCursor! }),
    );
    expect(smallPage).toBe(2);
    expect(bigPage).toBe(2);
    expect(bigSecond).toBe(2);
    expect(await count(() => listHomeSections())).toBe(4);
    expect(await count(() => listMemberActivity({ memberId: author.id, section: "discussions" }))).toBe(2);
  });

  it("refuses cursors it did not make, and one made for another sort", async () => {
    for (const junk of [
      "",
      "abc",
      "!!!",
      "bDox",
      encodeURIComponent("l:1:2"),
      Buffer.from("l:1:0").toString("base64url"),
      Buffer.from("x:1:2").toString("base64url"),
      "A".repeat(100),
    ]) {
      expect(parseCursor(junk)).toBeNull();
    }
    const cursor = encodeCursor("top", { value: 3, id: 42 });
    expect(parseCursor(cursor, "top")).toEqual({ value: 3, id: 42 });
    expect(parseCursor(cursor, "latest")).toBeNull();
    await expect(listTopicThreads({ topicSlug: "health", sort: "latest", after: cursor })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
  });
});

describe("topic pages", () => {
  it("finds a topic, redirects a merged one (through a chain of merges) and knows an unknown one", async () => {
    const a = await createTopic();
    const b = await createTopic();
    const c = await createTopic();
    expect(await getTopicPage(c)).toMatchObject({
      slug: c,
      name: expect.stringContaining("Test topic"),
      description: "For tests.",
      threadCount: 0,
    });
    const ids = await getDb().selectFrom("tags").select(["id", "slug"]).where("slug", "in", [b, c]).execute();
    await getDb()
      .updateTable("tags")
      .set({ merged_into_id: ids.find((t) => t.slug === b)!.id })
      .where("slug", "=", a)
      .execute();
    await getDb()
      .updateTable("tags")
      .set({ merged_into_id: ids.find((t) => t.slug === c)!.id })
      .where("slug", "=", b)
      .execute();
    expect(await getTopicPage(a)).toEqual({ redirectTo: c });
    expect(await getTopicPage("no-such-topic")).toBeNull();
  });

  it("lists every live topic with its latest visible thread", async () => {
    const topic = await createTopic("Zz directory");
    const older = await thread(author, topic, { title: "Older one", at: BASE });
    const hidden = await thread(author, topic, { title: "Hidden one", at: BASE + 2 * MINUTE });
    await setThread(hidden.id, { hidden_at: BASE });
    const index = await listTopicIndex();
    const entry = index.find((t) => t.slug === topic)!;
    expect(entry.latestThread).toEqual({ id: older.id, slug: older.slug, title: "Older one", lastActivityAt: BASE });
    expect(index.find((t) => t.slug === "policy")).toBeDefined();
    const names = index.map((t) => t.name);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });
});

describe("home page sections", () => {
  it("leads with featured stories, then helpful recent ones, and never shows a story twice", async () => {
    const now = Date.now();
    // Other tests in this file feature or mark stories of their own; start from none.
    await getDb().updateTable("threads").set({ featured_at: null, helpful_count: 0 }).execute();
    const topic = await createTopic();
    const plain = await thread(author, topic, { kind: "story", title: "Plain recent story", at: now - 1000 });
    const helpful = await thread(author, topic, { kind: "story", title: "Helpful story", at: now - 5000 });
    const featured = await thread(author, topic, {
      kind: "story",
      title: "Featured old story",
      at: now - 400 * 24 * 60 * MINUTE,
    });
    const hiddenFeatured = await thread(author, topic, { kind: "story", title: "Hidden featured", at: now });
    const discussion = await thread(author, topic, { kind: "discussion", title: "Busy discussion", at: now - 9000 });
    await setThread(helpful.id, { helpful_count: 5 });
    await setThread(featured.id, { featured_at: now - 10 });
    await setThread(hiddenFeatured.id, { featured_at: now, hidden_at: now });
    await setThread(discussion.id, { last_activity_at: now + 1000 });
    const sections = await listHomeSections(now);
    expect(sections.featuredStories.map((s) => s.id).slice(0, 2)).toEqual([featured.id, helpful.id]);
    expect(sections.featuredStories.map((s) => s.featured)).toEqual([true, false]);
    expect(sections.featuredStories.map((s) => s.id)).not.toContain(plain.id);
    expect(sections.recentStories[0]!.id).toBe(plain.id);
    const shown = [...sections.featuredStories, ...sections.recentStories].map((s) => s.id);
    expect(new Set(shown).size).toBe(shown.length);
    expect(shown).not.toContain(hiddenFeatured.id);
    expect(sections.activeDiscussions[0]!.id).toBe(discussion.id);
    expect(sections.featuredStories.length).toBeLessThanOrEqual(4);
    expect(sections.recentStories.length).toBeLessThanOrEqual(6);
    expect(sections.activeDiscussions.every((d) => d.kind === "discussion")).toBe(true);
  });
});

describe("a member's activity", () => {
  it("pages a member's stories, discussions and visible replies, newest first", async () => {
    const member = await createMember();
    const other = await createMember();
    const topic = await createTopic();
    const stories: number[] = [];
    for (let i = 0; i < 5; i++)
      stories.push((await thread(member, topic, { kind: "story", at: BASE + i * MINUTE })).id);
    const hiddenStory = await thread(member, topic, { kind: "story", at: BASE + 10 * MINUTE });
    await setThread(hiddenStory.id, { hidden_at: BASE });
    const discussion = await thread(member, topic, { kind: "discussion", at: BASE });
    await thread(other, topic, { kind: "story", at: BASE + 20 * MINUTE });

    const othersThread = await thread(other, topic, { title: "Where I replied", at: BASE });
    const hiddenThread = await thread(other, topic, { at: BASE });
    const replies: number[] = [];
    for (let i = 0; i < 4; i++) {
      replies.push(
        await reply({
          threadId: othersThread.id,
          parentId: null,
          authorId: member.id,
          bodySource: `My reply *${i}*`,
          now: BASE + i * MINUTE,
        }),
      );
    }
    const hiddenReply = await reply({
      threadId: othersThread.id,
      parentId: null,
      authorId: member.id,
      bodySource: "hidden",
      now: BASE + 9 * MINUTE,
    });
    await reply({
      threadId: hiddenThread.id,
      parentId: null,
      authorId: member.id,
      bodySource: "gone",
      now: BASE + 9 * MINUTE,
    });
    await getDb().updateTable("posts").set({ hidden_at: BASE }).where("id", "=", hiddenReply).execute();
    await setThread(hiddenThread.id, { hidden_at: BASE });

    const walkSection = async (section: "stories" | "discussions" | "replies") => {
      const seen: number[] = [];
      let after: string | undefined;
      do {
        const page = await listMemberActivity({ memberId: member.id, section, after, limit: 2 });
        expect(page.section).toBe(section);
        seen.push(...page.items.map((item) => ("postId" in item ? item.postId : item.id)));
        after = page.nextCursor ?? undefined;
      } while (after);
      return seen;
    };
    expect(await walkSection("stories")).toEqual([...stories].reverse());
    expect(await walkSection("discussions")).toEqual([discussion.id]);
    expect(await walkSection("replies")).toEqual([...replies].reverse());

    const page = await listMemberActivity({ memberId: member.id, section: "replies" });
    expect(page.items[0]).toEqual({
      postId: replies[3],
      thread: { id: othersThread.id, slug: othersThread.slug, title: "Where I replied", kind: "discussion" },
      excerpt: "My reply 3",
      createdAt: BASE + 3 * MINUTE,
    });
  });
});
