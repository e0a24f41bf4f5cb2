import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import * as searchRoute from "~/routes/search";
import { parseSearchQuery } from "~/lib/search-query";
import { deletePost, editPost, getPostForEdit } from "~/models/posts.server";
import { setThreadHidden, setThreadLock } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { searchPosts, searchQueryOf } from "~/models/search-index.server";
import { toFts5Query } from "~db/search/fts5";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { getRequest, run } from "../setup/requests";

const search = (q: string, filters = {}, page = 1) => searchPosts(parseSearchQuery(q), filters, page);
const titles = async (q: string, filters = {}) => (await search(q, filters)).hits.map((h) => h.thread.title);

describe("search query parsing", () => {
  it("keeps words and quoted phrases and drops operators and symbols", () => {
    expect(parseSearchQuery('rent "phone tree" NEAR( * OR)').terms).toEqual([
      ["rent"],
      ["phone", "tree"],
      ["NEAR"],
      ["OR"],
    ]);
    expect(toFts5Query(searchQueryOf(parseSearchQuery('rent "phone tree" NEAR(')))).toMatch(
      /^"rent" AND "phone tree" AND \("NEAR" OR "NEAR"\* OR /,
    );
    expect(toFts5Query(searchQueryOf(parseSearchQuery('rent "phone tree"')))).toBe('"rent" AND "phone tree"');
    expect(parseSearchQuery('"unbalanced phrase').terms).toEqual([["unbalanced", "phrase"]]);
    expect(parseSearchQuery("🙂🎉 ((( )))").terms).toEqual([]);
    const long = parseSearchQuery("word ".repeat(2000));
    expect(long.terms.length).toBeLessThanOrEqual(12);
    expect(long.truncated).toBe(true);
  });
});

describe("search", () => {
  it("ranks title matches above body matches and folds diacritics", async () => {
    const member = await createMember({ displayName: "Searcher" });
    await createTestThread({
      authorId: member.id,
      title: "Notes from the clinic",
      body: "We talked about organización for a long time.",
    });
    await createTestThread({
      authorId: member.id,
      title: "Organización comunitaria in Boyle Heights",
      body: "A story.",
    });
    expect(await titles("organizacion")).toEqual([
      "Organización comunitaria in Boyle Heights",
      "Notes from the clinic",
    ]);
    expect(await titles("ORGANIZACIÓN")).toHaveLength(2);
    const [hit] = (await search("clinic")).hits;
    expect(hit!.author.displayName).toBe("Searcher");
  });

  it("matches quoted phrases only in order", async () => {
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Phrase test one", body: "the phone tree kept us together" });
    await createTestThread({ authorId: member.id, title: "Phrase test two", body: "a tree by the phone booth" });
    expect(await titles('"phone tree"')).toEqual(["Phrase test one"]);
    expect((await titles("phone tree")).sort()).toEqual(["Phrase test one", "Phrase test two"]);
  });

  it("filters by topic, kind, author and date", async () => {
    const ana = await createMember({ handle: "ana_filters" });
    const ben = await createMember({ handle: "ben_filters" });
    const jan1 = Date.UTC(2026, 0, 1);
    await createTestThread({
      authorId: ana.id,
      kind: "story",
      title: "Watershed story",
      body: "watershed",
      tagSlugs: ["environment"],
      now: jan1,
    });
    await createTestThread({
      authorId: ben.id,
      kind: "discussion",
      title: "Watershed question",
      body: "watershed",
      tagSlugs: ["policy"],
      now: jan1 + 40 * 86_400_000,
    });
    expect(await titles("watershed", { topicSlug: "environment" })).toEqual(["Watershed story"]);
    expect(await titles("watershed", { kind: "discussion" })).toEqual(["Watershed question"]);
    expect(await titles("watershed", { authorHandle: "ana_filters" })).toEqual(["Watershed story"]);
    expect(await titles("watershed", { from: jan1 + 86_400_000 })).toEqual(["Watershed question"]);
    expect(await titles("watershed", { to: jan1 + 86_400_000 })).toEqual(["Watershed story"]);
  });

  it("never shows hidden or deleted content, and follows edits and restores", async () => {
    const author = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id, title: "Lantern thread", body: "plain opening" });
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id, body: "zebracrossing reply" });
    const doomed = await createTestReply({ threadId: thread.id, authorId: author.id, body: "quokka reply" });
    expect(await titles("zebracrossing")).toEqual(["Lantern thread"]);
    await moderatePost(mod.id, reply, { reason: "spam", note: "" });
    expect(await titles("zebracrossing")).toEqual([]);
    await moderatePost(mod.id, reply, null);
    expect(await titles("zebracrossing")).toEqual(["Lantern thread"]);
    await deletePost({ post: { id: doomed }, memberId: author.id });
    expect(await titles("quokka")).toEqual([]);
    await editPost({ post: (await getPostForEdit(reply))!, editorId: author.id, bodySource: "narwhal now" });
    expect(await titles("zebracrossing")).toEqual([]);
    expect(await titles("narwhal")).toEqual(["Lantern thread"]);
    await setThreadHidden(thread.id, { actorId: mod.id, reason: "off-topic", note: "" });
    expect(await titles("narwhal")).toEqual([]);
    expect(await titles("lantern")).toEqual([]);
    await setThreadHidden(thread.id, null, mod.id);
    expect(await titles("narwhal")).toEqual(["Lantern thread"]);
    // A locked thread stays readable, so it stays findable.
    await setThreadLock(mod.id, thread.id, { reason: "cooling off" });
    expect(await titles("lantern")).toEqual(["Lantern thread"]);
    const indexed = await getDb().selectFrom("search_index").select("rowid").where("rowid", "=", doomed).execute();
    expect(indexed).toEqual([]);
  });

  it("ranks only the most recent matches of a very common word, and says so", async () => {
    process.env.SEARCH_RANK_ALL_MAX = "6";
    process.env.SEARCH_RECENT_CANDIDATES = "4";
    try {
      const member = await createMember();
      const thread = await createTestThread({ authorId: member.id, title: "Ubiquitous opening", body: "ubiquitous" });
      const replies: number[] = [];
      for (let i = 0; i < 8; i++)
        replies.push(
          await createTestReply({ threadId: thread.id, authorId: member.id, body: `ubiquitous reply ${i}` }),
        );
      const results = await search("ubiquitous");
      expect(results.limitedToRecent).toBe(4);
      expect(results.hits.map((h) => h.postId).sort()).toEqual(replies.slice(-4).sort());
      expect(results.hits[0]!.snippet.some((part) => part.hit && part.text.toLowerCase() === "ubiquitous")).toBe(true);
      const rare = await search("ubiquitous opening");
      expect(rare.limitedToRecent).toBeNull();
    } finally {
      delete process.env.SEARCH_RANK_ALL_MAX;
      delete process.env.SEARCH_RECENT_CANDIDATES;
    }
  });

  it("ranks a common word's recent matches by how often they hold it, accented text and forms alike", async () => {
    process.env.SEARCH_RANK_ALL_MAX = "2";
    try {
      const member = await createMember();
      const thread = await createTestThread({ authorId: member.id, title: "Quillwort notes", body: "opening" });
      const once = await createTestReply({
        threadId: thread.id,
        authorId: member.id,
        body: "One quillwort among many other words that are not it at all, here.",
      });
      const thrice = await createTestReply({
        threadId: thread.id,
        authorId: member.id,
        body: "Quillworts, quillwort and QUILLWORT: here.",
      });
      const accented = await createTestReply({
        threadId: thread.id,
        authorId: member.id,
        body: "Quillwört quillworts, in café notes.",
      });
      const results = await search("quillwort");
      expect(results.limitedToRecent).toBeNull();
      // The opening's title weighs ten times its body; then three mentions, two (one accented), one.
      expect(results.hits.map((h) => h.postId)).toEqual([await openingPostId(thread.id), thrice, accented, once]);
    } finally {
      delete process.env.SEARCH_RANK_ALL_MAX;
    }
  });

  it("answers any input through the route with results or a clear message, never a 500", async () => {
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Hostile input thread", body: "emoji 🙂 and brackets" });
    const inputs = [
      '"unbalanced',
      "((",
      "NEAR(",
      "*",
      "a*",
      "OR AND NOT",
      "🙂",
      "x".repeat(10_000),
      'col:umn "x" ^y -z +w',
      "\u0000\u0001",
      "'; DROP TABLE posts; --",
    ];
    for (const q of inputs) {
      const response = await run(searchRoute.loader, getRequest(`/search?q=${encodeURIComponent(q)}`));
      expect(response.status).toBe(200);
      const data = (await response.json()) as { hits: unknown[]; message: string | null };
      expect(Array.isArray(data.hits)).toBe(true);
    }
    const emoji = (await (
      await run(searchRoute.loader, getRequest(`/search?q=${encodeURIComponent("🙂")}`))
    ).json()) as { message: string };
    expect(emoji.message).toMatch(/Type a word/);
    const badDate = await run(searchRoute.loader, getRequest("/search?q=x&from=yesterday"));
    expect(badDate.status).toBe(400);
    expect(((await badDate.json()) as { message: string }).message).toMatch(/date like/);
  });
});

describe("snippets", () => {
  it("mark the matched words, folded, around the first match", async () => {
    const { makeSnippet } = await import("~/lib/search-query");
    const text =
      "We spent a long winter knocking on doors before the Organización met, and then the organizacion grew.";
    const pieces = makeSnippet(text, parseSearchQuery("organizacion"));
    expect(pieces.filter((p) => p.hit).map((p) => p.text)).toEqual(["Organización", "organizacion"]);
    expect(pieces.map((p) => p.text).join("")).toContain("knocking on doors");
  });
});
