import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import * as drafts from "~/routes/drafts";
import { setThreadHidden } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import * as deletePost from "~/routes/posts.$id.delete";
import * as editPost from "~/routes/posts.$id.edit";
import * as permalink from "~/routes/posts.$id._index";
import * as reply from "~/routes/posts.$id.reply";
import * as newStory from "~/routes/stories.new";
import * as newThread from "~/routes/threads.new";
import * as threadPage from "~/routes/threads.$id.$slug";
import * as threadNoSlug from "~/routes/threads.$id._index";
import { EMPTY_STORY_SECTIONS } from "~/lib/story-sections";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

type ComposerData = {
  savedDraftId: number | null;
  preview: string | null;
  fieldErrors: Record<string, string>;
  fields: Record<string, string | string[]>;
};

async function openingPostId(threadId: number) {
  return (
    await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow()
  ).id;
}

describe("thread addresses", () => {
  it("redirects a wrong or missing slug to the canonical address with 301", async () => {
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id, title: "Budget hearings that worked" });
    const wrong = await run(threadPage.loader, getRequest(`/threads/${thread.id}/old-slug?after=3`), {
      id: String(thread.id),
      slug: "old-slug",
    });
    expect(wrong.status).toBe(301);
    expect(wrong.headers.get("Location")).toBe(`/threads/${thread.id}/budget-hearings-that-worked?after=3`);
    const missing = await run(threadNoSlug.loader, getRequest(`/threads/${thread.id}`), { id: String(thread.id) });
    expect(missing.status).toBe(301);
    expect(missing.headers.get("Location")).toBe(`/threads/${thread.id}/budget-hearings-that-worked`);
  });

  it("answers junk ids with 404 and junk cursors with 400, never 500", async () => {
    for (const id of ["abc", "0", "-1", "1e5", "99999999999999999999", "999999"]) {
      const response = await run(threadPage.loader, getRequest(`/threads/${id}/x`), { id, slug: "x" });
      expect(response.status).toBe(404);
    }
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    const junk = await run(threadPage.loader, getRequest(`/threads/${thread.id}/${thread.slug}?after=zzz`), {
      id: String(thread.id),
      slug: thread.slug,
    });
    expect(junk.status).toBe(400);
  });

  it("sends a reply permalink to its place on the thread page", async () => {
    const member = await createMember();
    const thread = await createTestThread({ authorId: member.id });
    const postId = await createTestReply({ threadId: thread.id, authorId: member.id });
    const response = await run(permalink.loader, getRequest(`/posts/${postId}`), { id: String(postId) });
    expect(response.headers.get("Location")).toBe(`/threads/${thread.id}/${thread.slug}#post-${postId}`);
  });
});

describe("addresses of what moderators hid or authors removed", () => {
  it("answer 404 without a slug to whoever may not see the post or its thread", async () => {
    const author = await createMember();
    const replier = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id, title: "A title nobody else may read" });
    const reply = await createTestReply({ threadId: thread.id, authorId: replier.id });
    const hiddenReply = await createTestReply({ threadId: thread.id, authorId: replier.id });
    await moderatePost(moderator.id, hiddenReply, { reason: "spam", note: "" });
    const open = async (postId: number, cookie?: string, query = "") =>
      run(permalink.loader, getRequest(`/posts/${postId}${query}`, cookie), { id: String(postId) });

    // A hidden reply: its author and moderators are sent to it; anyone else gets a 404, branch page included.
    expect((await open(hiddenReply)).status).toBe(404);
    expect((await open(hiddenReply, undefined, "?branch=1")).status).toBe(404);
    expect((await open(hiddenReply, await sessionCookieFor(replier.id))).status).toBe(302);
    expect((await open(hiddenReply, await sessionCookieFor(moderator.id))).status).toBe(302);

    // A hidden thread: its posts' addresses name nothing, for anyone but its author and moderators.
    await setThreadHidden(thread.id, { actorId: moderator.id, reason: "spam", note: "" });
    const replierCookie = await sessionCookieFor(replier.id);
    for (const cookie of [undefined, replierCookie]) {
      const response = await open(reply, cookie);
      expect(response.status).toBe(404);
      expect(response.headers.get("Location")).toBeNull();
      expect(await response.text()).not.toContain("nobody-else");
    }
    expect((await open(reply, await sessionCookieFor(author.id))).headers.get("Location")).toContain(thread.slug);

    // Its repliers can't edit or delete their replies there either: the pages and redirects would name it.
    const params = { id: String(reply) };
    expect((await run(editPost.loader, getRequest(`/posts/${reply}/edit`, replierCookie), params)).status).toBe(404);
    expect((await run(deletePost.loader, getRequest(`/posts/${reply}/delete`, replierCookie), params)).status).toBe(
      404,
    );
    const deleted = await run(deletePost.action, formRequest(`/posts/${reply}/delete`, {}, replierCookie), params);
    expect(deleted.status).toBe(404);
    const row = await getDb()
      .selectFrom("posts")
      .select("deleted_at")
      .where("id", "=", reply)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeNull();
  });
});

