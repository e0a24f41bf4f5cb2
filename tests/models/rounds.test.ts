import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { FIRST_ROUND_TITLE, FOCUS_GROUP_PROMPTS, FOCUS_GROUP_SUMMARY } from "~db/seed-content";
import type { Viewer } from "~/auth/viewer";
import { DAY_MS, roundState } from "~/lib/rounds";
import { renderDigestEmail } from "~/lib/digest-email.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { composeDigest, hasNews } from "~/models/digests.server";
import { listThreadReplyEntries } from "~/models/feeds.server";
import { followTopic } from "~/models/follows.server";
import { updateProfile } from "~/models/members.server";
import { answerPrompt, changeConsent } from "~/models/round-answers.server";
import { buildRoundExport, exportCsv, exportJson, listMyAnswers } from "~/models/round-export.server";
import { runRoundNotifications } from "~/models/round-notify.server";
import { insertQuote, publishSynthesis } from "~/models/round-synthesis.server";
import { createRound, getRoundPage, listRounds } from "~/models/rounds.server";
import { listNotifications } from "~/models/notifications.server";
import { seedBaseline } from "~/models/seed.server";
import { listMemberActivity } from "~/models/member-activity.server";
import { setThreadHidden } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { getBranch } from "~/models/post-context.server";
import { getThreadPage } from "~/models/thread-page.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply } from "../factories/threads";

const asViewer = (m: TestMember, role: Viewer["role"] = "member"): Viewer => ({
  id: m.id,
  handle: m.handle,
  displayName: m.displayName,
  role,
});

