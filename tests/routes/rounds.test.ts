import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import { DAY_MS, dayValue } from "~/lib/rounds";
import { parseSearchQuery } from "~/lib/search-query";
import { updateProfile } from "~/models/members.server";
import { editPost, getPostForEdit } from "~/models/posts.server";
import { searchPosts } from "~/models/search-index.server";
import * as historyRoute from "~/routes/posts.$id.history";
import * as replyRoute from "~/routes/posts.$id.reply";
import * as answerRoute from "~/routes/rounds.$id.prompts.$threadId.answer";
import * as csvRoute from "~/routes/rounds.$id.export[.]csv";
import * as jsonRoute from "~/routes/rounds.$id.export[.]json";
import * as mineRoute from "~/routes/rounds.$id.mine";
import * as roundRoute from "~/routes/rounds.$id._index";
import * as synthesisRoute from "~/routes/rounds.$id.synthesis";
import * as roundsFeed from "~/routes/rounds.feed[.]atom";
import * as roundsIndex from "~/routes/rounds._index";
import * as newRound from "~/routes/rounds.new";
import * as threadPage from "~/routes/threads.$id.$slug";
import { createMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { cardIds, cardIn } from "../setup/post-cards";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

type FormData = { fieldErrors: Record<string, string>; fields: Record<string, string | string[]> };
type SynthesisData = { fieldErrors: Record<string, string>; source: string; status: string | null };

afterEach(() => {
  vi.useRealTimers();
});

async function signedIn(overrides: Parameters<typeof createMember>[0] = {}) {
  const member = await createMember(overrides);
  return { ...member, cookie: await sessionCookieFor(member.id) };
}

async function count(table: "rounds" | "round_answers" | "posts") {
  return Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

function answer(round: number, prompt: number, cookie: string, form: Record<string, string>) {
  return run(
    answerRoute.action,
    formRequest(`/rounds/${round}/prompts/${prompt}/answer`, { intent: "publish", ...form }, cookie),
    { id: String(round), threadId: String(prompt) },
  );
}

const roundForm = (today: string, overrides: Record<string, string | string[]> = {}) => ({
  intent: "create",
  title: "What keeps you going?",
  purposeSource: "A round about **sustaining** the work.",
  opensOn: today,
  closesOn: today,
  answerFirst: "yes",
  tagSlugs: ["organizing"],
  promptTitle: ["What keeps you going?", "Who do you call when it is hard?", "What would you tell a new organizer?"],
  promptBody: ["Think of a hard week.", "Name a kind of person, not a name.", "One sentence is enough."],
  ...overrides,
});

describe("a round from start to synthesis, without JavaScript", () => {
  it("opens with three prompts, takes four answers with different consent, closes, quotes two, and exports what consent allows", async () => {
    const mod = await signedIn({ role: "moderator", displayName: "Mona Moderator" });
    await createTestRound({ createdBy: mod.id }); // seeds the topics
    const start = Date.now();
    const today = dayValue(start);

    // A member can't open a round; a moderator's close date before the open date is refused, nothing created.
    const member = await signedIn();
    expect((await run(newRound.action, formRequest("/rounds/new", roundForm(today), member.cookie))).status).toBe(403);
    const rounds = await count("rounds");
    const backwards = await run(
      newRound.action,
      formRequest(
        "/rounds/new",
        roundForm(dayValue(start + 2 * DAY_MS), { closesOn: dayValue(start + DAY_MS) }),
        mod.cookie,
      ),
    );
    expect(backwards.status).toBe(400);
    expect(((await backwards.json()) as FormData).fieldErrors.closesOn).toMatch(/before the open date/);
    expect(await count("rounds")).toBe(rounds);

    // "Add another prompt" brings the form back with one more slot and everything typed.
    const more = (await (
      await run(newRound.action, formRequest("/rounds/new", roundForm(today, { intent: "add-prompt" }), mod.cookie))
    ).json()) as FormData & { slots: number };
    expect(more.slots).toBe(4);
    expect(more.fields.title).toBe("What keeps you going?");

    const created = await run(newRound.action, formRequest("/rounds/new", roundForm(today), mod.cookie));
    expect(created.status).toBe(302);
    const roundId = Number(/\/rounds\/(\d+)$/.exec(created.headers.get("Location")!)![1]);
    const prompts = (
      await getDb()
        .selectFrom("round_prompts")
        .select("thread_id")
        .where("round_id", "=", roundId)
        .orderBy("position")
        .execute()
    ).map((p) => p.thread_id);
    expect(prompts).toHaveLength(3);
    const [p1, p2] = prompts as [number, number];

    const named = await signedIn({ displayName: "Nora Named" });
    const anon = await signedIn({ displayName: "Ana Anonymous" });
    const refuser = await signedIn({ displayName: "Ruth Refuses" });
    const pseudo = await signedIn({ displayName: "Paco Pseudonym" });
    await updateProfile(anon.id, {
      displayName: "Ana Anonymous",
      organization: "",
      location: "Pasadena",
      bioSource: "",
      fieldSlugs: ["health"],
    });
    const answers: Record<string, number> = {};
    for (const [key, who, form] of [
      ["named", named, { bodySource: "Organizing is showing up when nobody is counting.", consent: "named" }],
      ["anon", anon, { bodySource: "Rest is part of the strategy, not a break from it.", consent: "anonymized" }],
      ["none", refuser, { bodySource: "My confidential story about the landlord stays here.", consent: "none" }],
      [
        "pseudo",
        pseudo,
        {
          bodySource: "The tenants themselves keep me going.",
          consent: "anonymized",
          anonymous: "yes",
          pseudonym: "A tenant organizer in the Eastside",
        },
      ],
    ] as const) {
      const posted = await answer(roundId, p1, who.cookie, form);
      expect(posted.status).toBe(302);
      expect(posted.headers.get("Location")).toMatch(new RegExp(`^/threads/${p1}/.+#post-\\d+$`));
      answers[key] = Number(/#post-(\d+)/.exec(posted.headers.get("Location")!)![1]);
    }
    expect(
      (await answer(roundId, p2, anon.cookie, { bodySource: "Money is the hard part.", consent: "anonymized" })).status,
    ).toBe(302);

    // Twice is refused, and so is quoting by name under a pseudonym: nothing more is written.
    const before = await count("round_answers");
    const twice = await answer(roundId, p1, named.cookie, { bodySource: "Again!", consent: "named" });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as FormData).fieldErrors.form).toMatch(/already answered/);
    const mixed = await answer(roundId, p2, pseudo.cookie, {
      bodySource: "x",
      consent: "named",
      anonymous: "yes",
      pseudonym: "Someone",
    });
    expect(((await mixed.json()) as FormData).fieldErrors.consent).toMatch(/pseudonym/);
    expect(await count("round_answers")).toBe(before);

    // Answer first: a member who has not answered sees none of the answers, a member who has sees them all.
    const latecomer = await signedIn();
    const pageFor = async (cookie: string) =>
      (await (
        await run(threadPage.loader, getRequest(`/threads/${p1}/x`, cookie), {
          id: String(p1),
          slug: (await getDb().selectFrom("threads").select("slug").where("id", "=", p1).executeTakeFirstOrThrow())
            .slug,
        })
      ).json()) as { round: { withheld: boolean; takesAnswers: boolean }; serverMarkup?: { replies: string } };
    // The answers shown, read from the page's reply cards (docs/decisions/0031: replies come as markup).
    const repliesOn = (data: { serverMarkup?: { replies: string } }) => cardIds(data.serverMarkup?.replies ?? "");
    const unseen = await pageFor(latecomer.cookie);
    expect(repliesOn(unseen)).toEqual([]);
    expect(unseen.round).toMatchObject({ withheld: true, takesAnswers: true });
    const seen = await pageFor(named.cookie);
    expect(repliesOn(seen)).toHaveLength(4);
    const masked = cardIn(seen.serverMarkup!.replies, answers.pseudo!)!;
    expect(masked.authorHandle).toBeNull();
    expect(masked.text).toContain("A tenant organizer in the Eastside");
    expect(masked.text).toContain("Quotable anonymously");
    expect(masked.text).not.toContain("Shown to members as");
    expect(cardIn(seen.serverMarkup!.replies, answers.none!)!.text).toContain("Not for quoting");
    const roundPage = (await (
      await run(roundRoute.loader, getRequest(`/rounds/${roundId}`, anon.cookie), { id: String(roundId) })
    ).json()) as { round: { prompts: Array<{ viewerAnswerId: number | null; answerCount: number }> } };
    expect(roundPage.round.prompts.map((p) => p.answerCount)).toEqual([4, 1, 0]);
    expect(roundPage.round.prompts[0]!.viewerAnswerId).toBe(answers.anon);

    // The round closes at the end of its last day.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse(`${today}T00:00:00Z`) + DAY_MS + 3_600_000);
    const late = await answer(roundId, p2, named.cookie, { bodySource: "Too late?", consent: "named" });
    expect(((await late.json()) as FormData).fieldErrors.form).toMatch(/closed/);
    expect(repliesOn(await pageFor(latecomer.cookie))).toHaveLength(4);

    // The synthesis: moderators only; a crafted quote of a "not to be quoted" answer is refused, text unchanged.
    const synthesisUrl = `/rounds/${roundId}/synthesis`;
    const params = { id: String(roundId) };
    expect((await run(synthesisRoute.loader, getRequest(synthesisUrl, named.cookie), params)).status).toBe(403);
    const crafted = await run(
      synthesisRoute.action,
      formRequest(synthesisUrl, { synthesisSource: "Our findings.", intent: `quote:${answers.none}` }, mod.cookie),
      params,
    );
    expect(crafted.status).toBe(400);
    const refused = (await crafted.json()) as SynthesisData;
    expect(refused.fieldErrors.form).toMatch(/not to be quoted/);
    expect(refused.source).toBe("Our findings.");
    const quoteOne = (await (
      await run(
        synthesisRoute.action,
        formRequest(synthesisUrl, { synthesisSource: "Our findings.", intent: `quote:${answers.anon}` }, mod.cookie),
        params,
      )
    ).json()) as SynthesisData;
    expect(quoteOne.source).toContain("Rest is part of the strategy");
    expect(quoteOne.source).not.toContain("Ana");
    const quoteTwo = (await (
      await run(
        synthesisRoute.action,
        formRequest(synthesisUrl, { synthesisSource: quoteOne.source, intent: `quote:${answers.named}` }, mod.cookie),
        params,
      )
    ).json()) as SynthesisData;
    expect(quoteTwo.source).toContain(`[Nora Named](/posts/${answers.named})`);
    const published = await run(
      synthesisRoute.action,
      formRequest(synthesisUrl, { synthesisSource: quoteTwo.source, intent: "publish" }, mod.cookie),
      params,
    );
    expect(published.headers.get("Location")).toBe(`/rounds/${roundId}`);
    const quoted = await getDb().selectFrom("notifications").select("member_id").where("kind", "=", "quoted").execute();
    expect(quoted.map((n) => n.member_id).sort()).toEqual([named.id, anon.id].sort());
    const after = (await (await run(roundRoute.loader, getRequest(`/rounds/${roundId}`), params)).json()) as {
      round: { synthesis: { html: string; thread: { id: number } | null } };
    };
    expect(after.round.synthesis.html).toContain("Rest is part of the strategy");
    expect(after.round.synthesis.thread).not.toBeNull();

    // The export: moderators only, and exactly what consent allows in both formats.
    expect((await run(csvRoute.loader, getRequest(`/rounds/${roundId}/export.csv`, named.cookie), params)).status).toBe(
      403,
    );
    expect(
      (await run(jsonRoute.loader, getRequest(`/rounds/${roundId}/export.json`, named.cookie), params)).status,
    ).toBe(403);
    const csvResponse = await run(csvRoute.loader, getRequest(`/rounds/${roundId}/export.csv`, mod.cookie), params);
    expect(csvResponse.headers.get("Content-Type")).toContain("text/csv");
    expect(csvResponse.headers.get("Content-Disposition")).toContain(`round-${roundId}-answers.csv`);
    const csvText = await csvResponse.text();
    const jsonText = await (
      await run(jsonRoute.loader, getRequest(`/rounds/${roundId}/export.json`, mod.cookie), params)
    ).text();
    for (const exported of [csvText, jsonText]) {
      expect(exported).not.toContain("confidential story about the landlord");
      for (const secret of [
        "Ana Anonymous",
        anon.handle,
        "Ruth Refuses",
        refuser.handle,
        "Paco Pseudonym",
        pseudo.handle,
      ])
        expect(exported).not.toContain(secret);
      expect(exported).toContain("Nora Named");
    }
    const rows = parse(csvText, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.consent === "none")).toEqual([
      expect.objectContaining({ answer: "", participant: "", region: "" }),
    ]);
    const anonRows = rows.filter((r) => r.answer?.startsWith("Rest is") || r.answer?.startsWith("Money"));
    expect(new Set(anonRows.map((r) => r.participant)).size).toBe(1);
    expect(anonRows[0]).toMatchObject({ region: "Pasadena", fields_of_practice: "Health", name: "", handle: "" });
    const json = JSON.parse(jsonText) as { counts: Record<string, number>; rows: unknown[] };
    expect(json.counts).toEqual({ answers: 5, named: 1, anonymized: 3, none: 1 });
    // Stable: a second export labels everyone the same.
    const again = parse(
      await (await run(csvRoute.loader, getRequest(`/rounds/${roundId}/export.csv`, mod.cookie), params)).text(),
      { columns: true, bom: true },
    ) as Array<Record<string, string>>;
    expect(again.map((r) => r.participant)).toEqual(rows.map((r) => r.participant));
  });
});

