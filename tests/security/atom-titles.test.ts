// Atom feeds (issue 12, section 4): the `feed` library writes entry titles as type="html" inside CDATA and
// escapes only the first "]]>" of a section. Titles, names and content with "]]>", markup and "&" must reach
// a feed reader exactly as typed, in every feed, with nothing of theirs read as XML or as HTML.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Element } from "domhandler";
import { beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "~/lib/rounds";
import { createRound } from "~/models/rounds.server";
import * as siteFeed from "~/routes/feed[.]atom";
import * as memberFeed from "~/routes/members.$handle.feed[.]atom";
import * as roundsFeed from "~/routes/rounds.feed[.]atom";
import * as threadFeed from "~/routes/threads.$id.feed[.]atom";
import * as topicFeed from "~/routes/topics.$slug.feed[.]atom";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { getRequest, run } from "../setup/requests";

const TITLE = 'Tricky ]]> titles ]]> <script>alert(1)</script> & "quotes" &amp; <b>bold</b>';
const NAME = "Ann ]]> <i>Ortiz</i> & co ]]>";
const ROUND_TITLE = "Round ]]> of <em>questions</em> ]]> & answers";
const PROMPT = `${TITLE}, asked in a round`;
const BODY = "Look ]]> here ]]> and <b>there</b> & everywhere";

/** What a feed reader shows for an Atom text construct: type="html" is HTML to render, anything else is text. */
function readText(element: Element | null): string {
  expect(element, "the element is there").not.toBeNull();
  const raw = DomUtils.textContent(element!);
  if (element!.attribs.type !== "html") return raw;
  return DomUtils.textContent(parseDocument(raw, { decodeEntities: true }));
}

interface Feed {
  title: string;
  entries: Array<{ title: string; authors: string[]; content: string }>;
}

async function readFeed(
  loader: (args: LoaderFunctionArgs) => unknown,
  path: string,
  params: Record<string, string> = {},
): Promise<Feed> {
  const response = await run(loader as never, getRequest(path), params);
  expect(response.status).toBe(200);
  const xml = await response.text();
  const doc = parseDocument(xml, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
  // Nothing typed by a member may have become an element of the feed.
  expect(DomUtils.findAll((e) => !ATOM_ELEMENTS.has(e.name), doc.children).map((e) => e.name)).toEqual([]);
  const feed = DomUtils.findOne((e) => e.name === "feed", doc.children)!;
  const child = (parent: Element, name: string) => DomUtils.findOne((e) => e.name === name, parent.children, false);
  const entries = DomUtils.findAll((e) => e.name === "entry", feed.children).map((entry) => {
    expect(DomUtils.findAll((e) => e.name === "title", entry.children)).toHaveLength(1);
    const authors = DomUtils.findAll((e) => e.name === "author", entry.children).map((a) => readText(child(a, "name")));
    const content = child(entry, "content");
    return { title: readText(child(entry, "title")), authors, content: content ? readText(content) : "" };
  });
  return { title: readText(child(feed, "title")), entries };
}

const ATOM_ELEMENTS = new Set([
  "feed",
  "id",
  "title",
  "updated",
  "generator",
  "link",
  "rights",
  "entry",
  "content",
  "author",
  "name",
  "uri",
  "published",
]);

let f: { handle: string; threadId: number };

beforeAll(async () => {
  const author = await createMember({ displayName: NAME });
  const thread = await createTestThread({ authorId: author.id, title: TITLE, body: BODY, tagSlugs: ["health"] });
  await createTestReply({ threadId: thread.id, authorId: author.id, body: BODY });
  const moderator = await createMember({ role: "moderator", displayName: NAME });
  const now = Date.now();
  const round = await createRound({
    createdBy: moderator.id,
    title: ROUND_TITLE,
    purposeSource: BODY,
    opensAt: now - DAY_MS,
    closesAt: now + DAY_MS,
    answerFirst: false,
    tagSlugs: ["health"],
    prompts: [{ title: PROMPT, bodySource: "A question?" }],
    now,
  });
  expect(round.ok).toBe(true);
  f = { handle: author.handle, threadId: thread.id };
});

describe("every Atom feed gives titles, names and content back exactly as typed", () => {
  it("the site feed", async () => {
    const feed = await readFeed(siteFeed.loader, "/feed.atom");
    const entry = feed.entries.find((e) => e.title === TITLE);
    expect(entry, JSON.stringify(feed.entries.map((e) => e.title))).toBeDefined();
    expect(entry!.authors).toEqual([NAME]);
    expect(entry!.content).toContain("Look ]]> here ]]> and");
  });

  it("a topic's feed", async () => {
    const feed = await readFeed(topicFeed.loader, "/topics/health/feed.atom", { slug: "health" });
    expect(feed.entries.map((e) => e.title)).toContain(TITLE);
  });

  it("a member's feed, titled with their name", async () => {
    const feed = await readFeed(memberFeed.loader, `/members/${f.handle}/feed.atom`, { handle: f.handle });
    expect(feed.title).toBe(`Roundtable: ${NAME}`);
    expect(feed.entries.map((e) => [e.title, e.authors])).toEqual([[TITLE, [NAME]]]);
  });

  it("a thread's reply feed", async () => {
    const feed = await readFeed(threadFeed.loader, `/threads/${f.threadId}/feed.atom`, { id: String(f.threadId) });
    expect(feed.title).toBe(`Replies in “${TITLE}”`);
    expect(feed.entries.map((e) => [e.title, e.authors])).toEqual([[`${NAME} replied in “${TITLE}”`, [NAME]]]);
    expect(feed.entries[0]!.content).toContain("Look ]]> here ]]> and");
  });

  it("the rounds feed, with its prompts' titles in the content", async () => {
    const feed = await readFeed(roundsFeed.loader, "/rounds/feed.atom");
    const entry = feed.entries.find((e) => e.title === ROUND_TITLE);
    expect(entry, JSON.stringify(feed.entries.map((e) => e.title))).toBeDefined();
    expect(entry!.authors).toEqual([NAME]);
    expect(entry!.content).toContain(PROMPT);
    expect(feed.entries.find((e) => e.title === PROMPT)).toBeUndefined();
  });
});