async function count(table: "posts" | "round_answers" | "rounds" | "threads" | "consent_changes") {
  return Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

async function notificationsOf(memberId: number) {
  return getDb()
    .selectFrom("notifications")
    .select(["kind", "detail", "actor_id", "thread_id", "post_id"])
    .where("member_id", "=", memberId)
    .orderBy("id")
    .execute();
}

describe("round life cycle", () => {
  it("is upcoming, open, then closed by its dates alone", async () => {
    const now = Date.UTC(2026, 4, 10);
    const round = { opensAt: Date.UTC(2026, 4, 12), closesAt: Date.UTC(2026, 4, 20) };
    expect(roundState(round, now)).toBe("upcoming");
    expect(roundState(round, round.opensAt)).toBe("open");
    expect(roundState(round, round.closesAt - 1)).toBe("open");
    expect(roundState(round, round.closesAt)).toBe("closed");

    const mod = await createMember({ role: "moderator" });
    const real = Date.now();
    const upcoming = await createTestRound({
      createdBy: mod.id,
      opensAt: real + 2 * DAY_MS,
      closesAt: real + 9 * DAY_MS,
    });
    const open = await createTestRound({ createdBy: mod.id });
    const closed = await createTestRound({ createdBy: mod.id, opensAt: real - 9 * DAY_MS, closesAt: real - DAY_MS });
    const lists = await listRounds();
    expect(lists.upcoming.map((r) => r.id)).toContain(upcoming.id);
    expect(lists.open.map((r) => r.id)).toContain(open.id);
    expect(lists.closed.map((r) => r.id)).toContain(closed.id);
    expect(lists.open.find((r) => r.id === open.id)!.promptCount).toBe(3);
  });

  it("refuses answers before it opens and after it closes, a second answer, and a close before the open, changing nothing", async () => {
    const mod = await createMember({ role: "moderator" });
    const member = await createMember();
    const now = Date.now();
    const round = await createTestRound({ createdBy: mod.id, opensAt: now + DAY_MS, closesAt: now + 3 * DAY_MS });
    const input = {
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: member.id,
      bodySource: "My answer.",
      consent: "named" as const,
      pseudonym: null,
    };
    const before = { posts: await count("posts"), answers: await count("round_answers") };

    const early = await answerPrompt(input);
    expect(early).toMatchObject({ ok: false, field: "form" });
    expect(!early.ok && early.message).toMatch(/opens on/);
    const late = await answerPrompt({ ...input, now: now + 4 * DAY_MS });
    expect(!late.ok && late.message).toMatch(/closed on .* no more answers/);
    expect({ posts: await count("posts"), answers: await count("round_answers") }).toEqual(before);

    expect(await answerPrompt({ ...input, now: now + 2 * DAY_MS })).toMatchObject({ ok: true });
    const twice = await answerPrompt({ ...input, bodySource: "Again.", now: now + 2 * DAY_MS });
    expect(!twice.ok && twice.message).toMatch(/already answered/);
    expect(await count("round_answers")).toBe(before.answers + 1);

    const rounds = await count("rounds");
    const backwards = await createRound({
      createdBy: mod.id,
      title: "Backwards round",
      purposeSource: "x",
      opensAt: now + 3 * DAY_MS,
      closesAt: now + DAY_MS,
      answerFirst: false,
      tagSlugs: ["organizing"],
      prompts: [{ title: "A prompt", bodySource: "Q?" }],
    });
    expect(backwards).toMatchObject({ ok: false, field: "closesOn" });
    expect(await count("rounds")).toBe(rounds);
  });

  it("shows each member which prompts they answered, and counts answers per prompt", async () => {
    const mod = await createMember({ role: "moderator" });
    const [a, b] = [await createMember(), await createMember()];
    const round = await createTestRound({ createdBy: mod.id });
    const answer = await createTestAnswer({ roundId: round.id, threadId: round.promptIds[1]!, memberId: a.id });
    await createTestAnswer({ roundId: round.id, threadId: round.promptIds[1]!, memberId: b.id });
    const page = (await getRoundPage(round.id, asViewer(a)))!;
    expect(page.state).toBe("open");
    expect(page.prompts.map((p) => p.viewerAnswerId)).toEqual([null, answer, null]);
    expect(page.prompts.map((p) => p.answerCount)).toEqual([0, 2, 0]);
    expect(page.participantCount).toBe(2);
  });
});

describe("answer before you see others", () => {
  it("withholds other answers until the member answers, on the thread page, branch pages and the feed, and lifts at the close", async () => {
    const mod = await createMember({ role: "moderator" });
    const [first, second] = [await createMember(), await createMember()];
    const now = Date.now();
    // Open until an hour from now, so the same round can be read after its close by moving the clock on.
    const round = await createTestRound({ createdBy: mod.id, answerFirst: true, closesAt: now + 3_600_000 });
    const promptId = round.promptIds[0]!;
    const answer = await createTestAnswer({
      roundId: round.id,
      threadId: promptId,
      memberId: first.id,
      body: "What I think, first.",
    });
    const reply = await createTestReply({
      threadId: promptId,
      parentId: answer,
      authorId: mod.id,
      body: "A reply under it.",
    });

    const ids = async (viewer: Viewer | null) =>
      (await getThreadPage(promptId, viewer, null))!.replies.map((r) => r.id);
    expect(await ids(asViewer(second))).toEqual([]);
    expect(await ids(null)).toEqual([]);
    expect(await ids(asViewer(first))).toEqual([answer, reply]);
    expect(await ids(asViewer(mod, "moderator"))).toEqual([answer, reply]);
    expect(await getBranch(reply, asViewer(second))).toBeNull();
    expect((await listThreadReplyEntries(promptId))!.entries).toEqual([]);

    await createTestAnswer({ roundId: round.id, threadId: promptId, memberId: second.id });
    expect(await ids(asViewer(second))).toHaveLength(3);
    // Answering one prompt does not open another.
    await createTestAnswer({ roundId: round.id, threadId: round.promptIds[1]!, memberId: first.id });
    expect(await getThreadPage(round.promptIds[1]!, asViewer(second), null).then((p) => p!.replies)).toEqual([]);

    const { vi } = await import("vitest");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(now + 2 * 3_600_000);
      expect(await ids(null)).toHaveLength(3);
      expect((await listThreadReplyEntries(promptId))!.entries).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("pseudonyms", () => {
  it("show instead of the author to everyone but the author and moderators, in replies, notifications, feeds and profiles", async () => {
    const mod = await createMember({ role: "moderator" });
    const [author, reader] = [await createMember({ displayName: "Rosa Quintero" }), await createMember()];
    const round = await createTestRound({ createdBy: mod.id });
    const promptId = round.promptIds[0]!;
    const answer = await createTestAnswer({
      roundId: round.id,
      threadId: promptId,
      memberId: author.id,
      pseudonym: "A practitioner in Health, Los Angeles",
      consent: "anonymized",
    });
    const reply = await createTestReply({ threadId: promptId, parentId: answer, authorId: reader.id });

    const asReader = (await getThreadPage(promptId, asViewer(reader), null))!.replies;
    expect(asReader[0]).toMatchObject({
      id: answer,
      author: null,
      roundAnswer: { masked: true, pseudonym: "A practitioner in Health, Los Angeles", consent: "anonymized" },
    });
    expect(asReader[1]).toMatchObject({ id: reply, replyToName: "A practitioner in Health, Los Angeles" });
    expect(JSON.stringify(asReader)).not.toContain("Rosa Quintero");
    const asMod = (await getThreadPage(promptId, asViewer(mod, "moderator"), null))!.replies;
    expect(asMod[0]).toMatchObject({
      author: { id: author.id, displayName: "Rosa Quintero" },
      roundAnswer: { masked: false },
    });
    const asAuthor = (await getThreadPage(promptId, asViewer(author), null))!.replies;
    expect(asAuthor[0]!.author?.id).toBe(author.id);

    // The moderator follows the prompt they opened: their notice names the pseudonym, not the author.
    const notice = (await listNotifications(mod.id)).find((n) => n.thread?.id === promptId)!;
    expect(notice.actors).toContain("A practitioner in Health, Los Angeles");
    expect(notice.actors).not.toContain("Rosa Quintero");
    const feed = (await listThreadReplyEntries(promptId))!.entries.find((e) => e.postId === answer)!;
    expect(feed.author).toEqual({ handle: null, displayName: "A practitioner in Health, Los Angeles" });
    const activity = await listMemberActivity({ memberId: author.id, section: "replies" });
    expect(activity.items).toEqual([]);
  });

  it("cover the author's replies beneath their answer too, and only there", async () => {
    const mod = await createMember({ role: "moderator" });
    const [author, reader] = [await createMember({ displayName: "Rosa Quintero" }), await createMember()];
    const round = await createTestRound({ createdBy: mod.id });
    const [promptId, otherPrompt] = round.promptIds as [number, number];
    const pseudonym = "A practitioner in Health, Los Angeles";
    const answer = await createTestAnswer({
      roundId: round.id,
      threadId: promptId,
      memberId: author.id,
      pseudonym,
      consent: "anonymized",
    });
    const question = await createTestReply({ threadId: promptId, parentId: answer, authorId: reader.id });
    const answerBack = await createTestReply({ threadId: promptId, parentId: question, authorId: author.id });
    // Elsewhere (a reply to another prompt's opening post) she writes under her name, as anywhere else.
    const elsewhere = await createTestReply({ threadId: otherPrompt, parentId: null, authorId: author.id });

    const replies = (await getThreadPage(promptId, asViewer(reader), null))!.replies;
    expect(replies.find((r) => r.id === answerBack)).toMatchObject({
      author: null,
      pseudonym: { name: pseudonym, masked: true },
      replyToName: reader.displayName,
    });
    expect(JSON.stringify(replies)).not.toContain("Rosa Quintero");
    const own = (await getThreadPage(promptId, asViewer(author), null))!.replies.find((r) => r.id === answerBack);
    expect(own).toMatchObject({ author: { id: author.id }, pseudonym: { name: pseudonym, masked: false } });
    const other = (await getThreadPage(otherPrompt, asViewer(reader), null))!.replies.find((r) => r.id === elsewhere);
    expect(other?.author?.id).toBe(author.id);
    expect(other?.pseudonym ?? null).toBeNull();

    const told = (await listNotifications(reader.id)).find((n) => n.postId === answerBack)!;
    expect(told.actors).toEqual([pseudonym]);
    const activity = await listMemberActivity({ memberId: author.id, section: "replies" });
    expect(activity.section === "replies" && activity.items.map((i) => i.postId)).toEqual([elsewhere]);
  });

  it("can't go with consent to be quoted by name", async () => {
    const mod = await createMember({ role: "moderator" });
    const member = await createMember();
    const round = await createTestRound({ createdBy: mod.id });
    const result = await answerPrompt({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: member.id,
      bodySource: "x",
      consent: "named",
      pseudonym: "Someone",
    });
    expect(result).toMatchObject({ ok: false, field: "consent" });
    const post = await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: member.id,
      pseudonym: "Someone",
      consent: "none",
    });
    expect(await changeConsent({ memberId: member.id, postId: post, consent: "named" })).toMatchObject({ ok: false });
  });
});

describe("consent and export", () => {
  async function answeredRound() {
    const mod = await createMember({ role: "moderator" });
    const named = await createMember({ displayName: "Nadia Named" });
    const anon = await createMember({ displayName: "Alma Anonymous" });
    const refuser = await createMember({ displayName: "Rafael Refuses" });
    const pseudo = await createMember({ displayName: "Pia Pseudonym" });
    await updateProfile(anon.id, {
      displayName: "Alma Anonymous",
      organization: "Clinic",
      location: "Long Beach",
      bioSource: "",
      fieldSlugs: ["health"],
    });
    const now = Date.now();
    const round = await createTestRound({ createdBy: mod.id, opensAt: now - 5 * DAY_MS, closesAt: now - DAY_MS });
    const at = now - 3 * DAY_MS;
    const [p1, p2] = round.promptIds as [number, number];
    const posts = {
      named: await createTestAnswer({
        roundId: round.id,
        threadId: p1,
        memberId: named.id,
        consent: "named",
        body: "Trust is built by showing up every single week.",
        now: at,
      }),
      anon: await createTestAnswer({
        roundId: round.id,
        threadId: p1,
        memberId: anon.id,
        consent: "anonymized",
        body: "Patience matters more than any strategy I learned.",
        now: at + 1,
      }),
      none: await createTestAnswer({
        roundId: round.id,
        threadId: p1,
        memberId: refuser.id,
        consent: "none",
        body: "This private story about my director must never leave the forum.",
        now: at + 2,
      }),
      pseudo: await createTestAnswer({
        roundId: round.id,
        threadId: p2,
        memberId: pseudo.id,
        consent: "anonymized",
        pseudonym: "An organizer in the Valley",
        body: "Funding is the wall we hit.",
        now: at + 3,
      }),
      anon2: await createTestAnswer({
        roundId: round.id,
        threadId: p2,
        memberId: anon.id,
        consent: "anonymized",
        body: "Money, always money.",
        now: at + 4,
      }),
    };
    return { mod, named, anon, refuser, pseudo, round, posts };
  }

  it("exports exactly what consent allows, in CSV and JSON, with a stable participant label", async () => {
    const { round, anon } = await answeredRound();
    const data = (await buildRoundExport(round.id))!;
    expect(data.counts).toEqual({ answers: 5, named: 1, anonymized: 3, none: 1 });

    const csv = exportCsv(data);
    const rows = parse(csv, { columns: true, bom: true }) as Array<Record<string, string>>;
    const json = JSON.parse(exportJson(data)) as { rows: Array<Record<string, string | null>> };
    for (const text of [csv, JSON.stringify(json)]) {
      expect(text).not.toContain("private story about my director");
      for (const name of ["Alma Anonymous", "Rafael Refuses", "Pia Pseudonym", anon.handle])
        expect(text).not.toContain(name);
    }
    expect(rows).toHaveLength(5);
    const byAnswer = (answer: string) => rows.find((r) => r.answer === answer)!;
    expect(byAnswer("Trust is built by showing up every single week.")).toMatchObject({
      name: "Nadia Named",
      consent: "named",
      participant: "Participant 1",
      prompt_number: "1",
    });
    expect(byAnswer("Patience matters more than any strategy I learned.")).toMatchObject({
      name: "",
      handle: "",
      participant: "Participant 2",
      fields_of_practice: "Health",
      region: "Long Beach",
    });
    expect(byAnswer("Money, always money.").participant).toBe("Participant 2");
    const refused = rows.find((r) => r.consent === "none")!;
    expect(refused).toMatchObject({
      answer: "",
      participant: "",
      fields_of_practice: "",
      region: "",
      prompt_number: "1",
    });
    expect(json.rows).toHaveLength(5);
    expect(json.rows.filter((r) => r.consent === "none")).toEqual([
      expect.objectContaining({ answer: null, name: null }),
    ]);
  });

  it("leaves a prompt moderators hid out of the export, the round page and its answerers' own page", async () => {
    const { mod, anon, round } = await answeredRound();
    const [, p2] = round.promptIds as [number, number];
    await setThreadHidden(p2, { actorId: mod.id, reason: "off-topic", note: "" });
    const data = (await buildRoundExport(round.id))!;
    expect(data.counts.answers).toBe(3);
    expect(JSON.stringify(data)).not.toContain("Money, always money.");
    expect(data.rows.every((r) => r.prompt_number === 1)).toBe(true);
    expect((await listMyAnswers(round.id, anon.id)).map((a) => a.promptPosition)).toEqual([1]);
    expect((await getRoundPage(round.id, asViewer(mod, "moderator")))!.prompts.map((p) => p.threadId)).not.toContain(
      p2,
    );
  });

  it("counts in the round list only the prompts and answers everyone may see, as the round page does", async () => {
    const { mod, round, posts } = await answeredRound();
    const [p1] = round.promptIds as [number, number];
    const counts = async () => {
      const listed = (await listRounds()).closed.find((r) => r.id === round.id)!;
      const page = (await getRoundPage(round.id, null))!;
      return {
        list: [listed.promptCount, listed.participantCount],
        page: [page.prompts.length, page.participantCount],
      };
    };
    // Named, anonymized and refusing members by name (Alma twice), and one pseudonym.
    expect(await counts()).toEqual({ list: [3, 4], page: [3, 4] });
    expect((await moderatePost(mod.id, posts.pseudo, { reason: "spam", note: "" })).ok).toBe(true);
    expect(await counts()).toEqual({ list: [3, 3], page: [3, 3] });
    await setThreadHidden(p1, { actorId: mod.id, reason: "off-topic", note: "" });
    expect(await counts()).toEqual({ list: [2, 1], page: [2, 1] });
  });

  it("keeps participant labels stable across exports and later answers", async () => {
    const { round } = await answeredRound();
    const labels = async () => (await buildRoundExport(round.id))!.rows.map((r) => `${r.answer}:${r.participant}`);
    const first = await labels();
    // Identities are numbered by the time of their first answer; a refused answer shows no label but takes a number.
    expect(first).toEqual([
      "Trust is built by showing up every single week.:Participant 1",
      "Patience matters more than any strategy I learned.:Participant 2",
      "null:null",
      "Funding is the wall we hit.:Participant 4",
      "Money, always money.:Participant 2",
    ]);
    expect(await labels()).toEqual(first);
    // A later answer (an earlier prompt) does not renumber anyone.
    const late = await createMember();
    await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[2]!,
      memberId: late.id,
      body: "Late words.",
      now: Date.now() - 2 * DAY_MS,
    });
    const after = await labels();
    expect(after.filter((l) => !l.startsWith("Late words."))).toEqual(first);
    expect(after).toContain("Late words.:Participant 5");
  });

  it("never gives an answer without a name the label of the same member's named answers, nor renumbers others", async () => {
    const mod = await createMember({ role: "moderator" });
    const [member, other] = [await createMember(), await createMember()];
    const now = Date.now();
    const round = await createTestRound({ createdBy: mod.id, opensAt: now - 5 * DAY_MS, closesAt: now - DAY_MS });
    const [p1, p2, p3] = round.promptIds as [number, number, number];
    const at = now - 3 * DAY_MS;
    const answer = (threadId: number, memberId: number, body: string, extra: object, offset: number) =>
      createTestAnswer({ roundId: round.id, threadId, memberId, body, now: at + offset, ...extra });
    await answer(p1, member.id, "Named.", { consent: "named" }, 0);
    await answer(p2, member.id, "Pseudonymous.", { consent: "anonymized", pseudonym: "Someone" }, 1);
    const anon = await answer(p3, member.id, "Anonymized.", { consent: "anonymized" }, 2);
    const others = await answer(p1, other.id, "Other's.", { consent: "anonymized" }, 3);
    const labels = async () =>
      Object.fromEntries((await buildRoundExport(round.id))!.rows.map((r) => [r.answer, r.participant]));
    // One label per member, consent and pseudonym, numbered as each first held an answer.
    expect(await labels()).toEqual({
      "Named.": "Participant 1",
      "Pseudonymous.": "Participant 2",
      "Anonymized.": "Participant 3",
      "Other's.": "Participant 4",
    });
    // A change of consent moves that answer to the label of what it now is; nobody else's label changes.
    await changeConsent({ memberId: member.id, postId: anon, consent: "named" });
    expect(await labels()).toMatchObject({ "Anonymized.": "Participant 1", "Other's.": "Participant 4" });
    await changeConsent({ memberId: other.id, postId: others, consent: "named" });
    expect(await labels()).toEqual({
      "Named.": "Participant 1",
      "Pseudonymous.": "Participant 2",
      "Anonymized.": "Participant 1",
      "Other's.": "Participant 5",
    });
  });

  it("records each change of consent with its date and shows the member what an export holds", async () => {
    const { round, posts, anon } = await answeredRound();
    const when = Date.UTC(2026, 5, 1);
    expect(await changeConsent({ memberId: anon.id, postId: posts.anon, consent: "none", now: when })).toEqual({
      ok: true,
      changed: true,
    });
    expect(await changeConsent({ memberId: anon.id, postId: posts.named, consent: "none" })).toMatchObject({
      ok: false,
    });
    const mine = await listMyAnswers(round.id, anon.id);
    const changed = mine.find((a) => a.postId === posts.anon)!;
    expect(changed.consentHistory).toEqual([{ from: "anonymized", to: "none", changedAt: when }]);
    expect(changed.exportRow).toMatchObject({ consent: "none", answer: null, region: null });
    expect(mine.find((a) => a.postId === posts.anon2)!.exportRow).toMatchObject({
      answer: "Money, always money.",
      name: null,
      region: "Long Beach",
    });
    expect(JSON.stringify((await buildRoundExport(round.id))!)).not.toContain("Patience matters more");
  });

  it("quotes in the synthesis only where consent allows, and tells the quoted members", async () => {
    const { round, posts, mod, named, anon, refuser } = await answeredRound();
    const refusedQuote = await insertQuote(round.id, posts.none, "Draft.");
    expect(refusedQuote).toMatchObject({ ok: false });
    expect(!refusedQuote.ok && refusedQuote.message).toMatch(/not to be quoted/);
    const anonQuote = await insertQuote(round.id, posts.anon, "");
    expect(anonQuote.ok && anonQuote.source).toContain(`[Participant 2](/posts/${posts.anon})`);
    expect(anonQuote.ok && anonQuote.source).not.toContain("Alma");
    const namedQuote = await insertQuote(round.id, posts.named, anonQuote.ok ? anonQuote.source : "");
    expect(namedQuote.ok && namedQuote.source).toContain(`[Nadia Named](/posts/${posts.named})`);
    const source = namedQuote.ok ? namedQuote.source : "";

    const crafted = await publishSynthesis({
      roundId: round.id,
      actorId: mod.id,
      source: `${source}\n\n> [x](/posts/${posts.none})`,
    });
    expect(!crafted.ok && crafted.message).toMatch(/not to be quoted/);
    const pasted = await publishSynthesis({
      roundId: round.id,
      actorId: mod.id,
      source: `${source}\n\nSomeone said: this private story about my director must never leave the forum.`,
    });
    expect(!pasted.ok && pasted.message).toMatch(/contains words/);
    const naming = await publishSynthesis({
      roundId: round.id,
      actorId: mod.id,
      source: `${source}\n\nThanks, Alma Anonymous!`,
    });
    expect(!naming.ok && naming.message).toMatch(/names Alma Anonymous/);
    expect((await getRoundPage(round.id, null))!.synthesis).toBeNull();

    const published = await publishSynthesis({ roundId: round.id, actorId: mod.id, source });
    expect(published.ok).toBe(true);
    const page = (await getRoundPage(round.id, null))!;
    expect(page.synthesis!.thread!.id).toBe(published.ok && published.threadId);
    for (const member of [named, anon])
      expect((await notificationsOf(member.id)).filter((n) => n.kind === "quoted")).toHaveLength(1);
    expect((await notificationsOf(refuser.id)).filter((n) => n.kind === "quoted")).toHaveLength(0);
    const audit = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_type"])
      .where("target_id", "=", round.id)
      .where("target_type", "=", "round")
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["round.create", "round.synthesis"]);
    expect(await publishSynthesis({ roundId: round.id, actorId: mod.id, source })).toMatchObject({ ok: false });
  });

  it("is written only after the close", async () => {
    const mod = await createMember({ role: "moderator" });
    const round = await createTestRound({ createdBy: mod.id });
    const result = await publishSynthesis({ roundId: round.id, actorId: mod.id, source: "Too early." });
    expect(!result.ok && result.message).toMatch(/still collecting/);
  });
});