describe("a member's own answers", () => {
  it("shows what any export includes and records a change of consent; someone else's answer is refused", async () => {
    const mod = await createMember({ role: "moderator" });
    const member = await signedIn({ displayName: "Mia Member" });
    const other = await createMember();
    const round = await createTestRound({ createdBy: mod.id });
    const mine = await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: member.id,
      consent: "named",
      body: "Mine, with my name.",
    });
    const theirs = await createTestAnswer({ roundId: round.id, threadId: round.promptIds[0]!, memberId: other.id });
    const url = `/rounds/${round.id}/mine`;
    const params = { id: String(round.id) };
    const loaded = (await (await run(mineRoute.loader, getRequest(url, member.cookie), params)).json()) as {
      answers: Array<{ postId: number; exportRow: Record<string, unknown> }>;
    };
    expect(loaded.answers).toHaveLength(1);
    expect(loaded.answers[0]!.exportRow).toMatchObject({
      name: "Mia Member",
      handle: member.handle,
      answer: "Mine, with my name.",
    });

    const changed = await run(
      mineRoute.action,
      formRequest(url, { intent: "consent", postId: String(mine), consent: "anonymized" }, member.cookie),
      params,
    );
    expect(changed.headers.get("Location")).toBe(`${url}`);
    const history = await getDb()
      .selectFrom("consent_changes")
      .select(["from_consent", "to_consent"])
      .where("post_id", "=", mine)
      .execute();
    expect(history).toEqual([{ from_consent: "named", to_consent: "anonymized" }]);
    const reloaded = (await (await run(mineRoute.loader, getRequest(url, member.cookie), params)).json()) as {
      answers: Array<{ exportRow: Record<string, unknown> }>;
    };
    expect(reloaded.answers[0]!.exportRow).toMatchObject({ name: null, handle: null });

    const crafted = await run(
      mineRoute.action,
      formRequest(url, { intent: "consent", postId: String(theirs), consent: "none" }, member.cookie),
      params,
    );
    expect(crafted.status).toBe(400);
    expect(
      await getDb()
        .selectFrom("round_answers")
        .select("consent")
        .where("post_id", "=", theirs)
        .executeTakeFirstOrThrow(),
    ).toEqual({ consent: "anonymized" });
  });
});

