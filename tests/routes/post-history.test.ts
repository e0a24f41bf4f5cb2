// Issue 12, section 1: Markdown never renders on a read. A post's edit history shows the HTML each version
// had when it was written (post_revisions.body_html), however often anyone asks for it.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { renderMarkdownBounded } from "~/lib/markdown-bounded.server";
import { renderMarkdown, renderMarkdownWithMentions } from "~/lib/markdown.server";
import { editPost } from "~/models/posts.server";
import * as history from "~/routes/posts.$id.history";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { getRequest, run } from "../setup/requests";

vi.mock("~/lib/markdown.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/lib/markdown.server")>();
  return {
    ...actual,
    renderMarkdown: vi.fn(actual.renderMarkdown),
    renderMarkdownWithMentions: vi.fn(actual.renderMarkdownWithMentions),
  };
});
vi.mock("~/lib/markdown-bounded.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/lib/markdown-bounded.server")>();
  return { ...actual, renderMarkdownBounded: vi.fn(actual.renderMarkdownBounded) };
});

const renderers = () => [
  vi.mocked(renderMarkdown),
  vi.mocked(renderMarkdownWithMentions),
  vi.mocked(renderMarkdownBounded),
];

beforeEach(() => {
  for (const renderer of renderers()) renderer.mockClear();
});

type HistoryData = { revisions: Array<{ id: number; html: string }> };

async function editedReply() {
  const author = await createMember();
  const thread = await createTestThread({ authorId: author.id });
  const replyId = await createTestReply({ threadId: thread.id, authorId: author.id, body: "**First** words" });
  await editPost({ post: { id: replyId }, editorId: author.id, bodySource: "_Second_ words" });
  for (const renderer of renderers()) renderer.mockClear();
  return replyId;
}

async function loadHistory(postId: number): Promise<HistoryData> {
  const response = await run(history.loader, getRequest(`/posts/${postId}/history`), { id: String(postId) });
  expect(response.status).toBe(200);
  return (await response.json()) as HistoryData;
}

describe("a post's edit history", () => {
  it("serves the HTML each version was stored with, rendering nothing", async () => {
    const replyId = await editedReply();
    const stored = await getDb()
      .selectFrom("post_revisions")
      .select("body_html")
      .where("post_id", "=", replyId)
      .executeTakeFirstOrThrow();
    expect(stored.body_html).toBe("<p><strong>First</strong> words</p>\n");
    // Were the history rendered from the source on a read, this is what it would show.
    await getDb()
      .updateTable("post_revisions")
      .set({ body_source: "**Tampered**" })
      .where("post_id", "=", replyId)
      .execute();

    for (let i = 0; i < 3; i++) {
      const { revisions } = await loadHistory(replyId);
      expect(revisions.map((r) => r.html)).toEqual(["<p><strong>First</strong> words</p>\n"]);
    }
    for (const renderer of renderers()) expect(renderer).not.toHaveBeenCalled();
  });

  it("shows a revision the backfill has not reached as its words, unformatted, still rendering nothing", async () => {
    const replyId = await editedReply();
    await getDb()
      .updateTable("post_revisions")
      .set({ body_html: null, body_source: "**Old** <b>words</b>\nline two" })
      .where("post_id", "=", replyId)
      .execute();
    const { revisions } = await loadHistory(replyId);
    expect(revisions.map((r) => r.html)).toEqual(["<p>**Old** &lt;b&gt;words&lt;/b&gt;<br />line two</p>"]);
    for (const renderer of renderers()) expect(renderer).not.toHaveBeenCalled();
  });
});