describe("notifications", () => {
  it("tell topic followers once when a round opens and remind those still to answer two days before it closes", async () => {
    const mod = await createMember({ role: "moderator" });
    const [follower, finisher, stranger] = [await createMember(), await createMember(), await createMember()];
    const start = Date.now() + DAY_MS;
    const round = await createTestRound({
      createdBy: mod.id,
      prompts: 1,
      opensAt: start,
      closesAt: start + 7 * DAY_MS,
      tagSlugs: ["funding"],
    });
    const tag = await getDb().selectFrom("tags").select("id").where("slug", "=", "funding").executeTakeFirstOrThrow();
    await followTopic(follower.id, tag.id);
    await followTopic(finisher.id, tag.id);
    // Creating the round told nobody: its prompts' "new thread" notices are replaced by the round's own.
    expect(await notificationsOf(follower.id)).toEqual([]);

    // Other tests' rounds share this database: look at this round only.
    const run = async (at: number) => {
      const report = await runRoundNotifications(at);
      return {
        opened: report.opened.filter((r) => r.roundId === round.id),
        reminded: report.reminded.filter((r) => r.roundId === round.id),
        closed: report.closed.filter((r) => r.roundId === round.id),
      };
    };
    expect(await run(start - 1)).toEqual({ opened: [], reminded: [], closed: [] });
    const opened = await run(start + 1000);
    expect(opened.opened).toEqual([{ roundId: round.id, title: expect.any(String), notified: 2 }]);
    expect(await run(start + 2000)).toEqual({ opened: [], reminded: [], closed: [] });
    expect((await notificationsOf(follower.id)).map((n) => n.kind)).toEqual(["round-open"]);
    expect(await notificationsOf(stranger.id)).toEqual([]);

    await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: finisher.id,
      now: start + DAY_MS,
    });
    expect((await run(start + 4 * DAY_MS)).reminded).toEqual([]);
    const reminded = await run(start + 5 * DAY_MS + 1);
    expect(reminded.reminded).toEqual([{ roundId: round.id, title: expect.any(String), notified: 1 }]);
    expect(await run(start + 6 * DAY_MS)).toEqual({ opened: [], reminded: [], closed: [] });
    expect((await notificationsOf(follower.id)).map((n) => n.kind)).toEqual(["round-open", "round-reminder"]);
    expect((await notificationsOf(finisher.id)).map((n) => n.kind)).toEqual(["round-open"]);
    expect((await run(start + 7 * DAY_MS)).closed).toEqual([{ roundId: round.id, title: expect.any(String) }]);
    expect(await run(start + 8 * DAY_MS)).toEqual({ opened: [], reminded: [], closed: [] });
  });
});