describe("rounds pages and feed", () => {
  it("lists rounds by state, answers junk ids with 404, refuses an upcoming round's answers, and feeds rounds as they open", async () => {
    const mod = await createMember({ role: "moderator" });
    const member = await signedIn();
    const open = await createTestRound({ createdBy: mod.id });
    const upcoming = await createTestRound({
      createdBy: mod.id,
      opensAt: Date.now() + 2 * DAY_MS,
      closesAt: Date.now() + 5 * DAY_MS,
    });
    const lists = (await (await run(roundsIndex.loader, getRequest("/rounds"))).json()) as {
      rounds: Record<string, Array<{ id: number; title: string }>>;
      canCreate: boolean;
    };
    expect(lists.rounds.open!.map((r) => r.id)).toContain(open.id);
    expect(lists.rounds.upcoming!.map((r) => r.id)).toContain(upcoming.id);
    expect(lists.canCreate).toBe(false);
    for (const id of ["abc", "0", "999999"])
      expect((await run(roundRoute.loader, getRequest(`/rounds/${id}`), { id })).status).toBe(404);

    const early = await answer(upcoming.id, upcoming.promptIds[0]!, member.cookie, {
      bodySource: "Early bird.",
      consent: "named",
    });
    expect(early.status).toBe(400);
    expect(((await early.json()) as FormData).fieldErrors.form).toMatch(/opens on/);
    // A prompt of another round is not this round's.
    expect(
      (
        await run(
          answerRoute.loader,
          getRequest(`/rounds/${open.id}/prompts/${upcoming.promptIds[0]}/answer`, member.cookie),
          { id: String(open.id), threadId: String(upcoming.promptIds[0]) },
        )
      ).status,
    ).toBe(404);

    const feed = await (await run(roundsFeed.loader, getRequest("/rounds/feed.atom"))).text();
    const openTitle = lists.rounds.open!.find((r) => r.id === open.id)!.title;
    expect(feed).toContain(`<id>http://localhost:3000/rounds/${open.id}</id>`);
    expect(feed).toContain(openTitle);
    expect(feed).not.toContain(`/rounds/${upcoming.id}</id>`);
  });
});

