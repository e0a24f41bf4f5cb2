// Issue 12, section 1: no page that lists posts grows with what members write. A visitor asks the production
// server for thread pages, branch pages, permalinks and edit histories; each answer stays under a bound in
// bytes and in posts, and everything cut from a page is reachable through its plain links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~db/client.server";
import { editPost } from "~/models/posts.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { startServer, type RunningServer } from "../e2e/support/server";

/** What one page may weigh, as sent (the HTML with Remix's copy of the loader data). */
const PAGE_BYTES_BOUND = 2 * 1024 * 1024;
/** Posts on one page, top-level and nested together (the opening post and a branch's ancestors included). */
const PAGE_POSTS_BOUND = 100;
/** A crawl that needs more pages than this to reach every reply has lost its way. */
const CRAWL_PAGES_MAX = 400;

let server: RunningServer;
const wide = { threadId: 0, replies: [] as number[] };
const nested = { threadId: 0, top: 0, descendants: [] as number[], others: [] as number[] };
const edited = { postId: 0, edits: 30 };

/** A reply of 45,000 characters of ordinary prose, in paragraphs. */
function longBody(n: number): string {
  const paragraph = `Reply ${n} tells how the tenants' meeting went, who spoke, and what the landlord said. `.repeat(
    12,
  );
  let body = "";
  while (body.length < 45_000) body += `${paragraph}\n\n`;
  return body.slice(0, 45_000).trim();
}

