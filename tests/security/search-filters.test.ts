// Search filters (issue 12, section 4; docs/decisions/0007): a very common word ranks only its newest
// matches, but topic, kind, author and date filters apply before that cut. A word in 650 posts, and one
// older match that alone fits each filter: every filter finds it.
import { beforeAll, describe, expect, it } from "vitest";
import { parseSearchQuery } from "~/lib/search-query";
import { searchPosts, type SearchFilters } from "~/models/search-index.server";
import * as searchRoute from "~/routes/search";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { getRequest, run } from "../setup/requests";

const DAY = 86_400_000;
const OLD = Date.UTC(2025, 0, 15);
const COMMON_POSTS = 650;

let rare: { handle: string; threadId: number };

beforeAll(async () => {
  // The one match in the health topic, a story, by its own author, in January 2025: older than all the rest.
  const author = await createMember({ handle: "rare_author", createdAt: OLD - DAY });
  const story = await createTestThread({
    authorId: author.id,
    kind: "story",
    title: "Our community garden",
    body: "How the community garden began.",
    tagSlugs: ["health"],
    now: OLD,
  });
  rare = { handle: author.handle, threadId: story.id };
  // 650 newer matches: discussions in another topic, by someone else.
  const busy = await createMember({ createdAt: OLD - DAY });
  const thread = await createTestThread({
    authorId: busy.id,
    title: "Community meetings this year",
    body: "The community meets weekly.",
    tagSlugs: ["organizing"],
    now: OLD + 30 * DAY,
  });
  for (let i = 1; i < COMMON_POSTS; i++) {
    await createTestReply({
      threadId: thread.id,
      authorId: busy.id,
      body: `Community note ${i}.`,
      now: OLD + 30 * DAY + i * 60_000,
    });
  }
}, 120_000);

const search = (filters: SearchFilters) => searchPosts(parseSearchQuery("community"), filters, 1);

describe("a filter on a very common word", () => {
  it("is a very common word: unfiltered, only the newest matches are ranked", async () => {
    const all = await search({});
    expect(all.limitedToRecent).toBe(300);
    expect(all.hits.map((h) => h.thread.id)).not.toContain(rare.threadId);
  });

  it.each<[string, SearchFilters]>([
    ["topic", { topicSlug: "health" }],
    ["kind", { kind: "story" }],
    ["author", { authorHandle: "rare_author" }],
    ["date range", { from: OLD - DAY, to: OLD + DAY }],
    ["date, up to", { to: OLD + DAY }],
    [
      "topic, kind, author and dates together",
      { topicSlug: "health", kind: "story", authorHandle: "rare_author", from: OLD - DAY, to: OLD + DAY },
    ],
  ])("finds the older match by %s", async (_label, filters) => {
    const results = await search(filters);
    expect(results.hits.map((h) => [h.thread.id, h.isOpening])).toEqual([[rare.threadId, true]]);
    expect(results.limitedToRecent).toBeNull();
  });

  it("finds nothing where nothing matches, quickly", async () => {
    expect((await search({ from: OLD - 30 * DAY, to: OLD - 20 * DAY })).hits).toEqual([]);
    expect((await search({ topicSlug: "housing" })).hits).toEqual([]);
  });

  it("still ranks only the newest matches within a filter that keeps many", async () => {
    const results = await search({ topicSlug: "organizing" });
    expect(results.limitedToRecent).toBe(300);
    expect(results.hits).toHaveLength(20);
    expect(results.hits.map((h) => h.thread.id)).not.toContain(rare.threadId);
  });

  it("through the search page's filters", async () => {
    const response = await run(
      searchRoute.loader,
      getRequest("/search?q=community&topic=health&kind=story&author=%40rare_author&from=2025-01-01&to=2025-01-31"),
    );
    expect(response.status).toBe(200);
    const data = (await response.json()) as { hits: Array<{ thread: { id: number } }> };
    expect(data.hits.map((h) => h.thread.id)).toEqual([rare.threadId]);
  });
});
