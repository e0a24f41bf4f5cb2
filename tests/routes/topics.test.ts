import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createReply } from "~/models/replies.server";
import { seedBaseline } from "~/models/seed.server";
import { encodeCursor } from "~/models/thread-lists.server";
import { createThread } from "~/models/threads.server";
import * as home from "~/routes/_index";
import * as profilePage from "~/routes/members.$handle";
import * as topicPage from "~/routes/topics.$slug";
import * as topicsIndex from "~/routes/topics._index";
import { createMember, type TestMember } from "../factories/members";
import { getRequest, run } from "../setup/requests";

type Item = { id: number; title: string; pinned: boolean; featured: boolean };
type TopicData = {
  topic: { slug: string; name: string };
  sort: string;
  kind?: string;
  page: { items: Item[]; nextCursor: string | null };
};

const topic = (path: string, slug: string) => run(topicPage.loader, getRequest(path), { slug });

let author: TestMember;
beforeAll(async () => {
  await seedBaseline(getDb());
  author = await createMember({ displayName: "Dara Nguyen" });
});

describe("/topics/:slug", () => {
  it("shows the topic with its threads, pinned first, and pages with a working cursor", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 32; i++) {
      const { id } = await createThread({
        authorId: author.id,
        kind: i % 2 ? "story" : "discussion",
        title: `Budget fight ${i}`,
        bodySource: "Words",
        tagSlugs: ["funding"],
        now: Date.UTC(2025, 1, 1) + i,
      });
      ids.push(id);
    }
    const response = await topic("/topics/funding", "funding");
    expect(response.status).toBe(200);
    const data = (await response.json()) as TopicData;
    expect(data.topic).toMatchObject({ slug: "funding", name: expect.any(String) });
    expect(data.sort).toBe("latest");
    // A seeded focus-group prompt is pinned in this topic: it leads, on top of a full page of 30.
    const pinned = data.page.items.filter((t) => t.pinned);
    expect(pinned.length).toBeGreaterThan(0);
    expect(data.page.items.slice(0, pinned.length)).toEqual(pinned);
    expect(data.page.items.slice(pinned.length).map((t) => t.id)).toEqual(ids.slice(2).reverse());
    const next = (await (await topic(`/topics/funding?after=${data.page.nextCursor}`, "funding")).json()) as TopicData;
    expect(next.page.items.map((t) => t.id)).toEqual([ids[1], ids[0]]); // and no pinned thread again
    expect(next.page.nextCursor).toBeNull();
    const stories = (await (await topic("/topics/funding?kind=story&sort=top", "funding")).json()) as TopicData;
    expect(stories.kind).toBe("story");
    expect(stories.page.items).toHaveLength(16);
  });

  it("answers 404 for an unknown topic", async () => {
    const response = await topic("/topics/no-such-topic", "no-such-topic");
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/no topic/i);
  });

  it("answers 400 for an unknown sort or kind and for a junk or mismatched cursor", async () => {
    for (const query of [
      "sort=oldest",
      "sort=LATEST",
      "kind=poem",
      "after=not-a-cursor",
      "after=%00%01",
      `sort=latest&after=${encodeCursor("top", { value: 1, id: 1 })}`,
    ]) {
      const response = await topic(`/topics/health?${query}`, "health");
      expect(response.status, query).toBe(400);
      expect((await response.text()).length).toBeGreaterThan(10);
    }
    // Empty values are what a GET form sends for "no choice": the defaults.
    expect((await topic("/topics/health?sort=&kind=&after=", "health")).status).toBe(200);
  });

  it("sends a merged topic to the topic it joined, with a 301 that keeps the query string", async () => {
    const now = Date.now();
    const merged = await getDb()
      .insertInto("tags")
      .values({
        slug: "old-name",
        name: "Old name",
        sort_key: "old name",
        description: "",
        created_at: now,
        last_activity_at: null,
        merged_into_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const into = await getDb().selectFrom("tags").select("id").where("slug", "=", "policy").executeTakeFirstOrThrow();
    await getDb().updateTable("tags").set({ merged_into_id: into.id }).where("id", "=", merged.id).execute();
    const response = await topic("/topics/old-name?sort=top&kind=story", "old-name");
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe("/topics/policy?sort=top&kind=story");
  });
});

