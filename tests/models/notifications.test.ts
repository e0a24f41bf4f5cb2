import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { editPost, getPostForEdit } from "~/models/posts.server";
import { followTopic, setThreadFollow } from "~/models/follows.server";
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  MENTION_NOTIFY_MAX,
  UNREAD_BADGE_CAP,
} from "~/models/notifications.server";
import { setThreadHidden } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { flagPost } from "~/models/flags.server";
import * as root from "~/root";
import * as notificationsRoute from "~/routes/notifications";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

const kinds = async (memberId: number) => (await listNotifications(memberId)).map((l) => [l.kind, l.count]);

describe("notifications", () => {
  it("tells the author of a post about a reply, and followers about new replies, once each", async () => {
    const author = await createMember({ handle: "n_author" });
    const follower = await createMember({ handle: "n_follower" });
    const replier = await createMember({ handle: "n_replier" });
    const thread = await createTestThread({ authorId: author.id });
    const first = await createTestReply({ threadId: thread.id, authorId: follower.id }); // follower now follows
    await createTestReply({ threadId: thread.id, parentId: first, authorId: replier.id });
    expect(await kinds(follower.id)).toEqual([["reply", 1]]);
    expect(await kinds(author.id)).toEqual([["thread-reply", 2]]); // grouped into one line
    expect(await kinds(replier.id)).toEqual([]);
    expect(await countUnread(author.id)).toBe(2);
  });

  it("notifies mentioned members once per post, even after edits", async () => {
    const author = await createMember({ handle: "m_author" });
    const named = await createMember({ handle: "m_named" });
    const thread = await createTestThread({ authorId: author.id });
    const reply = await createTestReply({
      threadId: thread.id,
      authorId: author.id,
      body: "Thanks @m_named and @nobody_here",
    });
    expect(await kinds(named.id)).toEqual([["mention", 1]]);
    await editPost({ post: (await getPostForEdit(reply))!, editorId: author.id, bodySource: "Thanks again @m_named" });
    expect(await kinds(named.id)).toEqual([["mention", 1]]);
  });

  it("notifies at most MENTION_NOTIFY_MAX mentioned members per post, the first ones named; the rest are links only", async () => {
    expect(MENTION_NOTIFY_MAX).toBe(10);
    const author = await createMember({ handle: "cap_author" });
    const named = [];
    for (let i = 0; i < 14; i++) named.push(await createMember({ handle: `cap_named_${i}` }));
    const thread = await createTestThread({ authorId: author.id });
    const mentioned = async () =>
      (
        await getDb()
          .selectFrom("notifications")
          .select("member_id")
          .where("kind", "=", "mention")
          .where("post_id", "=", reply)
          .orderBy("member_id")
          .execute()
      ).map((n) => n.member_id);
    // Named last to first, so "the first ten named" is not simply the first ten made.
    const body = `Thank you ${named
      .slice(0, 12)
      .reverse()
      .map((m) => `@${m.handle}`)
      .join(", ")}!`;
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id, body });
    expect(await mentioned()).toEqual(named.slice(2, 12).map((m) => m.id));
    const html = await getDb()
      .selectFrom("posts")
      .select("body_html")
      .where("id", "=", reply)
      .executeTakeFirstOrThrow();
    for (const member of named.slice(0, 12)) expect(html.body_html).toContain(`<a href="/members/${member.handle}" `);
    // An edit that names more members notifies none of them: the post has had its ten.
    const more = `${body} And @${named[12]!.handle} and @${named[13]!.handle}.`;
    await editPost({ post: (await getPostForEdit(reply))!, editorId: author.id, bodySource: more });
    expect(await mentioned()).toHaveLength(MENTION_NOTIFY_MAX);
    expect(await kinds(named[13]!.id)).toEqual([]);
  });

  it("respects stop and mute, and tells topic followers about new threads", async () => {
    const author = await createMember();
    const quiet = await createMember();
    const reader = await createMember();
    await createTestThread({ authorId: author.id }); // seeds topics
    const tag = await getDb().selectFrom("tags").select("id").where("slug", "=", "health").executeTakeFirstOrThrow();
    await followTopic(reader.id, tag.id);
    const thread = await createTestThread({ authorId: author.id, tagSlugs: ["health"] });
    expect(await kinds(reader.id)).toEqual([["topic-thread", 1]]);
    const quietReply = await createTestReply({ threadId: thread.id, authorId: quiet.id });
    const stopper = await createMember();
    const stopperReply = await createTestReply({ threadId: thread.id, authorId: stopper.id });
    await setThreadFollow(quiet.id, thread.id, "muted");
    await setThreadFollow(stopper.id, thread.id, "stopped");
    const quietBefore = await kinds(quiet.id);
    await createTestReply({ threadId: thread.id, parentId: quietReply, authorId: reader.id });
    await createTestReply({ threadId: thread.id, authorId: reader.id });
    // Muted: nothing, not even a direct answer. Stopped: no news of the thread, but still direct answers.
    expect(await kinds(quiet.id)).toEqual(quietBefore);
    const before = await kinds(stopper.id);
    expect(before).toEqual([]); // the reader's top-level reply came after stopping
    await createTestReply({ threadId: thread.id, parentId: stopperReply, authorId: reader.id });
    expect(await kinds(stopper.id)).toEqual([["reply", 1]]);
  });

  it("tells authors and flaggers what moderators decided", async () => {
    const author = await createMember();
    const flagger = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id });
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id });
    await flagPost({ postId: reply, memberId: flagger.id, reason: "spam", note: "" });
    await moderatePost(mod.id, reply, { reason: "spam", note: "" });
    expect((await listNotifications(author.id)).find((l) => l.kind === "content-hidden")?.detail).toBe("Spam");
    expect((await listNotifications(flagger.id)).find((l) => l.kind === "flag-outcome")?.detail).toBe("hidden");
  });

  it("drops what a member may no longer see from the list and the count, and keep its title to those who may", async () => {
    const author = await createMember();
    const replier = await createMember();
    const follower = await createMember();
    const flagger = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id, title: "Plans nobody else should read" });
    await setThreadFollow(follower.id, thread.id, "following");
    await setThreadFollow(mod.id, thread.id, "following");
    const reply = await createTestReply({ threadId: thread.id, authorId: replier.id });
    await createTestReply({ threadId: thread.id, authorId: replier.id });
    expect(await countUnread(follower.id)).toBe(2);

    // A hidden reply: the notice about it goes for the follower, stays for moderators.
    await flagPost({ postId: reply, memberId: flagger.id, reason: "spam", note: "" });
    await moderatePost(mod.id, reply, { reason: "spam", note: "" });
    expect(await countUnread(follower.id)).toBe(1);
    expect((await listNotifications(follower.id)).flatMap((l) => l.postId)).not.toContain(reply);
    expect(await countUnread(mod.id)).toBe(2);

    // A hidden thread: everything about it goes for those who may not see it, title and all.
    await setThreadHidden(thread.id, { actorId: mod.id, reason: "off-topic", note: "" });
    expect(await countUnread(follower.id)).toBe(0);
    expect(await listNotifications(follower.id)).toEqual([]);
    // The flagger still learns what became of their flag, without the thread's title or a link to the post.
    const [outcome] = await listNotifications(flagger.id);
    expect(outcome).toMatchObject({ kind: "flag-outcome", detail: "hidden", thread: null, postId: null });
    expect(await countUnread(flagger.id)).toBe(1);
    // Its author and moderators still see it, named.
    const authorLines = await listNotifications(author.id);
    expect(authorLines.map((l) => l.kind)).toContain("content-hidden");
    expect(authorLines.every((l) => l.thread?.title === "Plans nobody else should read")).toBe(true);
    expect((await listNotifications(mod.id)).map((l) => l.thread?.title)).toContain("Plans nobody else should read");
  });

  it("marks one line or everything read, and never another member's", async () => {
    const author = await createMember();
    const other = await createMember();
    const thread = await createTestThread({ authorId: author.id });
    await createTestReply({ threadId: thread.id, authorId: other.id });
    await createTestReply({ threadId: thread.id, authorId: other.id });
    const [line] = await listNotifications(author.id);
    expect(await markRead(other.id, line!.ids)).toBe(0);
    expect(await countUnread(author.id)).toBe(2);
    const cookie = await sessionCookieFor(author.id);
    await run(notificationsRoute.action, formRequest("/notifications", { ids: line!.ids.join(",") }, cookie));
    expect(await countUnread(author.id)).toBe(0);
    await createTestReply({ threadId: thread.id, authorId: other.id });
    await markAllRead(author.id);
    expect(await countUnread(author.id)).toBe(0);
  });

  it("counts for the header badge only up to its cap, after the visibility rule; the notifications page counts all", async () => {
    const author = await createMember();
    const replier = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id });
    const hidden = await createTestReply({ threadId: thread.id, authorId: replier.id });
    for (let i = 0; i < 3; i++) await createTestReply({ threadId: thread.id, authorId: replier.id });
    await moderatePost(mod.id, hidden, { reason: "spam", note: "" });
    // Four notices, one about a hidden reply: the bound applies to what the member may see.
    expect(await countUnread(author.id)).toBe(3);
    expect(await countUnread(author.id, { atMost: 10 })).toBe(3);
    expect(await countUnread(author.id, { atMost: 2 })).toBe(2);

    // A long backlog (written directly: 120 replies would only slow the test), about a post the member may see.
    const visible = await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("hidden_at", "is", null)
      .where("depth", ">", 0)
      .executeTakeFirstOrThrow();
    await getDb()
      .insertInto("notifications")
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          member_id: author.id,
          kind: "thread-reply",
          thread_id: thread.id,
          post_id: visible.id,
          actor_id: replier.id,
          created_at: Date.now() + i,
        })),
      )
      .execute();
    const cookie = await sessionCookieFor(author.id);
    const rootData = (await (await run(root.loader, getRequest("/", cookie))).json()) as { unread: number };
    expect(UNREAD_BADGE_CAP).toBe(99);
    expect(rootData.unread).toBe(UNREAD_BADGE_CAP + 1); // the header says "99+"
    const page = (await (await run(notificationsRoute.loader, getRequest("/notifications", cookie))).json()) as {
      unreadCount: number;
    };
    expect(page.unreadCount).toBe(123);
  });
});