describe("where answers show beyond the thread page", () => {
  it("keeps a pseudonym in the edit history and out of search, and keeps answer-first answers out of search while open", async () => {
    const mod = await createMember({ role: "moderator" });
    const author = await createMember({ displayName: "Hidden Hilda" });
    const reader = await signedIn();
    const open = await createTestRound({ createdBy: mod.id });
    const gated = await createTestRound({ createdBy: mod.id, answerFirst: true });
    const masked = await createTestAnswer({
      roundId: open.id,
      threadId: open.promptIds[0]!,
      memberId: author.id,
      pseudonym: "A nurse in the Valley",
      body: "Zucchini gardens heal neighborhoods.",
    });
    await createTestAnswer({
      roundId: gated.id,
      threadId: gated.promptIds[0]!,
      memberId: author.id,
      body: "Quokka sightings before answering.",
    });
    const named = await createTestAnswer({
      roundId: open.id,
      threadId: open.promptIds[1]!,
      memberId: author.id,
      body: "Zucchini again, by name.",
    });

    const post = (await getPostForEdit(masked))!;
    await editPost({ post, editorId: author.id, bodySource: "Zucchini gardens heal whole neighborhoods." });
    const history = await (
      await run(historyRoute.loader, getRequest(`/posts/${masked}/history`, reader.cookie), { id: String(masked) })
    ).text();
    expect(history).toContain("A nurse in the Valley");
    expect(history).not.toContain("Hidden Hilda");
    expect(history).not.toContain(author.handle);

    const hits = (await searchPosts(parseSearchQuery("zucchini"), {}, 1)).hits.map((h) => h.postId);
    expect(hits).toContain(named);
    expect(hits).not.toContain(masked);
    expect((await searchPosts(parseSearchQuery("quokka"), {}, 1)).hits).toEqual([]);
  });
});

