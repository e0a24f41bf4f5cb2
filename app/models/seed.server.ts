import { randomBytes } from "node:crypto";
import type { DB } from "~db/client.server";
import {
  DEMO_MEMBERS,
  DEMO_PROMPT_ANSWERS,
  DEMO_THREADS,
  FIRST_ROUND_DATES,
  FIRST_ROUND_PURPOSE,
  FIRST_ROUND_TITLE,
  FOCUS_GROUP_PROMPTS,
  FOCUS_GROUP_SUMMARY,
  STARTER_TOPICS,
  type DemoReply,
} from "~db/seed-content";
import { hashPassword } from "~/auth/password.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { sortKey } from "~/lib/sort-key";
import { registerMember, updateProfile } from "./members.server";
import { createReply } from "./replies.server";
import { createThread } from "./threads.server";

/** The account that opens the focus-group prompts; nobody can log in as it (its password is random). */
export const TEAM_HANDLE = "roundtable";
export const DEMO_PASSWORD = "roundtable-demo-2026";

/**
 * Seeds what every Roundtable starts with: the starter topics, the team account and the three
 * focus-group prompts, pinned. Idempotent: it adds only what is missing. Returns whether it added anything.
 */
export async function seedBaseline(db: DB): Promise<boolean> {
  let added = false;
  const now = Date.now();
  const existingTopics = new Set((await db.selectFrom("tags").select("slug").execute()).map((t) => t.slug));
  const missingTopics = STARTER_TOPICS.filter((t) => !existingTopics.has(t.slug));
  if (missingTopics.length) {
    await db
      .insertInto("tags")
      .values(
        missingTopics.map((t) => ({
          ...t,
          sort_key: sortKey(t.name),
          created_at: now,
          last_activity_at: null,
          merged_into_id: null,
        })),
      )
      .execute();
    added = true;
  }

  let team = await db.selectFrom("members").select("id").where("handle", "=", TEAM_HANDLE).executeTakeFirst();
  if (!team) {
    const result = await registerMember({
      handle: TEAM_HANDLE,
      email: "team@roundtable.invalid",
      displayName: "Roundtable team",
      passwordHash: await hashPassword(randomBytes(32).toString("hex")),
      role: "admin",
      emailVerifiedAt: now,
    });
    if (!result.ok) throw new Error(`Could not create the team account: ${result.message}`);
    team = { id: result.memberId };
    added = true;
  }

  const existingPrompts = new Set(
    (
      await db
        .selectFrom("threads")
        .select("title")
        .where("kind", "=", "prompt")
        .where("author_id", "=", team.id)
        .execute()
    ).map((t) => t.title),
  );
  // Created oldest first, a second apart, so "latest" lists them in the focus group's order.
  for (const [index, prompt] of FOCUS_GROUP_PROMPTS.entries()) {
    if (existingPrompts.has(prompt.title)) continue;
    await createThread({
      authorId: team.id,
      kind: "prompt",
      title: prompt.title,
      bodySource: prompt.body,
      tagSlugs: prompt.tagSlugs,
      pinned: true,
      now: now - (FOCUS_GROUP_PROMPTS.length - index) * 1000,
    });
    added = true;
  }
  if (await seedFirstRound(db, team.id)) added = true;
  return added;
}

/**
 * The focus group is the first round: closed, its prompts the three seeded prompt threads, the summary its
 * synthesis. Added once, also to a database seeded before rounds existed (the server seeds at every start).
 */
