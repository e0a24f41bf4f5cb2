// The facilitator's view (issue 19, part 3) with a controlled clock: each list names what waits for a
// moderator and drops it once someone acts; hidden things, pseudonymous answers and old history stay out.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { sortKey } from "~/lib/sort-key";
import { inLanguage } from "~/lib/request-language.server";
import {
  composeFacilitationSummary,
  FACILITATION_SUMMARY_KIND,
  forgetQueuedWeek,
  queueFacilitationSummaries,
  summaryWeek,
} from "~/models/facilitation-mail.server";
import { facilitationView, markFacilitationReviewed } from "~/models/facilitation.server";
import { claimMailBatch } from "~/models/mail-jobs.server";
import { openPrompt, setThreadHidden } from "~/models/moderation.server";
import { createReply } from "~/models/replies.server";
import { createThread } from "~/models/threads.server";
import { createMember } from "../factories/members";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// A Wednesday: the clock every test reads the view at.
const NOW = Date.UTC(2026, 2, 11, 12);
let topic = "";

beforeAll(async () => {
  topic = "facilitation-topic";
  await getDb()
    .insertInto("tags")
    .values({
      slug: topic,
      name: "Facilitation topic",
      sort_key: sortKey("Facilitation topic"),
      description: "For tests.",
      created_at: NOW - 400 * DAY,
      last_activity_at: null,
      merged_into_id: null,
    })
    .execute();
});

const newMember = (joinedDaysAgo: number, overrides: Parameters<typeof createMember>[0] = {}) =>
  createMember({ createdAt: NOW - joinedDaysAgo * DAY, ...overrides });

async function openingPostId(threadId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("posts")
    .select("id")
    .where("thread_id", "=", threadId)
    .where("parent_id", "is", null)
    .executeTakeFirstOrThrow();
  return row.id;
}

const discussion = (authorId: number, at: number, title = "How do you run a first meeting") =>
  createThread({ authorId, kind: "discussion", title, bodySource: "Opening words.", tagSlugs: [topic], now: at });

describe("first posts with no reply", () => {
  it("lists a new member's first post only after 24 hours without an answer, and drops it once answered", async () => {
    const newcomer = await newMember(5);
    const thread = await discussion(newcomer.id, NOW - 23 * HOUR, "Hello from Boyle Heights, tenant organizing");
    const postId = await openingPostId(thread.id);
    const ids = async (now: number) => (await facilitationView(now)).unansweredFirstPosts.items.map((i) => i.postId);

    expect(await ids(NOW)).not.toContain(postId);
    expect(await ids(NOW + 2 * HOUR)).toContain(postId);
    const item = (await facilitationView(NOW + 2 * HOUR)).unansweredFirstPosts.items.find((i) => i.postId === postId);
    expect(item).toMatchObject({ opensThread: true, threadId: thread.id, author: { handle: newcomer.handle } });

    // The author answering themselves is no answer; someone else is.
    await createReply({ threadId: thread.id, parentId: null, authorId: newcomer.id, bodySource: "Anyone?", now: NOW });
    expect(await ids(NOW + 2 * HOUR)).toContain(postId);
    const peer = await newMember(300);
    await createReply({
      threadId: thread.id,
      parentId: null,
      authorId: peer.id,
      bodySource: "Welcome!",
      now: NOW + HOUR,
    });
    expect(await ids(NOW + 2 * HOUR)).not.toContain(postId);
  });

  it("counts a first reply as answered only when someone replies beneath it", async () => {
    const host = await newMember(300);
    const thread = await discussion(host.id, NOW - 10 * DAY, "Ideas for reaching renters who work nights");
    const newcomer = await newMember(3);
    const reply = await createReply({
      threadId: thread.id,
      parentId: null,
      authorId: newcomer.id,
      bodySource: "We knock on doors on Sunday mornings.",
      now: NOW - 2 * DAY,
    });
    if (!reply.ok) throw new Error(reply.message);
    const listed = async () =>
      (await facilitationView(NOW)).unansweredFirstPosts.items.find((i) => i.postId === reply.postId);
    expect(await listed()).toMatchObject({ opensThread: false });

    // A reply elsewhere in the thread is not an answer to it.
    await createReply({
      threadId: thread.id,
      parentId: null,
      authorId: host.id,
      bodySource: "Another idea.",
      now: NOW - DAY,
    });
    expect(await listed()).toBeDefined();
    await createReply({
      threadId: thread.id,
      parentId: reply.postId,
      authorId: host.id,
      bodySource: "Thank you!",
      now: NOW - HOUR,
    });
    expect(await listed()).toBeUndefined();
  });

  it("lists only the first post, only of new members, and never a hidden one", async () => {
    const newcomer = await newMember(10);
    const first = await discussion(newcomer.id, NOW - 5 * DAY, "My first question about outreach");
    const second = await discussion(newcomer.id, NOW - 4 * DAY, "My second question about outreach");
    const veteran = await newMember(90);
    const veteranThread = await discussion(veteran.id, NOW - 5 * DAY, "A veteran's unanswered post");
    const listed = async () => (await facilitationView(NOW)).unansweredFirstPosts.items.map((i) => i.threadId);

    expect(await listed()).toContain(first.id);
    expect(await listed()).not.toContain(second.id);
    expect(await listed()).not.toContain(veteranThread.id);

    const moderator = await newMember(400, { role: "moderator" });
    expect(await setThreadHidden(first.id, { actorId: moderator.id, reason: "spam", note: "" })).toEqual({ ok: true });
    // Hidden: out of the list; their next post is now the first anyone can see.
    expect(await listed()).not.toContain(first.id);
    expect(await listed()).toContain(second.id);
  });
});

