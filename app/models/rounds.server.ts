import { getDb, type Executor } from "~db/client.server";
import { roundTitle } from "~/lib/seeded-content";
import { seededRoundPage } from "~/lib/seeded-content.server";
import type { Viewer } from "~/auth/viewer";
import { MarkdownRefusedError, renderMarkdownBounded, type RenderedMarkdown } from "~/lib/markdown-bounded.server";
import { roundState, type RoundState } from "~/lib/rounds";
import { logAction } from "./audit-log.server";
import { invalidateAllPages } from "./page-invalidation.server";
import { renderPostBody } from "./uploads.server";
import { countPublicIdentities, publicIdentityCount } from "./pseudonyms.server";
import { notifyRoundOpened } from "./round-notify.server";
import { insertThread } from "./threads.server";
import { postShownTo, threadShownTo } from "./visibility.server";
import { tr } from "~/lib/translate";

// Rounds: a moderator's set of 1 to 7 prompt threads, open between two dates, on some topics.

export interface NewRoundInput {
  createdBy: number;
  title: string;
  purposeSource: string;
  opensAt: number;
  closesAt: number;
  answerFirst: boolean;
  tagSlugs: string[];
  prompts: Array<{ title: string; bodySource: string }>;
  now?: number;
}

export type CreateRoundResult =
  | { ok: true; id: number }
  /** `status`: 400 unless said otherwise (503 when the server was too busy to format the text). */
  | { ok: false; field: string; message: string; status?: number };

/**
 * Creates a round, its prompt threads and its topics in one transaction, with its audit row. The prompts'
 * "new thread in a topic you follow" notices are dropped: followers hear about the round once, when it opens.
 */
export async function createRound(input: NewRoundInput): Promise<CreateRoundResult> {
  const now = input.now ?? Date.now();
  if (input.closesAt <= input.opensAt)
    return {
      ok: false,
      field: "closesOn",
      message: tr("rounds:form.closesBeforeOpens"),
    };
  if (input.prompts.length < 1 || input.prompts.length > 7)
    return { ok: false, field: "prompts", message: tr("rounds:form.promptsCount", { minimum: 1, maximum: 7 }) };
  const rendered = await renderRound(input);
  if (!rendered.ok) return rendered;
  const { purposeHtml, promptBodies } = rendered;
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const round = await trx
        .insertInto("rounds")
        .values({
          title: input.title,
          purpose_source: input.purposeSource,
          purpose_html: purposeHtml,
          opens_at: input.opensAt,
          closes_at: input.closesAt,
          answer_first: input.answerFirst ? 1 : 0,
          synthesis_source: null,
          synthesis_html: null,
          synthesis_published_at: null,
          synthesis_thread_id: null,
          created_by: input.createdBy,
          created_at: now,
          opened_notified_at: null,
          reminded_at: null,
          closed_noted_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const tags = await trx
        .selectFrom("tags")
        .select("id")
        .where("slug", "in", input.tagSlugs)
        .where("merged_into_id", "is", null)
        .execute();
      if (tags.length)
        await trx
          .insertInto("round_tags")
          .values(tags.map((t) => ({ round_id: round.id, tag_id: t.id })))
          .execute();
      const threadIds: number[] = [];
      for (const [index, prompt] of input.prompts.entries()) {
        // A millisecond apart, so lists ordered by creation show the prompts in the round's order.
        const thread = await insertThread(
          trx,
          {
            authorId: input.createdBy,
            kind: "prompt",
            title: prompt.title,
            bodySource: prompt.bodySource,
            tagSlugs: input.tagSlugs,
            now: now + index,
          },
          promptBodies[index]!,
        );
        await trx
          .insertInto("round_prompts")
          .values({ round_id: round.id, thread_id: thread.id, position: index + 1 })
          .execute();
        threadIds.push(thread.id);
      }
      await trx
        .deleteFrom("notifications")
        .where("thread_id", "in", threadIds)
        .where("kind", "=", "topic-thread")
        .execute();
      await logAction(trx, {
        actorId: input.createdBy,
        action: "round.create",
        targetType: "round",
        targetId: round.id,
        after: {
          title: input.title,
          opens: new Date(input.opensAt).toISOString(),
          closes: new Date(input.closesAt).toISOString(),
          prompts: input.prompts.length,
          answerFirst: input.answerFirst,
        },
        now,
      });
      if (roundState({ opensAt: input.opensAt, closesAt: input.closesAt }, now) === "open")
        await notifyRoundOpened(trx, round.id, now);
      return { ok: true as const, id: round.id };
    });
  // New prompt threads show on topic pages, the home page and the author's profile.
  invalidateAllPages();
  return result;
}