async function seedFirstRound(db: DB, teamId: number): Promise<boolean> {
  const titles = FOCUS_GROUP_PROMPTS.map((p) => p.title);
  const found = await db
    .selectFrom("threads")
    .select(["id", "title", "created_at"])
    .where("kind", "=", "prompt")
    .where("author_id", "=", teamId)
    .where("title", "in", titles)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
  const prompts = titles.map((title) => found.find((t) => t.title === title)).filter((t) => t !== undefined);
  if (!prompts.length) return false;
  const linked = await db
    .selectFrom("round_prompts")
    .select("thread_id")
    .where(
      "thread_id",
      "in",
      prompts.map((p) => p.id),
    )
    .executeTakeFirst();
  if (linked) return false;
  // The real dates when known; otherwise the seeding day, marked as not recorded so no page shows it as
  // when the focus group ran (FIRST_ROUND_DATES says why).
  const opensAt = FIRST_ROUND_DATES?.opensAt ?? Math.min(...prompts.map((p) => p.created_at));
  const closesAt = FIRST_ROUND_DATES?.closesAt ?? Math.max(...prompts.map((p) => p.created_at)) + 1000;
  await db.transaction().execute(async (trx) => {
    const round = await trx
      .insertInto("rounds")
      .values({
        title: FIRST_ROUND_TITLE,
        purpose_source: FIRST_ROUND_PURPOSE,
        purpose_html: renderMarkdown(FIRST_ROUND_PURPOSE),
        opens_at: opensAt,
        closes_at: closesAt,
        dates_recorded: FIRST_ROUND_DATES ? 1 : 0,
        answer_first: 0,
        synthesis_source: FOCUS_GROUP_SUMMARY,
        synthesis_html: renderMarkdown(FOCUS_GROUP_SUMMARY),
        synthesis_published_at: closesAt,
        synthesis_thread_id: null,
        created_by: teamId,
        created_at: closesAt,
        // It happened before Roundtable: nobody is told it opened or is about to close.
        opened_notified_at: closesAt,
        reminded_at: closesAt,
        closed_noted_at: closesAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("round_prompts")
      .values(prompts.map((p, i) => ({ round_id: round.id, thread_id: p.id, position: i + 1 })))
      .execute();
    const tags = await trx
      .selectFrom("thread_tags")
      .select("tag_id")
      .distinct()
      .where(
        "thread_id",
        "in",
        prompts.map((p) => p.id),
      )
      .execute();
    if (tags.length)
      await trx
        .insertInto("round_tags")
        .values(tags.map((t) => ({ round_id: round.id, tag_id: t.tag_id })))
        .execute();
  });
  return true;
}

/** Demo members, stories, discussions and replies, so a person trying Roundtable sees it alive. */
export async function seedDemo(db: DB): Promise<{ members: number; threads: number; replies: number }> {
  await seedBaseline(db);
  const counts = { members: 0, threads: 0, replies: 0 };
  const ids = new Map<string, number>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const member of DEMO_MEMBERS) {
    const existing = await db.selectFrom("members").select("id").where("handle", "=", member.handle).executeTakeFirst();
    if (existing) {
      ids.set(member.handle, existing.id);
      continue;
    }
    const result = await registerMember({
      handle: member.handle,
      email: `${member.handle}@demo.roundtable.invalid`,
      displayName: member.displayName,
      passwordHash,
      // Demo members can publish at once: nobody reads a demo address.
      emailVerifiedAt: Date.now(),
    });
    if (!result.ok) throw new Error(result.message);
    await updateProfile(result.memberId, {
      displayName: member.displayName,
      organization: member.organization,
      location: member.location,
      bioSource: member.bio,
      fieldSlugs: member.fields,
    });
    ids.set(member.handle, result.memberId);
    counts.members++;
  }
  const memberId = (handle: string) => {
    const id = ids.get(handle);
    if (id === undefined) throw new Error(`Demo content names an unknown member: ${handle}`);
    return id;
  };

  const existingTitles = new Set((await db.selectFrom("threads").select("title").execute()).map((t) => t.title));
  const addReplies = async (threadId: number, parentId: number | null, replies: DemoReply[]) => {
    for (const reply of replies) {
      const result = await createReply({
        threadId,
        parentId,
        authorId: memberId(reply.authorHandle),
        bodySource: reply.body,
      });
      if (!result.ok) throw new Error(result.message);
      counts.replies++;
      if (reply.replies) await addReplies(threadId, result.postId, reply.replies);
    }
  };
  for (const thread of DEMO_THREADS) {
    if (existingTitles.has(thread.title)) continue;
    const created = await createThread({
      authorId: memberId(thread.authorHandle),
      kind: thread.kind,
      title: thread.title,
      bodySource: thread.body,
      tagSlugs: thread.tagSlugs,
    });
    counts.threads++;
    await addReplies(created.id, null, thread.replies);
  }

  const prompts = await db.selectFrom("threads").select(["id", "title"]).where("kind", "=", "prompt").execute();
  for (const answer of DEMO_PROMPT_ANSWERS) {
    const title = FOCUS_GROUP_PROMPTS[answer.promptIndex]?.title;
    const prompt = prompts.find((p) => p.title === title);
    if (!prompt) continue;
    const authorId = memberId(answer.authorHandle);
    const already = await db
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", prompt.id)
      .where("author_id", "=", authorId)
      .where("depth", "=", 1)
      .executeTakeFirst();
    if (already) continue;
    const result = await createReply({ threadId: prompt.id, parentId: null, authorId, bodySource: answer.body });
    if (!result.ok) throw new Error(result.message);
    counts.replies++;
  }
  return counts;
}