describe("/topics", () => {
  it("lists every live topic with its thread count and latest thread", async () => {
    const { id } = await createThread({
      authorId: author.id,
      kind: "discussion",
      title: "Heat and housing",
      bodySource: "Words",
      tagSlugs: ["environment"],
    });
    const data = (await (await run(topicsIndex.loader, getRequest("/topics"))).json()) as {
      topics: Array<{ slug: string; threadCount: number; latestThread: { id: number } | null }>;
    };
    const environment = data.topics.find((t) => t.slug === "environment")!;
    expect(environment.threadCount).toBeGreaterThanOrEqual(1);
    expect(environment.latestThread?.id).toBe(id);
    expect(data.topics.some((t) => t.slug === "old-name")).toBe(false);
  });
});

describe("home page", () => {
  it("shows featured stories first, then recent stories and active discussions", async () => {
    const now = Date.now();
    const featured = await createThread({
      authorId: author.id,
      kind: "story",
      title: "The story we featured",
      bodySource: "Words",
      tagSlugs: ["health"],
      now: now - 100_000,
    });
    const fresh = await createThread({
      authorId: author.id,
      kind: "story",
      title: "A fresh story",
      bodySource: "Words",
      tagSlugs: ["health"],
      now,
    });
    const talk = await createThread({
      authorId: author.id,
      kind: "discussion",
      title: "A lively discussion",
      bodySource: "Words",
      tagSlugs: ["health"],
      now: now - 50_000,
    });
    const reply = await createReply({
      threadId: talk.id,
      parentId: null,
      authorId: author.id,
      bodySource: "Yes!",
      now: now + 1000,
    });
    expect(reply.ok).toBe(true);
    await getDb().updateTable("threads").set({ featured_at: now }).where("id", "=", featured.id).execute();
    const data = (await (await run(home.loader, getRequest("/"))).json()) as {
      prompts: unknown[];
      topics: unknown[];
      sections: { featuredStories: Item[]; recentStories: Item[]; activeDiscussions: Item[] };
    };
    expect(data.sections.featuredStories[0]).toMatchObject({ id: featured.id, featured: true });
    expect(data.sections.recentStories[0]!.id).toBe(fresh.id);
    expect(data.sections.recentStories.map((s) => s.id)).not.toContain(featured.id);
    expect(data.sections.activeDiscussions[0]!.id).toBe(talk.id);
    expect(data.prompts.length).toBeGreaterThan(0);
    expect(data.topics.length).toBeGreaterThan(0);
  });
});

describe("member activity on the profile", () => {
  it("shows stories by default and discussions or replies by tab, paged", async () => {
    const member = await createMember();
    const story = await createThread({
      authorId: member.id,
      kind: "story",
      title: "My first story",
      bodySource: "Words",
      tagSlugs: ["health"],
    });
    const discussion = await createThread({
      authorId: member.id,
      kind: "discussion",
      title: "My question",
      bodySource: "Words",
      tagSlugs: ["health"],
    });
    const replies: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await createReply({
        threadId: story.id,
        parentId: null,
        authorId: member.id,
        bodySource: `Reply ${i}`,
        now: Date.now() + i,
      });
      if (r.ok) replies.push(r.postId);
    }
    const load = async (query: string) =>
      run(profilePage.loader, getRequest(`/members/${member.handle}${query}`), { handle: member.handle });
    type Activity = {
      activity: { section: string; items: Array<{ id?: number; postId?: number }>; nextCursor: string | null };
    };
    const byDefault = (await (await load("")).json()) as Activity;
    expect(byDefault.activity.section).toBe("stories");
    expect(byDefault.activity.items.map((t) => t.id)).toEqual([story.id]);
    const discussions = (await (await load("?section=discussions")).json()) as Activity;
    expect(discussions.activity.items.map((t) => t.id)).toEqual([discussion.id]);
    const first = (await (await load("?section=replies")).json()) as Activity;
    expect(first.activity.items).toHaveLength(20);
    expect(first.activity.items[0]!.postId).toBe(replies[21]);
    const second = (await (await load(`?section=replies&after=${first.activity.nextCursor}`)).json()) as Activity;
    expect(second.activity.items.map((r) => r.postId)).toEqual([replies[1], replies[0]]);
    expect(second.activity.nextCursor).toBeNull();
    expect((await load("?section=likes")).status).toBe(400);
    expect((await load("?section=replies&after=junk")).status).toBe(400);
  });
});
