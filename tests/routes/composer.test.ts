// The composers of issue 14 (docs/decisions/0018): guided story sections stored as one Markdown body, and
// the "@" suggestions behind the Markdown field.
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { STORY_SECTIONS } from "~/lib/story-sections";
import { deleteAccount } from "~/models/account-deletion.server";
import { SUGGESTION_LIMIT } from "~/models/member-suggestions.server";
import { suspendMember } from "~/models/members-moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import * as suggestions from "~/routes/mention-suggestions";
import * as newStory from "~/routes/stories.new";
import { createMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

type ComposerData = {
  fieldErrors: Record<string, string>;
  fields: Record<string, string>;
  savedDraftId: number | null;
};

async function storedBody(title: string) {
  return await getDb()
    .selectFrom("threads")
    .innerJoin("posts", (join) => join.onRef("posts.thread_id", "=", "threads.id").on("posts.depth", "=", 0))
    .select(["posts.body_source", "posts.body_html", "threads.kind"])
    .where("threads.title", "=", title)
    .executeTakeFirstOrThrow();
}

describe("the story composer", () => {
  it("publishes the written sections as one body, under their headings, with no guidance in it", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    const title = "Floor captains on the night shift";
    const response = await run(
      newStory.action,
      formRequest(
        "/stories/new",
        {
          intent: "publish",
          title,
          "story-context": "A 60-unit building.",
          "story-did": "",
          "story-happened": "   ",
          "story-learned": "Night workers make the best captains.",
          "story-advice": "Ask who people already call.",
          tagSlugs: "organizing",
        },
        cookie,
      ),
    );
    expect(response.status).toBe(302);
    const post = await storedBody(title);
    expect(post.kind).toBe("story");
    expect(post.body_source).toBe(
      "## Context\n\nA 60-unit building.\n\n## What we learned\n\nNight workers make the best captains.\n\n" +
        "## Advice for others\n\nAsk who people already call.",
    );
    for (const section of STORY_SECTIONS) expect(post.body_source).not.toContain(section.hint);
    expect(post.body_source).not.toContain("What happened");
    expect(post.body_html).toContain("What we learned");
  });

  it("refuses a story with every section empty, next to the first section, keeping everything typed", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    const response = await run(
      newStory.action,
      formRequest(
        "/stories/new",
        { intent: "publish", title: "An empty story here", "story-context": " ", "story-did": "", tagSlugs: "health" },
        cookie,
      ),
    );
    expect(response.status).toBe(400);
    const data = (await response.json()) as ComposerData;
    expect(data.fieldErrors["story-context"]).toMatch(/at least one section/);
    expect(data.fieldErrors).not.toHaveProperty("bodySource");
    expect(
      await getDb().selectFrom("threads").where("title", "=", "An empty story here").select("id").execute(),
    ).toEqual([]);
  });

  it("keeps every section's text when another field is wrong", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    const typed = { "story-context": "Where.", "story-did": "What.", "story-advice": "Advice." };
    const response = await run(
      newStory.action,
      formRequest("/stories/new", { intent: "publish", title: "Hi", ...typed, tagSlugs: "health" }, cookie),
    );
    const data = (await response.json()) as ComposerData;
    expect(data.fieldErrors.title).toMatch(/at least 5/);
    expect(data.fields).toMatchObject(typed);
  });

  it("holds the combined body to the same size limit as any post", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    // Each section is within the limit; together they are not.
    const half = "x".repeat(26_000);
    const response = await run(
      newStory.action,
      formRequest(
        "/stories/new",
        {
          intent: "publish",
          title: "A long story indeed",
          "story-did": half,
          "story-learned": half,
          tagSlugs: "health",
        },
        cookie,
      ),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as ComposerData).fieldErrors["story-context"]).toMatch(/over 50,000/);
  });

  it("saves a draft as the combined body and gives the sections back when it is opened", async () => {
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    await createTestThread({ authorId: member.id });
    const saved = (await (
      await run(
        newStory.action,
        formRequest(
          "/stories/new",
          {
            intent: "save-draft",
            title: "Half a story",
            "story-happened": "It rained.",
            "story-advice": "Bring tarps.",
          },
          cookie,
        ),
      )
    ).json()) as ComposerData;
    expect(saved.savedDraftId).toBeGreaterThan(0);
    const draft = await getDb()
      .selectFrom("drafts")
      .select("body_source")
      .where("id", "=", saved.savedDraftId!)
      .executeTakeFirstOrThrow();
    expect(draft.body_source).toBe("## What happened\n\nIt rained.\n\n## Advice for others\n\nBring tarps.");
    const loaded = (await (
      await run(newStory.loader, getRequest(`/stories/new?draft=${saved.savedDraftId}`, cookie))
    ).json()) as { values: { title: string; sections: Record<string, string> } };
    expect(loaded.values.title).toBe("Half a story");
    expect(loaded.values.sections).toEqual({
      context: "",
      did: "",
      happened: "It rained.",
      learned: "",
      advice: "Bring tarps.",
    });
  });
});

