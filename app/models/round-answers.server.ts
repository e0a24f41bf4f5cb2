import { getDb, type Executor } from "~db/client.server";
import { isUniqueViolation } from "~db/errors";
import type { Consent } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import { formatDate } from "~/lib/format";
import type { RenderedMarkdown } from "~/lib/markdown-bounded.server";
import { languageNow } from "~/lib/translate";
import { canSeeContent, isModerator } from "~/lib/permissions";
import { roundState, suggestPseudonym, type RoundState } from "~/lib/rounds";
import { invalidateThreadPages } from "./page-invalidation.server";
import { renderPostBody } from "./uploads.server";
import { assertMayPublish, PostingRefused, type PostingRefusalReason } from "./publishing.server";
import { insertReply } from "./replies.server";
import { getPromptRound } from "./rounds.server";
import { tr } from "~/lib/translate";

// Answering a round's prompts, and a member's consent to be quoted.

export interface AnswerInput {
  roundId: number;
  threadId: number;
  memberId: number;
  bodySource: string;
  consent: Consent;
  pseudonym: string | null;
  /** The answer's language (lib/post-language); absent or null: unknown. */
  language?: string | null;
  now?: number;
}

export type AnswerResult =
  | { ok: true; postId: number }
  /** `reason` when the reply itself was refused (see publishing.server): "rate-limited" asks to wait. */
  | { ok: false; field: "bodySource" | "consent" | "form"; message: string; reason?: PostingRefusalReason };

function stateMessage(state: RoundState, round: { opens_at: number; closes_at: number }): string | null {
  if (state === "upcoming")
    return tr("rounds:answerRefusal.upcoming", { date: formatDate(round.opens_at, languageNow()) });
  if (state === "closed")
    return tr("rounds:answerRefusal.closed", { date: formatDate(round.closes_at - 1, languageNow()) });
  return null;
}

const ALREADY = "rounds:answerRefusal.already";

/**
 * An answer: a top-level reply to the prompt thread and its round row (consent, pseudonym) in one
 * transaction. Refused, with nothing written, when the member may not publish now, outside the round's
 * dates, when the member already answered, or when the prompt takes no replies (see insertReply). The answer
 * renders first, outside the transaction: a refusal of it is thrown (MarkdownRefusedError).
 */
export async function answerPrompt(input: AnswerInput): Promise<AnswerResult> {
  const now = input.now ?? Date.now();
  const rendered = await renderPostBody(input.memberId, input.bodySource);
  let result: AnswerResult;
  try {
    result = await getDb()
      .transaction()
      .execute((trx) => insertAnswer(trx, { ...input, now }, rendered));
  } catch (error) {
    const refused = answerErrorResult(error);
    if (refused) return refused;
    throw error;
  }
  if (result.ok) await invalidateThreadPages(input.threadId, [input.memberId]);
  return result;
}

/**
 * The body of answerPrompt inside the caller's transaction (an answer by email writes it with the record of
 * its Message-ID): every rule of an answer, then the reply and its round row. Throws PostingRefused, or a
 * unique violation for a concurrent answer: answerErrorResult says what those mean.
 */
export async function insertAnswer(
  trx: Executor,
  input: AnswerInput & { now: number },
  rendered: RenderedMarkdown,
): Promise<AnswerResult> {
  // The posting limits come first, as they always have on the answer form; insertReply asks again.
  await assertMayPublish(trx, input.memberId, "reply");
  const refused = await answerRefusal(trx, input, input.now);
  if (refused) return refused;
  const postId = await insertReply(
    trx,
    {
      threadId: input.threadId,
      parentId: null,
      authorId: input.memberId,
      bodySource: input.bodySource,
      language: input.language,
      now: input.now,
    },
    rendered,
  );
  await recordAnswer(trx, { ...input, postId, now: input.now });
  return { ok: true, postId };
}

/** A refusal thrown while answering, as an answer's result; null for any other error. */
export function answerErrorResult(error: unknown): AnswerResult | null {
  if (error instanceof PostingRefused)
    return { ok: false, field: "form", message: error.message, reason: error.reason };
  // Two submissions at once: the UNIQUE(thread_id, member_id) constraint lets only one through.
  if (isUniqueViolation(error, "round_answers")) return { ok: false, field: "form", message: tr(ALREADY) };
  return null;
}

/** Why this answer can't be given, or null: consent, the round, its dates, an earlier answer. */
async function answerRefusal(trx: Executor, input: AnswerInput, now: number): Promise<AnswerResult | null> {
  if (input.pseudonym && input.consent === "named") {
    return { ok: false, field: "consent", message: tr("rounds:answerRefusal.pseudonymNamed") };
  }
  const round = await getPromptRound(input.threadId, trx);
  if (!round || round.id !== input.roundId)
    return { ok: false, field: "form", message: tr("rounds:answerRefusal.notInRound") };
  const refused = stateMessage(roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now), round);
  if (refused) return { ok: false, field: "form", message: refused };
  const existing = await trx
    .selectFrom("round_answers")
    .select("post_id")
    .where("thread_id", "=", input.threadId)
    .where("member_id", "=", input.memberId)
    .executeTakeFirst();
  return existing ? { ok: false, field: "form", message: tr(ALREADY) } : null;
}

/** The round's row for a new answer (notices it caused name its pseudonym when read: see listNotifications). */
async function recordAnswer(trx: Executor, answer: AnswerInput & { postId: number; now: number }): Promise<void> {
  await trx
    .insertInto("round_answers")
    .values({
      post_id: answer.postId,
      round_id: answer.roundId,
      thread_id: answer.threadId,
      member_id: answer.memberId,
      pseudonym: answer.pseudonym,
      consent: answer.consent,
      created_at: answer.now,
      consent_changed_at: null,
    })
    .execute();
}

