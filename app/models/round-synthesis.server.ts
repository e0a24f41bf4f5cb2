import { getDb } from "~db/client.server";
import type { Consent } from "~db/schema";
import { renderPostBody } from "./uploads.server";
import { roundState, type RoundState } from "~/lib/rounds";
import { TITLE_MAX } from "~/lib/validation";
import { logAction } from "./audit-log.server";
import { notify } from "./notifications.server";
import { invalidateAllPages } from "./page-invalidation.server";
import { listAnswerRecords, type AnswerRecord } from "./round-export.server";
import { insertThread } from "./threads.server";
import { tr } from "~/lib/translate";

// The synthesis: after a round closes, a moderator writes what it found, quoting answers only where their
// authors consented. Published once, as a discussion thread the quoted members are told about and can reply to.

const QUOTE_MAX = 1_200;

export interface SynthesisAnswerView {
  postId: number;
  consent: Consent;
  /** Who wrote it, for the moderator's eyes (they know anyway), and the label a quote would carry. */
  author: string;
  quoteLabel: string | null;
  pseudonym: string | null;
  html: string;
  createdAt: number;
}

export interface SynthesisComposerView {
  round: { id: number; title: string; state: RoundState; closesAt: number };
  published: { at: number; html: string; thread: { id: number; slug: string } | null } | null;
  draft: string;
  prompts: Array<{ position: number; title: string; threadId: number; answers: SynthesisAnswerView[] }>;
}

function quoteLabel(record: AnswerRecord): string | null {
  if (record.consent === "none") return null;
  return record.consent === "named" ? record.displayName.replace(/[[\]]/g, "") : record.participant;
}

export async function getSynthesisComposer(roundId: number, now = Date.now()): Promise<SynthesisComposerView | null> {
  const db = getDb();
  const round = await db
    .selectFrom("rounds as r")
    .leftJoin("threads as t", "t.id", "r.synthesis_thread_id")
    .select([
      "r.id",
      "r.title",
      "r.opens_at",
      "r.closes_at",
      "r.synthesis_source",
      "r.synthesis_html",
      "r.synthesis_published_at",
      "t.id as thread_id",
      "t.slug",
    ])
    .where("r.id", "=", roundId)
    .executeTakeFirst();
  if (!round) return null;
  const prompts = await db
    .selectFrom("round_prompts as rp")
    .innerJoin("threads as t", "t.id", "rp.thread_id")
    .select(["rp.position", "t.title", "t.id"])
    .where("rp.round_id", "=", roundId)
    .orderBy("rp.position")
    .execute();
  const records = (await listAnswerRecords(roundId)).filter((r) => !r.withdrawn);
  return {
    round: {
      id: round.id,
      title: round.title,
      state: roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now),
      closesAt: round.closes_at,
    },
    published:
      round.synthesis_published_at !== null
        ? {
            at: round.synthesis_published_at,
            html: round.synthesis_html ?? "",
            thread: round.thread_id && round.slug ? { id: round.thread_id, slug: round.slug } : null,
          }
        : null,
    draft: round.synthesis_source ?? "",
    prompts: prompts.map((p) => ({
      position: p.position,
      title: p.title,
      threadId: p.id,
      answers: records
        .filter((r) => r.threadId === p.id)
        .map((r) => ({
          postId: r.postId,
          consent: r.consent,
          author: `${r.displayName} (${r.participant})`,
          quoteLabel: quoteLabel(r),
          pseudonym: r.pseudonym,
          html: r.bodyHtml,
          createdAt: r.createdAt,
        })),
    })),
  };
}

/** A Markdown quote of an answer, credited as its consent allows and linked to it; null when it may not be quoted. */
export function synthesisQuote(record: AnswerRecord): string | null {
  const label = quoteLabel(record);
  if (label === null || record.withdrawn) return null;
  const trimmed = record.bodySource.trim();
  const text = trimmed.length > QUOTE_MAX ? `${trimmed.slice(0, QUOTE_MAX).trimEnd()}…` : trimmed;
  const quoted = text
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  // The credit line is part of the synthesis being written, so it is in the writer's language.
  const credit = tr("rounds:synthesis.quoteCredit", {
    link: `[${label}](/posts/${record.postId})`,
    prompt: record.promptTitle,
  });
  return `${quoted}\n>\n> — ${credit}\n\n`;
}

