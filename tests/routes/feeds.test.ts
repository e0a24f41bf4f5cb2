import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { editPost, getPostForEdit } from "~/models/posts.server";
import { setThreadHidden } from "~/models/moderation.server";
import * as siteFeed from "~/routes/feed[.]atom";
import * as memberFeed from "~/routes/members.$handle.feed[.]atom";
import * as threadFeed from "~/routes/threads.$id.feed[.]atom";
import * as topicFeed from "~/routes/topics.$slug.feed[.]atom";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { getRequest, run } from "../setup/requests";

/** Parses an Atom response as XML and returns what a feed reader would read. */
async function readAtom(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("application/atom+xml");
  const doc = parseDocument(await response.text(), { xmlMode: true });
  const feed = DomUtils.findOne((e) => e.name === "feed", doc.children)!;
  expect(feed.attribs.xmlns).toBe("http://www.w3.org/2005/Atom");
  const text = (parent: typeof feed, name: string) =>
    DomUtils.textContent(DomUtils.findOne((e) => e.name === name, parent.children, false)!);
  const entries = DomUtils.findAll((e) => e.name === "entry", feed.children).map((entry) => ({
    id: text(entry, "id"),
    title: text(entry, "title"),
    updated: text(entry, "updated"),
    content: text(entry, "content"),
    link: DomUtils.findOne((e) => e.name === "link", entry.children, false)!.attribs.href,
  }));
  return { id: text(feed, "id"), title: text(feed, "title"), updated: text(feed, "updated"), entries };
}

describe("Atom feeds", () => {
  it("list new threads site-wide, by topic and by member, with stable ids and sanitized content", async () => {
    const author = await createMember({ handle: "feed_author", displayName: "Feed Author" });
    const jan = Date.UTC(2026, 0, 5);
    const thread = await createTestThread({
      authorId: author.id,
      title: "Feeds for the Listserv habit",
      body: "Hello <script>alert(1)</script> **world** @feed_author",
      tagSlugs: ["health"],
      now: jan,
    });
    const hidden = await createTestThread({ authorId: author.id, title: "A hidden one", tagSlugs: ["health"] });
    const mod = await createMember({ role: "moderator" });
    await setThreadHidden(hidden.id, { actorId: mod.id, reason: "spam", note: "" });

    const site = await readAtom(await run(siteFeed.loader, getRequest("/feed.atom")));
    expect(site.entries.map((e) => e.title)).toContain("Feeds for the Listserv habit");
    expect(site.entries.map((e) => e.title)).not.toContain("A hidden one");
    const entry = site.entries.find((e) => e.title === "Feeds for the Listserv habit")!;
    expect(entry.link).toBe(`http://localhost:3000/threads/${thread.id}/${thread.slug}`);
    expect(entry.updated).toBe(new Date(jan).toISOString());
    expect(entry.content).toContain("<strong>world</strong>");
    expect(entry.content).not.toContain("<script");
    expect(entry.content).toContain('href="http://localhost:3000/members/feed_author"');

    const topic = await readAtom(
      await run(topicFeed.loader, getRequest("/topics/health/feed.atom"), { slug: "health" }),
    );
    expect(topic.entries.map((e) => e.title)).toEqual(["Feeds for the Listserv habit"]);
    expect(topic.entries[0]!.id).toBe(entry.id);
    const member = await readAtom(
      await run(memberFeed.loader, getRequest("/members/feed_author/feed.atom"), { handle: "feed_author" }),
    );
    expect(member.entries.map((e) => e.id)).toEqual([entry.id]);

    // An edit changes `updated`, never the id.
    const opening = (await getPostForEdit(Number(entry.id.split("/").pop())))!;
    await editPost({ post: opening, editorId: author.id, bodySource: "Edited words", now: jan + 86_400_000 });
    const again = await readAtom(await run(siteFeed.loader, getRequest("/feed.atom")));
    const edited = again.entries.find((e) => e.id === entry.id)!;
    expect(edited.updated).toBe(new Date(jan + 86_400_000).toISOString());
  });

  it("lists a thread's replies, and answers unknown feeds with 404", async () => {
    const author = await createMember({ displayName: "Replier" });
    const thread = await createTestThread({ authorId: author.id });
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id, body: "A reply in the feed" });
    const feed = await readAtom(
      await run(threadFeed.loader, getRequest(`/threads/${thread.id}/feed.atom`), { id: String(thread.id) }),
    );
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]!.id).toBe(`http://localhost:3000/posts/${reply}`);
    expect(feed.entries[0]!.title).toContain("Replier replied in");
    expect((await run(topicFeed.loader, getRequest("/topics/nope/feed.atom"), { slug: "nope" })).status).toBe(404);
    expect((await run(threadFeed.loader, getRequest("/threads/abc/feed.atom"), { id: "abc" })).status).toBe(404);
  });
});