/** The purpose and each prompt rendered, one after another, before the transaction; a refusal names its field. */
async function renderRound(
  input: NewRoundInput,
): Promise<
  { ok: true; purposeHtml: string; promptBodies: RenderedMarkdown[] } | Extract<CreateRoundResult, { ok: false }>
> {
  let field = "purposeSource";
  let label = "";
  try {
    const purposeHtml = (await renderMarkdownBounded(input.purposeSource)).html;
    const promptBodies: RenderedMarkdown[] = [];
    for (const prompt of input.prompts) {
      // Blank slots were dropped, so the prompt is named by its question rather than by its slot.
      field = "prompts";
      label = prompt.title;
      promptBodies.push(await renderPostBody(input.createdBy, prompt.bodySource));
    }
    return { ok: true, purposeHtml, promptBodies };
  } catch (error) {
    if (!(error instanceof MarkdownRefusedError)) throw error;
    if (error.status !== 400) return { ok: false, field: "form", message: error.message, status: error.status };
    return {
      ok: false,
      field,
      message: label ? tr("rounds:form.invitationRefused", { title: label, why: error.message }) : error.message,
    };
  }
}

export interface RoundListItem {
  id: number;
  title: string;
  state: RoundState;
  opensAt: number;
  closesAt: number;
  /** False when the dates it ran are not known (the focus group; they are only the seeding day) */
  datesRecorded: boolean;
  promptCount: number;
  /** People the answers show: members by name, plus one per answer under a pseudonym (countPublicIdentities). */
  participantCount: number;
  hasSynthesis: boolean;
}

/** Counts what everyone may see (docs/decisions/0012), as the round's own page does: a hidden or removed prompt
 * or answer is not counted, so the list never tells that one exists. */
function roundListQuery(db: Executor) {
  return db.selectFrom("rounds as r").select((eb) => [
    "r.id",
    "r.title",
    "r.opens_at",
    "r.closes_at",
    "r.dates_recorded",
    "r.synthesis_published_at",
    eb
      .selectFrom("round_prompts")
      .innerJoin("threads as t", "t.id", "round_prompts.thread_id")
      .select((e) => e.fn.countAll<number>().as("n"))
      .whereRef("round_prompts.round_id", "=", "r.id")
      .where(threadShownTo("t"))
      .as("prompt_count"),
    eb
      .selectFrom("round_answers")
      .innerJoin("posts as p", "p.id", "round_answers.post_id")
      .innerJoin("threads as t", "t.id", "round_answers.thread_id")
      .select(publicIdentityCount().as("n"))
      .whereRef("round_answers.round_id", "=", "r.id")
      .where(postShownTo("p"))
      .where(threadShownTo("t"))
      .as("participant_count"),
  ]);
}

type ListRow = {
  id: number;
  title: string;
  opens_at: number;
  closes_at: number;
  dates_recorded: number;
  synthesis_published_at: number | null;
  prompt_count: number | null;
  participant_count: number | null;
};

function toListItem(r: ListRow, now: number): RoundListItem {
  return {
    id: r.id,
    // The seeded first round reads in the reader's language while unedited (docs/decisions/0039).
    title: roundTitle(r.title),
    state: roundState({ opensAt: r.opens_at, closesAt: r.closes_at }, now),
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    datesRecorded: r.dates_recorded !== 0,
    promptCount: Number(r.prompt_count ?? 0),
    participantCount: Number(r.participant_count ?? 0),
    hasSynthesis: r.synthesis_published_at !== null,
  };
}

/** /rounds: open rounds (closing soonest first), upcoming ones (opening soonest first), then past ones. */
export async function listRounds(now = Date.now()): Promise<Record<RoundState, RoundListItem[]>> {
  const rows = await roundListQuery(getDb())
    .orderBy("r.closes_at", "desc")
    .orderBy("r.id", "desc")
    .limit(200)
    .execute();
  const items = rows.map((r) => toListItem(r, now));
  return {
    open: items.filter((r) => r.state === "open").sort((a, b) => a.closesAt - b.closesAt),
    upcoming: items.filter((r) => r.state === "upcoming").sort((a, b) => a.opensAt - b.opensAt),
    closed: items.filter((r) => r.state === "closed"),
  };
}

/** Open rounds, closing soonest first: for the home page and the digest. */
export async function listOpenRounds(now = Date.now(), limit = 5): Promise<RoundListItem[]> {
  const rows = await roundListQuery(getDb())
    .where("r.opens_at", "<=", now)
    .where("r.closes_at", ">", now)
    .orderBy("r.closes_at")
    .orderBy("r.id")
    .limit(limit)
    .execute();
  return rows.map((r) => toListItem(r, now));
}