export type QuoteResult = { ok: true; source: string } | { ok: false; message: string };

/** "Insert quote": the composer's text with the quote appended, or a refusal that changes nothing. */
export async function insertQuote(roundId: number, postId: number, source: string): Promise<QuoteResult> {
  const record = (await listAnswerRecords(roundId)).find((r) => r.postId === postId);
  if (!record) return { ok: false, message: tr("rounds:synthesis.refusal.notInRound") };
  if (record.withdrawn) return { ok: false, message: tr("rounds:synthesis.refusal.withdrawn") };
  const quote = synthesisQuote(record);
  if (quote === null) return { ok: false, message: tr("rounds:synthesis.refusal.notQuotable") };
  const base = source.trimEnd();
  return { ok: true, source: `${base ? `${base}\n\n` : ""}${quote}` };
}

function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[>*_`~#[\]()“”"']/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether a synthesis keeps every quoted member's choice; the message says what to fix, or null when it does.
 * It refuses links to "not to be quoted" answers and to withdrawn ones (removed, hidden, or their author left),
 * their sentences copied in, and names of members whose quoted answers may only be quoted without a name.
 */
export function checkSynthesisConsent(source: string, records: AnswerRecord[]): string | null {
  const linked = new Set([...source.matchAll(/\/posts\/(\d+)/g)].map((m) => Number(m[1])));
  const text = normalize(source);
  for (const record of records) {
    if (record.consent !== "none" && !record.withdrawn) continue;
    const where = { number: record.promptPosition, participant: record.participant };
    const whose = record.withdrawn ? "withdrawn" : "notQuotable";
    if (linked.has(record.postId)) return tr(`rounds:synthesis.refusal.links.${whose}`, where);
    const sentences = record.bodySource
      .split(/(?<=[.!?])\s+|\n+/)
      .map(normalize)
      .filter((s) => s.length >= 40);
    if (sentences.some((s) => text.includes(s))) return tr(`rounds:synthesis.refusal.words.${whose}`, where);
  }
  const quoted = records.filter((r) => linked.has(r.postId) && r.consent !== "none" && !r.withdrawn);
  for (const record of quoted) {
    if (record.consent !== "anonymized" || quoted.some((r) => r.memberId === record.memberId && r.consent === "named"))
      continue;
    const name = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(record.displayName)}(?![\\p{L}\\p{N}])`, "iu");
    if (name.test(source) || source.toLowerCase().includes(`@${record.handle}`)) {
      return tr("rounds:synthesis.refusal.names", { name: record.displayName, participant: record.participant });
    }
  }
  return null;
}

/** What stands in a synthesis draft where a quote of an answer was, once the answer is withdrawn. */
export const WITHDRAWN_QUOTE_NOTE = "> _(A quoted answer was withdrawn: its author deleted their account.)_";

/**
 * A draft with every quote of these answers taken out: each run of "> " lines (a quote, as synthesisQuote
 * writes it) that links to one of them becomes WITHDRAWN_QUOTE_NOTE. Words copied outside a quote stay, and
 * publishing refuses a link to a withdrawn answer or a sentence copied from one (checkSynthesisConsent).
 */
export function withoutQuotesOf(source: string, postIds: ReadonlySet<number>): string {
  const lines = source.split("\n");
  const kept: string[] = [];
  for (let start = 0; start < lines.length;) {
    if (!lines[start]!.startsWith(">")) {
      kept.push(lines[start++]!);
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end]!.startsWith(">")) end++;
    const quote = lines.slice(start, end);
    const links = [...quote.join("\n").matchAll(/\/posts\/(\d+)/g)].map((m) => Number(m[1]));
    if (links.some((id) => postIds.has(id))) kept.push(WITHDRAWN_QUOTE_NOTE);
    else kept.push(...quote);
    start = end;
  }
  return kept.join("\n");
}

/** Keeps the moderator's work between visits; a published synthesis is not changed here. */
export async function saveSynthesisDraft(roundId: number, source: string): Promise<void> {
  await getDb()
    .updateTable("rounds")
    .set({ synthesis_source: source })
    .where("id", "=", roundId)
    .where("synthesis_published_at", "is", null)
    .execute();
}

export type PublishResult = { ok: true; threadId: number; slug: string } | { ok: false; message: string };