describe("@ suggestions", () => {
  const ask = async (query: string, cookie?: string, thread?: number) => {
    const params = new URLSearchParams({ q: query });
    if (thread) params.set("thread", String(thread));
    const response = await run(suggestions.loader, getRequest(`/mention-suggestions?${params}`, cookie));
    return { status: response.status, members: ((await response.json()) as { members: unknown[] }).members };
  };

  it("gives visitors nothing, and members handles and names only, the thread's own writers first", async () => {
    const viewer = await createMember({ handle: "sugg_viewer" });
    const cookie = await sessionCookieFor(viewer.id);
    const community = await createMember({ handle: "sugg_aaron", displayName: "Aaron Community" });
    const writer = await createMember({ handle: "sugg_zora", displayName: "Zora Writer" });
    const thread = await createTestThread({ authorId: viewer.id });
    await createTestReply({ threadId: thread.id, authorId: writer.id });

    expect(await ask("sugg", undefined, thread.id)).toEqual({ status: 401, members: [] });
    const { status, members } = await ask("sugg", cookie, thread.id);
    expect(status).toBe(200);
    expect(members).toEqual([
      { handle: "sugg_zora", displayName: "Zora Writer" },
      { handle: "sugg_aaron", displayName: "Aaron Community" },
    ]);
    // Without a thread: alphabetical; by a display name's word too; never the viewer themselves.
    expect((await ask("@SUGG", cookie)).members.map((m) => (m as { handle: string }).handle)).toEqual([
      "sugg_aaron",
      "sugg_zora",
    ]);
    expect(await ask("writer", cookie)).toMatchObject({ members: [{ handle: "sugg_zora" }] });
    expect(community.id).toBeGreaterThan(0);
  });

  it("needs two characters, treats _ and % as themselves, and is bounded", async () => {
    const viewer = await createMember({ handle: "bound_viewer" });
    const cookie = await sessionCookieFor(viewer.id);
    for (let i = 0; i < SUGGESTION_LIMIT + 4; i++)
      await createMember({ handle: `bound_${String(i).padStart(2, "0")}` });
    await createMember({ handle: "boundxother" });
    expect((await ask("b", cookie)).members).toEqual([]);
    expect((await ask("bo%", cookie)).members).toEqual([]);
    const { members } = await ask("bound_", cookie);
    expect(members).toHaveLength(SUGGESTION_LIMIT);
    expect(members.map((m) => (m as { handle: string }).handle)).not.toContain("boundxother");
  });

  it("leaves out deleted and suspended members, and writers the thread shows only under a pseudonym or hidden", async () => {
    const viewer = await createMember({ handle: "leak_viewer" });
    const moderator = await createMember({ handle: "leak_mod", role: "moderator" });
    const cookie = await sessionCookieFor(viewer.id);
    const masked = await createMember({ handle: "leak_masked", displayName: "Masked Member" });
    const hidden = await createMember({ handle: "leak_hidden", displayName: "Hidden Writer" });
    const gone = await createMember({ handle: "leak_gone", displayName: "Gone Member" });
    const paused = await createMember({ handle: "leak_paused", displayName: "Paused Member" });
    const round = await createTestRound({ createdBy: moderator.id, prompts: 1 });
    const threadId = round.promptIds[0]!;
    const answer = await createTestAnswer({
      roundId: round.id,
      threadId,
      memberId: masked.id,
      pseudonym: "A tenant organizer",
    });
    // Their reply under their own pseudonymous answer is under the pseudonym too.
    await createTestReply({ threadId, parentId: answer, authorId: masked.id });
    const hiddenReply = await createTestReply({ threadId, authorId: hidden.id });
    await moderatePost(moderator.id, hiddenReply, { reason: "spam", note: "" });
    await createTestReply({ threadId, authorId: gone.id });
    await deleteAccount({ memberId: gone.id, posts: "keep" });
    await suspendMember({ actorId: moderator.id, memberId: paused.id, reason: "Cooling off.", until: null });

    const { members } = await ask("leak", cookie, threadId);
    const handles = members.map((m) => (m as { handle: string }).handle);
    // The moderator wrote the prompt, so comes first. The masked and hidden writers are members like anyone,
    // but not ahead of others as the thread's writers: after it, alphabetical, as if they had never written there.
    expect(handles).toEqual(["leak_mod", "leak_hidden", "leak_masked"]);
    expect(JSON.stringify(members)).not.toMatch(/Gone Member|Paused|tenant organizer/);
  });
});