describe("the seeded first round", () => {
  it("is the focus group: closed, its three prompts, the summary as its synthesis, added once and also to older databases", async () => {
    await seedBaseline(getDb());
    const round = await getDb()
      .selectFrom("rounds")
      .select(["id", "title"])
      .where("title", "=", FIRST_ROUND_TITLE)
      .executeTakeFirstOrThrow();
    const page = (await getRoundPage(round.id, null))!;
    expect(page.state).toBe("closed");
    expect(page.prompts.map((p) => p.title)).toEqual(FOCUS_GROUP_PROMPTS.map((p) => p.title));
    expect(page.synthesis!.html).toContain(
      "An individual engaged in embodying the will and spirit of their communities.",
    );
    expect(page.synthesis!.html).toBe(renderMarkdown(FOCUS_GROUP_SUMMARY));
    expect(await seedBaseline(getDb())).toBe(false);

    // A database seeded before rounds existed has the prompts but no round: the next seed adds it.
    await getDb().deleteFrom("round_prompts").where("round_id", "=", round.id).execute();
    await getDb().deleteFrom("round_tags").where("round_id", "=", round.id).execute();
    await getDb().deleteFrom("rounds").where("id", "=", round.id).execute();
    expect(await seedBaseline(getDb())).toBe(true);
    expect(
      await getDb().selectFrom("rounds").select("id").where("title", "=", FIRST_ROUND_TITLE).execute(),
    ).toHaveLength(1);
  });
});

describe("open rounds in the digest", () => {
  it("lists open rounds, and a round that opened in the window is news on its own", async () => {
    const mod = await createMember({ role: "moderator" });
    const reader = await createMember();
    const now = Date.now();
    const round = await createTestRound({ createdBy: mod.id, opensAt: now - 3_600_000, closesAt: now + 3 * DAY_MS });
    const title = (await getRoundPage(round.id, null))!.title;
    const today = await composeDigest(reader.id, { from: now - DAY_MS, to: now });
    expect(today.openRounds.find((r) => r.id === round.id)).toMatchObject({ title, isNew: true });
    expect(hasNews({ ...today, newThreads: [], followedReplies: [], featuredStories: [] })).toBe(true);
    const email = renderDigestEmail({
      period: "daily",
      recipientName: "Reader",
      content: today,
      origin: "https://rt.example",
      unsubscribeUrl: "https://rt.example/u",
    });
    expect(email.text).toContain(`https://rt.example/rounds/${round.id}`);
    expect(email.html).toContain("Open rounds");
    const later = await composeDigest(reader.id, { from: now + DAY_MS, to: now + 2 * DAY_MS });
    expect(later.openRounds.find((r) => r.id === round.id)).toMatchObject({ isNew: false });
  });
});