/** The opening post of the synthesis's discussion: the synthesis, then where it comes from. */
function synthesisPost(source: string, round: { id: number; title: string }): string {
  const link = `[${round.title.replace(/[[\]]/g, "")}](/rounds/${round.id})`;
  return `${source}\n\n---\n\n_The synthesis of the round ${link}. Each quote links to the answer it comes from._`;
}

/**
 * Publishes the synthesis: checks consent, creates its discussion thread (on the round's topics), stores it on
 * the round, tells the quoted members, and logs the action, in one transaction. The synthesis renders first,
 * outside it: a refusal of its Markdown is thrown (MarkdownRefusedError) with nothing written.
 */
export async function publishSynthesis(input: {
  roundId: number;
  actorId: number;
  source: string;
  now?: number;
}): Promise<PublishResult> {
  const now = input.now ?? Date.now();
  const source = input.source.trim();
  if (!source) return { ok: false, message: tr("rounds:synthesis.refusal.empty") };
  // Rendered before the transaction opens: a worker is never awaited while the database is held. A round's
  // title never changes, so the one read here is the one the transaction would read.
  const titled = await getDb().selectFrom("rounds").select("title").where("id", "=", input.roundId).executeTakeFirst();
  if (!titled) return { ok: false, message: tr("rounds:roundPage.noSuchRound") };
  const body = synthesisPost(source, { id: input.roundId, title: titled.title });
  const html = (await renderPostBody(input.actorId, source)).html;
  const openingPost = await renderPostBody(input.actorId, body);
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<PublishResult> => {
      const round = await trx
        .selectFrom("rounds")
        .select(["id", "title", "opens_at", "closes_at", "synthesis_published_at"])
        .where("id", "=", input.roundId)
        .executeTakeFirst();
      if (!round) return { ok: false, message: tr("rounds:roundPage.noSuchRound") };
      if (roundState({ opensAt: round.opens_at, closesAt: round.closes_at }, now) !== "closed")
        return { ok: false, message: tr("rounds:synthesis.stillOpen") };
      if (round.synthesis_published_at !== null) return { ok: false, message: tr("rounds:synthesis.alreadyPublished") };
      // Withdrawn answers too: the check refuses quotes of them.
      const records = await listAnswerRecords(round.id, trx);
      const problem = checkSynthesisConsent(source, records);
      if (problem) return { ok: false, message: problem };
      const tags = await trx
        .selectFrom("round_tags")
        .innerJoin("tags", "tags.id", "round_tags.tag_id")
        .select("tags.slug")
        .where("round_tags.round_id", "=", round.id)
        .execute();
      const title = `Synthesis: ${round.title}`.slice(0, TITLE_MAX);
      const thread = await insertThread(
        trx,
        {
          authorId: input.actorId,
          kind: "discussion",
          title,
          bodySource: body,
          tagSlugs: tags.map((t) => t.slug),
          now,
        },
        openingPost,
      );
      await trx
        .updateTable("rounds")
        .set({
          synthesis_source: source,
          synthesis_html: html,
          synthesis_published_at: now,
          synthesis_thread_id: thread.id,
        })
        .where("id", "=", round.id)
        .execute();
      const opening = await trx
        .selectFrom("posts")
        .select("id")
        .where("thread_id", "=", thread.id)
        .where("depth", "=", 0)
        .executeTakeFirstOrThrow();
      const linked = new Set([...source.matchAll(/\/posts\/(\d+)/g)].map((m) => Number(m[1])));
      const quotedMembers = [
        ...new Set(
          records.filter((r) => linked.has(r.postId) && r.consent !== "none" && !r.withdrawn).map((r) => r.memberId),
        ),
      ].filter((id) => id !== input.actorId);
      await notify(
        trx,
        quotedMembers.map((memberId) => ({
          memberId,
          kind: "quoted" as const,
          threadId: thread.id,
          postId: opening.id,
          actorId: input.actorId,
          detail: round.title,
        })),
        now,
      );
      await logAction(trx, {
        actorId: input.actorId,
        action: "round.synthesis",
        targetType: "round",
        targetId: round.id,
        after: { thread: thread.id, quoted: quotedMembers.length },
        now,
      });
      return { ok: true, threadId: thread.id, slug: thread.slug };
    });
  // A new thread on the round's topics, the home page and the moderator's profile.
  if (result.ok) invalidateAllPages();
  return result;
}