describe("the plain reply box on a round's prompt", () => {
  it("sends a top-level reply to the round's answer form while the round takes answers, writing nothing", async () => {
    const mod = await createMember({ role: "moderator" });
    const member = await signedIn();
    const round = await createTestRound({ createdBy: mod.id });
    const promptId = round.promptIds[0]!;
    const opening = (
      await getDb()
        .selectFrom("posts")
        .select("id")
        .where("thread_id", "=", promptId)
        .where("depth", "=", 0)
        .executeTakeFirstOrThrow()
    ).id;
    const posts = await count("posts");
    const crafted = await run(
      replyRoute.action,
      formRequest(`/posts/${opening}/reply`, { bodySource: "Sneaking in.", intent: "publish" }, member.cookie),
      { id: String(opening) },
    );
    expect(crafted.status).toBe(302);
    expect(crafted.headers.get("Location")).toBe(`/rounds/${round.id}/prompts/${promptId}/answer`);
    expect(await count("posts")).toBe(posts);
    // Replies to answers are conversation, as anywhere.
    const answerId = await createTestAnswer({
      roundId: round.id,
      threadId: promptId,
      memberId: mod.id,
      consent: "none",
    });
    const reply = await run(
      replyRoute.action,
      formRequest(`/posts/${answerId}/reply`, { bodySource: "Good point.", intent: "publish" }, member.cookie),
      { id: String(answerId) },
    );
    expect(reply.headers.get("Location")).toMatch(
      new RegExp(`^/threads/${promptId}/[^?#]+\\?highlight=(\\d+)#post-\\1$`),
    );
  });
});