beforeAll(async () => {
  const author = await createMember();
  const other = await createMember();

  // 150 top-level replies of 45,000 characters each: 6.75 MB of words in one thread.
  wide.threadId = (await createTestThread({ authorId: author.id, title: "A very long conversation" })).id;
  for (let i = 0; i < 150; i++)
    wide.replies.push(
      await createTestReply({ threadId: wide.threadId, authorId: i % 2 ? author.id : other.id, body: longBody(i) }),
    );

  // One top-level reply with 500 descendants: a chain 150 deep, a bush 20 wide with 9 under each, and a chain
  // of 10 with 14 answers under each link. Two more top-level replies follow it.
  nested.threadId = (await createTestThread({ authorId: author.id, title: "One reply that took over" })).id;
  const reply = (parentId: number | null) =>
    createTestReply({ threadId: nested.threadId, parentId, authorId: author.id });
  nested.top = await reply(null);
  let parent = nested.top;
  for (let i = 0; i < 150; i++) nested.descendants.push((parent = await reply(parent)));
  for (let i = 0; i < 20; i++) {
    const child = await reply(nested.top);
    nested.descendants.push(child);
    for (let j = 0; j < 9; j++) nested.descendants.push(await reply(child));
  }
  parent = nested.top;
  for (let i = 0; i < 10; i++) {
    nested.descendants.push((parent = await reply(parent)));
    for (let j = 0; j < 14; j++) nested.descendants.push(await reply(parent));
  }
  nested.others.push(await reply(null), await reply(null));

  // A reply edited 30 times, each version long.
  edited.postId = await createTestReply({ threadId: nested.threadId, authorId: other.id, body: longBody(0) });
  for (let i = 1; i <= edited.edits; i++) {
    const result = await editPost({ post: { id: edited.postId }, editorId: other.id, bodySource: longBody(i) });
    if (!result.ok) throw new Error("edit refused");
  }

  await closeDatabase();
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 300_000);

afterAll(() => server?.stop());

interface Page {
  path: string;
  bytes: number;
  /** Ids of the posts shown, in page order. */
  posts: number[];
  links: string[];
  html: string;
}

async function getPage(path: string): Promise<Page> {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status, `GET ${path}`).toBe(200);
  // React separates adjacent text with empty comments ("Version <!-- -->3"); a reader never sees them.
  const html = (await response.text()).replaceAll("<!-- -->", "");
  return {
    path,
    bytes: Buffer.byteLength(html),
    posts: [...html.matchAll(/<article id="post-(\d+)"/g)].map((m) => Number(m[1])),
    links: [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&")),
    html,
  };
}

function expectBounded(page: Page) {
  expect(page.bytes, `${page.path} weighs ${page.bytes} bytes`).toBeLessThanOrEqual(PAGE_BYTES_BOUND);
  expect(page.posts.length, `${page.path} shows ${page.posts.length} posts`).toBeLessThanOrEqual(PAGE_POSTS_BOUND);
}

/** The links that lead to more of a thread: its next pages, and branches continued on a page of their own. */
function isContinuation(href: string, threadId: number): boolean {
  return (
    new RegExp(`^/threads/${threadId}/[a-z0-9-]+\\?after=\\d+$`).test(href) ||
    /^\/posts\/\d+\?branch=1(&after=\d+)?$/.test(href)
  );
}

/** Every page reachable from a thread's first page through its continuation links, each checked for bounds. */
async function crawlThread(threadId: number): Promise<{ pages: Page[]; seen: Set<number> }> {
  const first = await getPage(`/threads/${threadId}`);
  const queue = first.links.filter((href) => isContinuation(href, threadId));
  const visited = new Set(queue);
  const pages = [first];
  while (queue.length) {
    expect(pages.length, "pages crawled").toBeLessThan(CRAWL_PAGES_MAX);
    const page = await getPage(queue.shift()!);
    pages.push(page);
    for (const href of page.links)
      if (isContinuation(href, threadId) && !visited.has(href)) {
        visited.add(href);
        queue.push(href);
      }
  }
  for (const page of pages) expectBounded(page);
  return { pages, seen: new Set(pages.flatMap((p) => p.posts)) };
}

describe("thread pages are bounded, and nothing is lost beyond the bound", () => {
  it("a thread of 150 replies of 45,000 characters: every page under the bound, every reply a link away", async () => {
    const first = await getPage(`/threads/${wide.threadId}`);
    expectBounded(first);
    expect(first.html).toContain(">More replies</a>");
    const { pages, seen } = await crawlThread(wide.threadId);
    expect(pages.length).toBeGreaterThan(1);
    expect(wide.replies.filter((id) => !seen.has(id))).toEqual([]);
  });

  it("one top-level reply with 500 nested replies: a bounded page, the rest behind 'Continue this thread'", async () => {
    const first = await getPage(`/threads/${nested.threadId}`);
    expectBounded(first);
    expect(first.posts).toContain(nested.top);
    expect(first.html).toMatch(/Continue this thread \(\d+ more repl(y|ies)\)/);
    const { seen } = await crawlThread(nested.threadId);
    const everyReply = [nested.top, ...nested.descendants, ...nested.others];
    expect(everyReply.filter((id) => !seen.has(id))).toEqual([]);
  });

  it("a permalink lands on a bounded page that shows the post", async () => {
    const sample = [
      ...wide.replies.filter((_, i) => i % 10 === 0 || i === wide.replies.length - 1),
      ...[nested.top, ...nested.descendants, ...nested.others].filter(
        (_, i, all) => i % 5 === 0 || i === all.length - 1,
      ),
    ];
    for (const postId of sample) {
      const answer = await fetch(`${server.url}/posts/${postId}`, { redirect: "manual" });
      expect([200, 302], `/posts/${postId}`).toContain(answer.status);
      const path = answer.status === 302 ? answer.headers.get("location")!.replace(/#.*$/, "") : `/posts/${postId}`;
      if (answer.status === 302) expect(answer.headers.get("location")).toMatch(new RegExp(`#post-${postId}$`));
      await answer.body?.cancel();
      const page = await getPage(path);
      expect(page.posts, `${path} for post ${postId}`).toContain(postId);
      expectBounded(page);
    }
  });
});

describe("edit history pages are bounded", () => {
  it("a post edited 30 times: a bounded page of versions, older ones a link away", async () => {
    const versions = new Set<number>();
    let path: string | undefined = `/posts/${edited.postId}/history`;
    let pages = 0;
    while (path && pages < CRAWL_PAGES_MAX) {
      const page = await getPage(path);
      expectBounded(page);
      const shown = [...page.html.matchAll(/>Version (\d+),/g)].map((m) => Number(m[1]));
      expect(shown.length, `${path} lists ${shown.length} versions`).toBeLessThanOrEqual(10);
      for (const v of shown) versions.add(v);
      pages++;
      path = page.links.find((href) => href.startsWith(`/posts/${edited.postId}/history?before=`));
    }
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: edited.edits }, (_, i) => i + 1));
  });
});