export type ConsentResult = { ok: true; changed: boolean } | { ok: false; message: string };

/** A member changes their consent on one of their answers; the change is recorded with its date. */
export async function changeConsent(input: {
  memberId: number;
  postId: number;
  consent: Consent;
  now?: number;
}): Promise<ConsentResult> {
  const now = input.now ?? Date.now();
  let threadId = 0;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<ConsentResult> => {
      const answer = await trx
        .selectFrom("round_answers")
        .select(["consent", "pseudonym", "thread_id"])
        .where("post_id", "=", input.postId)
        .where("member_id", "=", input.memberId)
        .executeTakeFirst();
      if (!answer) return { ok: false, message: tr("rounds:answerRefusal.notYours") };
      if (answer.consent === input.consent) return { ok: true, changed: false };
      if (answer.pseudonym && input.consent === "named")
        return { ok: false, message: tr("rounds:answerRefusal.underPseudonym") };
      await trx
        .updateTable("round_answers")
        .set({ consent: input.consent, consent_changed_at: now })
        .where("post_id", "=", input.postId)
        .execute();
      await trx
        .insertInto("consent_changes")
        .values({ post_id: input.postId, from_consent: answer.consent, to_consent: input.consent, changed_at: now })
        .execute();
      threadId = answer.thread_id;
      return { ok: true, changed: true };
    });
  // The consent shows on the answer.
  if (threadId) await invalidateThreadPages(threadId);
  return result;
}

export interface AnswerPageView {
  round: { id: number; title: string; state: RoundState; opensAt: number; closesAt: number; answerFirst: boolean };
  prompt: { threadId: number; slug: string; title: string; html: string; position: number };
  /** The viewer's answer to this prompt, if they gave one. */
  existingAnswerId: number | null;
  suggestedPseudonym: string;
}

/** What the answer form shows: the round, the prompt, and whether the member already answered. */
export async function getAnswerPage(
  roundId: number,
  threadId: number,
  viewer: Viewer,
  now = Date.now(),
): Promise<AnswerPageView | null> {
  const db = getDb();
  const round = await getPromptRound(threadId);
  if (!round || round.id !== roundId) return null;
  const prompt = await db
    .selectFrom("threads as t")
    .innerJoin("posts as p", (join) => join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0))
    .select(["t.id", "t.slug", "t.title", "p.body_html", "t.author_id", "t.hidden_at", "t.deleted_at"])
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  const shown = prompt
    ? canSeeContent(viewer, {
        authorId: prompt.author_id,
        hidden: prompt.hidden_at !== null,
        deleted: prompt.deleted_at !== null,
      })
    : false;
  if (!prompt || !shown) return null;
  const [existing, member, fields] = await Promise.all([
    db
      .selectFrom("round_answers")
      .select("post_id")
      .where("thread_id", "=", threadId)
      .where("member_id", "=", viewer.id)
      .executeTakeFirst(),
    db.selectFrom("members").select("location").where("id", "=", viewer.id).executeTakeFirstOrThrow(),
    db
      .selectFrom("member_fields")
      .innerJoin("tags", "tags.id", "member_fields.tag_id")
      .select("tags.name")
      .where("member_fields.member_id", "=", viewer.id)
      .orderBy("tags.sort_key")
      .orderBy("tags.id")
      .execute(),
  ]);
  return {
    round: {
      id: round.id,
      title: round.title,
      state: roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now),
      opensAt: round.opens_at,
      closesAt: round.closes_at,
      answerFirst: round.answer_first === 1,
    },
    prompt: {
      threadId: prompt.id,
      slug: prompt.slug,
      title: prompt.title,
      html: prompt.body_html,
      position: round.position,
    },
    existingAnswerId: existing?.post_id ?? null,
    suggestedPseudonym: suggestPseudonym(
      fields.map((f) => f.name),
      member.location,
    ),
  };
}

export interface PromptRoundPanel {
  roundId: number;
  roundTitle: string;
  state: RoundState;
  opensAt: number;
  closesAt: number;
  datesRecorded: boolean;
  answerFirst: boolean;
  /** While the round is open or upcoming, top-level replies are answers and go through the answer form. */
  takesAnswers: boolean;
  viewerAnswerId: number | null;
  /** Other answers are withheld from this viewer until they answer. */
  withheld: boolean;
}

/** The round box on a prompt thread's page (null for a thread that is no round's prompt). */
export async function getPromptRoundPanel(
  threadId: number,
  viewer: Viewer | null,
  now = Date.now(),
): Promise<PromptRoundPanel | null> {
  const round = await getPromptRound(threadId);
  if (!round) return null;
  const state = roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now);
  const mine = viewer
    ? await getDb()
        .selectFrom("round_answers")
        .select("post_id")
        .where("thread_id", "=", threadId)
        .where("member_id", "=", viewer.id)
        .executeTakeFirst()
    : undefined;
  const answerFirst = round.answer_first === 1;
  return {
    roundId: round.id,
    roundTitle: round.title,
    state,
    opensAt: round.opens_at,
    closesAt: round.closes_at,
    datesRecorded: round.dates_recorded !== 0,
    answerFirst,
    takesAnswers: state !== "closed",
    viewerAnswerId: mine?.post_id ?? null,
    withheld: answerFirst && state !== "closed" && !mine && !isModerator(viewer),
  };
}

/**
 * Where a top-level reply to this thread must go instead: the round's answer form while the round takes
 * answers (so no answer skips consent or the round's dates); null for any other thread, or after the close.
 */
export async function answerFormPath(threadId: number, now = Date.now()): Promise<string | null> {
  const round = await getPromptRound(threadId);
  if (!round || roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now) === "closed") return null;
  return `/rounds/${round.id}/prompts/${threadId}/answer`;
}