describe("notifications read by seeing their posts", () => {
  it("are read where the page shows the post, not where it shows a placeholder for it", async () => {
    const author = await createMember();
    const replier = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id });
    const answer = await createTestReply({ threadId: thread.id, authorId: replier.id });
    await moderatePost(moderator.id, answer, { reason: "spam", note: "" });
    const cookie = await sessionCookieFor(author.id);
    const readAt = async () =>
      (
        await getDb()
          .selectFrom("notifications")
          .select("read_at")
          .where("member_id", "=", author.id)
          .where("post_id", "=", answer)
          .executeTakeFirstOrThrow()
      ).read_at;
    const seeThread = () =>
      run(threadPage.loader, getRequest(`/threads/${thread.id}/${thread.slug}`, cookie), {
        id: String(thread.id),
        slug: thread.slug,
      });
    const seeBranch = () =>
      run(permalink.loader, getRequest(`/posts/${answer}?branch=1`, cookie), { id: String(answer) });

    // The thread's author sees "hidden by moderators" where the reply was: the notice about it waits.
    expect((await seeThread()).status).toBe(200);
    expect(await readAt()).toBeNull();
    await moderatePost(moderator.id, answer, null);
    expect(await readAt()).toBeNull();
    // Restored, it is seen on its branch page, and read.
    expect((await seeBranch()).status).toBe(200);
    expect(await readAt()).not.toBeNull();
  });
});