export interface RoundPromptView {
  threadId: number;
  slug: string;
  title: string;
  position: number;
  answerCount: number;
  /** Every visible reply in the prompt thread: answers, replies to them, and conversation after the close. */
  replyCount: number;
  /** The viewer's answer to this prompt, if any. */
  viewerAnswerId: number | null;
}

export interface RoundPageView {
  id: number;
  title: string;
  purposeHtml: string;
  state: RoundState;
  opensAt: number;
  closesAt: number;
  datesRecorded: boolean;
  answerFirst: boolean;
  createdBy: { handle: string; displayName: string };
  tags: Array<{ slug: string; name: string }>;
  prompts: RoundPromptView[];
  participantCount: number;
  synthesis: { html: string; publishedAt: number; thread: { id: number; slug: string } | null } | null;
  /** A moderator's draft exists (shown to moderators only). */
  hasSynthesisDraft: boolean;
}

export async function getRoundPage(
  roundId: number,
  viewer: Viewer | null,
  now = Date.now(),
): Promise<RoundPageView | null> {
  const db = getDb();
  const round = await db
    .selectFrom("rounds as r")
    .innerJoin("members as m", "m.id", "r.created_by")
    // The synthesis's thread is linked only while everyone may see it.
    .leftJoin("threads as s", (join) => join.onRef("s.id", "=", "r.synthesis_thread_id").on(threadShownTo("s")))
    .select([
      "r.id",
      "r.title",
      "r.purpose_html",
      "r.opens_at",
      "r.closes_at",
      "r.dates_recorded",
      "r.answer_first",
      "r.synthesis_html",
      "r.synthesis_source",
      "r.synthesis_published_at",
      "m.handle",
      "m.display_name",
      "s.id as s_id",
      "s.slug as s_slug",
    ])
    .where("r.id", "=", roundId)
    .executeTakeFirst();
  if (!round) return null;
  const [tags, prompts, answers] = await Promise.all([
    db
      .selectFrom("round_tags")
      .innerJoin("tags", "tags.id", "round_tags.tag_id")
      .select(["tags.slug", "tags.name"])
      .where("round_tags.round_id", "=", roundId)
      .orderBy("tags.sort_key")
      .orderBy("tags.id")
      .execute(),
    db
      .selectFrom("round_prompts as rp")
      .innerJoin("threads as t", "t.id", "rp.thread_id")
      .select(["t.id", "t.slug", "t.title", "t.reply_count", "rp.position"])
      .where("rp.round_id", "=", roundId)
      .where(threadShownTo("t"))
      .orderBy("rp.position")
      .execute(),
    db
      .selectFrom("round_answers as a")
      .innerJoin("posts as p", "p.id", "a.post_id")
      .innerJoin("threads as t", "t.id", "a.thread_id")
      .select(["a.post_id", "a.thread_id", "a.member_id", "a.pseudonym"])
      .where("a.round_id", "=", roundId)
      .where(postShownTo("p"))
      .where(threadShownTo("t"))
      .execute(),
  ]);
  return seededRoundPage({
    id: round.id,
    title: round.title,
    purposeHtml: round.purpose_html,
    state: roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now),
    opensAt: round.opens_at,
    closesAt: round.closes_at,
    datesRecorded: round.dates_recorded !== 0,
    answerFirst: round.answer_first === 1,
    createdBy: { handle: round.handle, displayName: round.display_name },
    tags,
    prompts: prompts.map((p) => ({
      threadId: p.id,
      slug: p.slug,
      title: p.title,
      position: p.position,
      answerCount: answers.filter((a) => a.thread_id === p.id).length,
      replyCount: p.reply_count,
      viewerAnswerId: answers.find((a) => a.thread_id === p.id && a.member_id === viewer?.id)?.post_id ?? null,
    })),
    participantCount: countPublicIdentities(answers.map((a) => ({ memberId: a.member_id, pseudonym: a.pseudonym }))),
    synthesis:
      round.synthesis_published_at !== null && round.synthesis_html !== null
        ? {
            html: round.synthesis_html,
            publishedAt: round.synthesis_published_at,
            thread: round.s_id && round.s_slug ? { id: round.s_id, slug: round.s_slug } : null,
          }
        : null,
    hasSynthesisDraft: round.synthesis_published_at === null && Boolean(round.synthesis_source),
  }); // the first round in the reader's language while unedited (decision 0039)
}

/** The round a prompt thread belongs to, with its dates (null for any other thread). */
export async function getPromptRound(threadId: number, db: Executor = getDb()) {
  return db
    .selectFrom("round_prompts as rp")
    .innerJoin("rounds as r", "r.id", "rp.round_id")
    .select(["r.id", "r.title", "r.opens_at", "r.closes_at", "r.dates_recorded", "r.answer_first", "rp.position"])
    .where("rp.thread_id", "=", threadId)
    .executeTakeFirst();
}