describe("the other lists", () => {
  it("lists questions with no reply after a day, and not statements or answered ones", async () => {
    const author = await newMember(200);
    const question = await discussion(author.id, NOW - 3 * DAY, "Who has a good intake form for clinics?");
    const statement = await discussion(author.id, NOW - 3 * DAY, "Notes from the Saturday workshop");
    const answered = await discussion(author.id, NOW - 3 * DAY, "Where do you find translators?");
    await createReply({
      threadId: answered.id,
      parentId: null,
      authorId: (await newMember(100)).id,
      bodySource: "At the library.",
      now: NOW - DAY,
    });
    const ids = (await facilitationView(NOW)).unansweredQuestions.items.map((i) => i.threadId);
    expect(ids).toContain(question.id);
    expect(ids).not.toContain(statement.id);
    expect(ids).not.toContain(answered.id);
  });

  it("lists members who joined but never posted, from a day after they join, until they post", async () => {
    const quiet = await newMember(0.5, { handle: "quiet_newcomer" });
    const handles = async (now: number) => (await facilitationView(now)).silentMembers.items.map((i) => i.handle);
    expect(await handles(NOW)).not.toContain("quiet_newcomer");
    expect(await handles(NOW + DAY)).toContain("quiet_newcomer");
    await discussion(quiet.id, NOW + DAY, "Finally saying hello to everyone");
    expect(await handles(NOW + DAY)).not.toContain("quiet_newcomer");
    const waiting = await newMember(3, { handle: "waiting_newcomer", approvalState: "waiting" });
    expect(waiting.id).toBeGreaterThan(0);
    expect(await handles(NOW)).not.toContain("waiting_newcomer");
  });

  it("lists prompts with few answers and counts answers without naming their authors", async () => {
    const moderator = await newMember(400, { role: "moderator" });
    const prompt = await openPrompt(moderator.id, {
      title: "What helped you most this year?",
      bodySource: "Tell us.",
      tagSlugs: [topic],
      pinned: false,
    });
    const find = async () =>
      (await facilitationView(Date.now())).quietPrompts.items.find((i) => i.threadId === prompt.id);
    expect(await find()).toMatchObject({ answers: 0, round: null });
    for (let i = 0; i < 3; i++)
      await createReply({
        threadId: prompt.id,
        parentId: null,
        authorId: (await newMember(50)).id,
        bodySource: `Answer ${i}`,
      });
    expect(await find()).toBeUndefined();
  });

  it("lists topics with nothing new for 30 days", async () => {
    const slugs = async (now: number) => (await facilitationView(now)).quietTopics.items.map((i) => i.slug);
    await discussion((await newMember(200)).id, NOW - DAY, "Something new in the topic today");
    expect(await slugs(NOW)).not.toContain(topic);
    expect(await slugs(NOW + 40 * DAY)).toContain(topic);
  });

  it("says when the list was last worked through, and by whom", async () => {
    const moderator = await newMember(400, { role: "moderator", displayName: "Rosa Facilitator" });
    await markFacilitationReviewed(moderator.id, NOW - HOUR);
    expect((await facilitationView(NOW)).lastReview).toEqual({ at: NOW - HOUR, moderatorName: "Rosa Facilitator" });
  });
});

describe("the weekly summary", () => {
  it("is due from Monday 15:00 UTC of each ISO week", () => {
    const monday = Date.UTC(2026, 2, 9);
    expect(summaryWeek(monday + 14 * HOUR).due).toBe(false);
    expect(summaryWeek(monday + 15 * HOUR)).toEqual({ key: "2026-W11", due: true });
    expect(summaryWeek(monday + 6 * DAY).key).toBe("2026-W11");
  });

  it("queues one email per moderator per week, written in their language when sent", async () => {
    const english = await newMember(400, { role: "moderator", displayName: "Mod English" });
    const spanish = await newMember(400, { role: "admin", displayName: "Mod Español" });
    await getDb().updateTable("members").set({ language: "es" }).where("id", "=", spanish.id).execute();
    forgetQueuedWeek();
    const wednesday = NOW;
    await queueFacilitationSummaries(wednesday);
    forgetQueuedWeek();
    await queueFacilitationSummaries(wednesday + HOUR); // another process, same week: nothing new
    const jobs = await getDb()
      .selectFrom("mail_jobs")
      .select(["member_id", "dedupe_key"])
      .where("kind", "=", FACILITATION_SUMMARY_KIND)
      .execute();
    expect(jobs.filter((j) => j.member_id === english.id)).toHaveLength(1);
    expect(jobs.filter((j) => j.member_id === spanish.id)).toHaveLength(1);

    const mails: Record<number, { subject: string; text: string }> = {};
    for (;;) {
      const batch = await claimMailBatch(wednesday + 2 * HOUR);
      if (!batch) break;
      if (batch.jobs[0]!.kind !== FACILITATION_SUMMARY_KIND) continue;
      const composed = await composeFacilitationSummary(batch, { now: wednesday, origin: "https://rt.example" });
      if (composed.mail) mails[batch.memberId] = composed.mail;
    }
    expect(mails[english.id]!.subject).toMatch(/^Facilitator's week: [\d,]+ places? waits? for a welcome or a reply$/);
    expect(mails[english.id]!.text).toContain("https://rt.example/mod/facilitate");
    expect(mails[spanish.id]!.subject).toMatch(/^Tu semana de facilitación/);
    expect(mails[spanish.id]!.text).toContain("Hola, Mod Español:");
    // Outside the email, the language is the request's again.
    expect(inLanguage(() => summaryWeek(NOW).key, "es")).toBe("2026-W11");
  });
});