describe("writing", () => {
  it("sends a visitor to log in and back", async () => {
    const response = await run(newStory.loader, getRequest("/stories/new?topic=health"));
    expect(response.headers.get("Location")).toBe(
      `/login?redirectTo=${encodeURIComponent("/stories/new?topic=health")}`,
    );
    const post = await run(reply.action, formRequest("/posts/1/reply", { bodySource: "hi" }), { id: "1" });
    expect(post.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/posts/1/reply")}`);
  });

  it("offers empty story sections, previews, and publishes a story with two topics", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id }); // seeds the topics
    const loaded = (await (await run(newStory.loader, getRequest("/stories/new", cookie))).json()) as {
      values: { sections: unknown };
    };
    expect(loaded.values.sections).toEqual(EMPTY_STORY_SECTIONS);
    const form = {
      title: "How our savings circle started",
      "story-context": "Ten **families**.",
      tagSlugs: ["financial-advice", "community-building"],
    };
    const preview = (await (
      await run(newStory.action, formRequest("/stories/new", { ...form, intent: "preview" }, cookie))
    ).json()) as ComposerData;
    expect(preview.preview).toContain("<strong>families</strong>");
    expect(await getDb().selectFrom("threads").select("id").where("title", "=", form.title).execute()).toHaveLength(0);
    const published = await run(newStory.action, formRequest("/stories/new", { ...form, intent: "publish" }, cookie));
    expect(published.status).toBe(302);
    const thread = await getDb()
      .selectFrom("threads")
      .select(["id", "kind"])
      .where("title", "=", form.title)
      .executeTakeFirstOrThrow();
    expect(thread.kind).toBe("story");
    expect(published.headers.get("Location")).toBe(`/threads/${thread.id}/how-our-savings-circle-started`);
    const tags = await getDb()
      .selectFrom("thread_tags")
      .innerJoin("tags", "tags.id", "thread_tags.tag_id")
      .select("tags.slug")
      .where("thread_id", "=", thread.id)
      .execute();
    expect(tags.map((t) => t.slug).sort()).toEqual(["community-building", "financial-advice"]);
  });

  it("shows a clear message next to each bad field and keeps what was typed", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    const cases: Array<[Record<string, string | string[]>, string, RegExp]> = [
      [{ title: "Hey", bodySource: "x", tagSlugs: "health" }, "title", /at least 5/],
      [{ title: "x".repeat(151), bodySource: "x", tagSlugs: "health" }, "title", /at most 150/],
      [{ title: "A fine title", bodySource: "   ", tagSlugs: "health" }, "bodySource", /Write your post/],
      [{ title: "A fine title", bodySource: "x".repeat(50_001), tagSlugs: "health" }, "bodySource", /over 50,000/],
      [{ title: "A fine title", bodySource: "x" }, "tagSlugs", /at least one topic/],
      [
        {
          title: "A fine title",
          bodySource: "x",
          tagSlugs: ["health", "policy", "funding", "training", "innovation", "advocacy"],
        },
        "tagSlugs",
        /at most 5/,
      ],
      [{ title: "A fine title", bodySource: "x", tagSlugs: ["no-such-topic"] }, "tagSlugs", /no topic called/],
    ];
    for (const [form, field, message] of cases) {
      const response = await run(newThread.action, formRequest("/threads/new", { ...form, intent: "publish" }, cookie));
      expect(response.status).toBe(400);
      const data = (await response.json()) as ComposerData;
      expect(data.fieldErrors[field]).toMatch(message);
      expect(data.fields.title).toEqual(form.title);
      expect(data.fields.bodySource).toEqual(form.bodySource);
    }
    expect(await getDb().selectFrom("threads").select("id").where("title", "=", "A fine title").execute()).toHaveLength(
      0,
    );
  });

  it("saves a draft on the server and restores it", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    const saved = (await (
      await run(
        newThread.action,
        formRequest(
          "/threads/new",
          { title: "Half-finished thoughts", bodySource: "Still writing", tagSlugs: "policy", intent: "save-draft" },
          cookie,
        ),
      )
    ).json()) as ComposerData;
    expect(saved.savedDraftId).toBeGreaterThan(0);
    const list = (await (await run(drafts.loader, getRequest("/drafts", cookie))).json()) as {
      drafts: Array<{ id: number; title: string }>;
    };
    expect(list.drafts.map((d) => d.title)).toEqual(["Half-finished thoughts"]);
    const restored = (await (
      await run(newThread.loader, getRequest(`/threads/new?draft=${saved.savedDraftId}`, cookie))
    ).json()) as {
      values: { title: string; bodySource: string; tagSlugs: string[] };
    };
    expect(restored.values).toEqual({
      title: "Half-finished thoughts",
      bodySource: "Still writing",
      tagSlugs: ["policy"],
    });
    // Someone else's draft id finds nothing.
    const other = await createMember();
    const stolen = await run(
      newThread.loader,
      getRequest(`/threads/new?draft=${saved.savedDraftId}`, await sessionCookieFor(other.id)),
    );
    expect(stolen.status).toBe(404);
  });

  it("replies three levels deep and refuses replies in a locked thread, keeping the text", async () => {
    const author = await createMember();
    const replier = await createMember();
    const cookie = await sessionCookieFor(replier.id);
    const thread = await createTestThread({ authorId: author.id });
    let parent = await openingPostId(thread.id);
    for (let depth = 1; depth <= 3; depth++) {
      const response = await run(
        reply.action,
        formRequest(`/posts/${parent}/reply`, { bodySource: `level ${depth}`, intent: "publish" }, cookie),
        { id: String(parent) },
      );
      expect(response.status).toBe(302);
      parent = Number(/#post-(\d+)$/.exec(response.headers.get("Location")!)![1]);
    }
    const deepest = await getDb()
      .selectFrom("posts")
      .select("depth")
      .where("id", "=", parent)
      .executeTakeFirstOrThrow();
    expect(deepest.depth).toBe(3);
    await getDb().updateTable("threads").set({ locked_at: Date.now() }).where("id", "=", thread.id).execute();
    const refused = await run(
      reply.action,
      formRequest(`/posts/${parent}/reply`, { bodySource: "one more thing", intent: "publish" }, cookie),
      { id: String(parent) },
    );
    expect(refused.status).toBe(400);
    const data = (await refused.json()) as ComposerData;
    expect(data.fieldErrors.bodySource).toMatch(/locked/);
    expect(data.fields.bodySource).toBe("one more thing");
  });

  it("lets only the author edit a post", async () => {
    const author = await createMember();
    const other = await createMember();
    const thread = await createTestThread({ authorId: author.id, body: "Mine" });
    const postId = await openingPostId(thread.id);
    const denied = await run(
      editPost.action,
      formRequest(
        `/posts/${postId}/edit`,
        { title: "Taken over", bodySource: "Not yours", tagSlugs: "health" },
        await sessionCookieFor(other.id),
      ),
      { id: String(postId) },
    );
    expect(denied.status).toBe(403);
    const body = await getDb()
      .selectFrom("posts")
      .select("body_source")
      .where("id", "=", postId)
      .executeTakeFirstOrThrow();
    expect(body.body_source).toBe("Mine");
    expect(
      await getDb().selectFrom("post_revisions").select("id").where("post_id", "=", postId).execute(),
    ).toHaveLength(0);
  });
});
