// Issue 12, section 1: previews, edits and profile saves count against per-member limits, as replies do; past
// one, the member gets a 429 with a message on the form, their text kept and nothing rendered or written.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { renderMarkdownBounded } from "~/lib/markdown-bounded.server";
import { sharedWriteLimiter, setWriteLimiter, writeLimits } from "~/models/write-throttle.server";
import * as editPost from "~/routes/posts.$id.edit";
import * as reply from "~/routes/posts.$id.reply";
import * as profileSettings from "~/routes/settings.profile";
import * as newThread from "~/routes/threads.new";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, run, sessionCookieFor } from "../setup/requests";

vi.mock("~/lib/markdown-bounded.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/lib/markdown-bounded.server")>();
  return { ...actual, renderMarkdownBounded: vi.fn(actual.renderMarkdownBounded) };
});

const LIMITS = { PREVIEW_LIMIT: "4", EDIT_LIMIT: "3", PROFILE_SAVE_LIMIT: "2", WRITE_LIMIT_MINUTES: "10" };

beforeEach(() => {
  Object.assign(process.env, LIMITS);
  setWriteLimiter();
  vi.mocked(renderMarkdownBounded).mockClear();
});

afterAll(() => {
  for (const name of Object.keys(LIMITS)) delete process.env[name];
  setWriteLimiter();
});

type FormAnswer = { fieldErrors: Record<string, string>; fields: Record<string, unknown>; preview?: string | null };

async function writer() {
  const member = await createMember();
  const thread = await createTestThread({ authorId: member.id });
  const replyId = await createTestReply({ threadId: thread.id, authorId: member.id, body: "First words." });
  return { member, cookie: await sessionCookieFor(member.id), replyId };
}

describe("per-member write limits", () => {
  it("reads its defaults and its settings from the environment", () => {
    for (const name of Object.keys(LIMITS)) delete process.env[name];
    expect(writeLimits()).toEqual({ perWindow: { preview: 60, edit: 30, profile: 20 }, windowMinutes: 10 });
    Object.assign(process.env, LIMITS);
    expect(writeLimits()).toEqual({ perWindow: { preview: 4, edit: 3, profile: 2 }, windowMinutes: 10 });
  });

  it("counts previews from every composer together, and refuses the one past the limit with a 429", async () => {
    const { cookie, replyId } = await writer();
    const previewReply = (text: string) =>
      run(reply.action, formRequest(`/posts/${replyId}/reply`, { bodySource: text, intent: "preview" }, cookie), {
        id: String(replyId),
      });
    const previewThread = (text: string) =>
      run(
        newThread.action,
        formRequest(
          "/threads/new",
          { title: "Counting previews", bodySource: text, tagSlugs: "organizing", intent: "preview" },
          cookie,
        ),
      );
    for (let i = 0; i < 2; i++) expect((await previewReply(`Reply *${i}*`)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await previewThread(`Thread *${i}*`)).status).toBe(200);
    const rendered = vi.mocked(renderMarkdownBounded).mock.calls.length;

    const refused = await previewReply("One *more*");
    expect(refused.status).toBe(429);
    const data = (await refused.json()) as FormAnswer;
    expect(data.fieldErrors).toEqual({
      form: "You have previewed 4 times in 10 minutes, the most we allow. Your text is still here: preview again in 10 minutes.",
    });
    expect(data.fields.bodySource).toBe("One *more*");
    expect(data.preview).toBeNull();
    expect(vi.mocked(renderMarkdownBounded).mock.calls.length).toBe(rendered); // refused before rendering

    // Publishing is not a preview, and another member has their own count.
    const published = await run(
      reply.action,
      formRequest(`/posts/${replyId}/reply`, { bodySource: "Published anyway.", intent: "publish" }, cookie),
      { id: String(replyId) },
    );
    expect(published.status).toBe(302);
    const other = await writer();
    const theirs = await run(
      reply.action,
      formRequest(`/posts/${other.replyId}/reply`, { bodySource: "Mine", intent: "preview" }, other.cookie),
      { id: String(other.replyId) },
    );
    expect(theirs.status).toBe(200);
  });

  it("refuses the edit past the limit with a 429, leaving the post as it was", async () => {
    const { cookie, replyId } = await writer();
    const edit = (text: string) =>
      run(editPost.action, formRequest(`/posts/${replyId}/edit`, { bodySource: text, intent: "publish" }, cookie), {
        id: String(replyId),
      });
    for (let i = 1; i <= 3; i++) expect((await edit(`Edit ${i}`)).status).toBe(302);
    const refused = await edit("Edit 4");
    expect(refused.status).toBe(429);
    const data = (await refused.json()) as FormAnswer;
    expect(data.fieldErrors.form).toMatch(/^You have saved 3 edits in 10 minutes, the most we allow\./);
    expect(data.fields.bodySource).toBe("Edit 4");
    const post = await getDb().selectFrom("posts").select("body_source").where("id", "=", replyId).executeTakeFirst();
    expect(post?.body_source).toBe("Edit 3");
    const revisions = await getDb().selectFrom("post_revisions").select("id").where("post_id", "=", replyId).execute();
    expect(revisions).toHaveLength(3);
  });

  it("refuses the profile save past the limit with a 429, leaving the profile as it was", async () => {
    const { member, cookie } = await writer();
    const save = (bio: string) =>
      run(
        profileSettings.action,
        formRequest("/settings/profile", { displayName: "Limited Lee", bioSource: bio }, cookie),
      );
    for (let i = 1; i <= 2; i++) expect((await save(`Bio ${i}`)).status).toBe(302);
    const refused = await save("Bio 3");
    expect(refused.status).toBe(429);
    const data = (await refused.json()) as FormAnswer;
    expect(data.fieldErrors.form).toMatch(/^You have saved your profile 2 times in 10 minutes, the most we allow\./);
    expect(data.fields.bioSource).toBe("Bio 3");
    const row = await getDb().selectFrom("members").select("bio_source").where("id", "=", member.id).executeTakeFirst();
    expect(row?.bio_source).toBe("Bio 2");
  });

  it("says how long to wait, and lets the member go on once the window has passed", async () => {
    const limiter = sharedWriteLimiter({ perWindow: { preview: 1, edit: 1, profile: 1 }, windowMinutes: 1 / 60 });
    expect(await limiter.take("preview", 7)).toBe(0);
    expect(await limiter.take("preview", 7)).toBe(1);
    expect(await limiter.take("edit", 7)).toBe(0); // each kind counts on its own
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.take("preview", 7)).toBe(0);
  });
});
