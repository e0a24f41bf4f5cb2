// Where a post is read in its conversation (getPostPlace) and the address that shows it (postPlaceHref):
// the first page, a later page, or the post's own branch page; nothing for a viewer who may not see it.
import { describe, expect, it } from "vitest";
import type { Viewer } from "~/auth/viewer";
import { postPlaceHref } from "~/lib/post-links";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { PAGE_POSTS_MAX } from "~/models/page-bounds.server";
import { moderatePost } from "~/models/post-moderation.server";
import { getPostPlace, getThreadPage } from "~/models/thread-page.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

const asViewer = (m: { id: number; handle: string; displayName: string }): Viewer => ({ ...m, role: "member" });

describe("getPostPlace", () => {
  it("finds the thread page that shows a reply: the first, or the later one its top-level reply starts", async () => {
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    const tops: number[] = [];
    for (let i = 0; i < PAGE_POSTS_MAX + 5; i++)
      tops.push(await createTestReply({ threadId: thread.id, authorId: member.id }));
    expect(await getPostPlace(tops[0]!, null)).toEqual({
      kind: "thread",
      threadId: thread.id,
      slug: thread.slug,
      after: null,
    });
    const late = await createTestReply({ threadId: thread.id, parentId: tops.at(-1)!, authorId: member.id });
    const place = await getPostPlace(late, null);
    expect(place).toMatchObject({ kind: "thread", threadId: thread.id });
    const after = place!.kind === "thread" ? place!.after : null;
    expect(after).not.toBeNull();
    expect((await getThreadPage(thread.id, null, after))!.replies.map((r) => r.id)).toContain(late);
    expect(postPlaceHref(place!, late, { highlight: true })).toBe(
      `/threads/${thread.id}/${thread.slug}?after=${after}&highlight=${late}#post-${late}`,
    );
    expect(postPlaceHref(place!, late)).toBe(`/threads/${thread.id}/${thread.slug}?after=${after}#post-${late}`);
  });

  it("sends a reply deeper than a thread page shows to its own branch page", async () => {
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    let parent: number | null = null;
    for (let depth = 1; depth <= MAX_DISPLAY_DEPTH + 1; depth++)
      parent = await createTestReply({ threadId: thread.id, parentId: parent, authorId: member.id });
    const place = await getPostPlace(parent!, null);
    expect(place).toEqual({ kind: "branch", postId: parent });
    expect(postPlaceHref(place!, parent!, { highlight: true })).toBe(
      `/posts/${parent}?branch=1&highlight=${parent}#post-${parent}`,
    );
  });

  it("has no place for a viewer who may not see the reply", async () => {
    const author = await createMember();
    const other = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id });
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id });
    await moderatePost(moderator.id, reply, { reason: "spam", note: "" });
    expect(await getPostPlace(reply, asViewer(other))).toBeNull();
    expect(await getPostPlace(reply, null)).toBeNull();
    expect(await getPostPlace(reply, asViewer(author))).toMatchObject({ kind: "thread" });
  });
});
