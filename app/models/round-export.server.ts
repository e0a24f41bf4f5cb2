import { stringify } from "csv-stringify/sync";
import { getDb, type Executor } from "~db/client.server";
import type { Consent } from "~db/schema";
import { canSeeContent } from "~/lib/permissions";

// A round's answers as research data. The consent rules live in toExportRow and nowhere else:
// - "named": the member's name and handle go with the answer;
// - "anonymized": the answer, fields of practice and region, under a participant label, never a name;
// - "none": the answer is counted (its prompt and consent), and nothing else about it leaves the forum.
// A participant label stands for one public identity in the round, never for the member behind several:
// answers share a label only when they share member, consent and pseudonym. So an answer given without a name
// (anonymized, or under a pseudonym) never shares a label with its author's named answers, nor a pseudonymous
// answer with the answers the forum shows under their name. Labels number identities in the order they first
// held an answer (consent changes included), so a new answer or a consent change never renumbers anyone else.

export interface AnswerRecord {
  postId: number;
  threadId: number;
  promptPosition: number;
  promptTitle: string;
  memberId: number;
  handle: string;
  displayName: string;
  location: string;
  fields: string[];
  pseudonym: string | null;
  consent: Consent;
  createdAt: number;
  consentChangedAt: number | null;
  bodySource: string;
  bodyHtml: string;
  /** Removed by its author, hidden by moderators, its author deleted their account, or its prompt is gone: part of no output. */
  withdrawn: boolean;
  /** The prompt thread's state, for the visibility rule (a prompt moderators hid is for moderators only). */
  prompt: { authorId: number; hidden: boolean; deleted: boolean };
  /** "Participant 3": one per member, consent and pseudonym in this round (see the rules above), stable. */
  participant: string;
}

const contentState = (authorId: number, hiddenAt: number | null, deletedAt: number | null) => ({
  authorId,
  hidden: hiddenAt !== null,
  deleted: deletedAt !== null,
});

/** Every answer of a round, in prompt order then answer order, each with its stable participant label. */
export async function listAnswerRecords(roundId: number, db: Executor = getDb()): Promise<AnswerRecord[]> {
  const rows = await db
    .selectFrom("round_answers as a")
    .innerJoin("posts as p", "p.id", "a.post_id")
    .innerJoin("round_prompts as rp", "rp.thread_id", "a.thread_id")
    .innerJoin("threads as t", "t.id", "a.thread_id")
    .innerJoin("members as m", "m.id", "a.member_id")
    .select([
      "a.post_id",
      "a.thread_id",
      "rp.position",
      "t.title",
      "a.member_id",
      "m.handle",
      "m.display_name",
      "m.location",
      "a.pseudonym",
      "a.consent",
      "a.created_at",
      "a.consent_changed_at",
      "p.body_source",
      "p.body_html",
      "p.deleted_at",
      "p.hidden_at",
      "t.author_id as prompt_author_id",
      "t.hidden_at as prompt_hidden_at",
      "t.deleted_at as prompt_deleted_at",
      "a.withdrawn_at",
    ])
    .where("a.round_id", "=", roundId)
    .orderBy("a.created_at")
    .orderBy("a.post_id")
    .execute();
  const labels = await participantLabels(rows, db);
  const memberIds = [...new Set(rows.map((r) => r.member_id))];
  const fieldRows = memberIds.length
    ? await db
        .selectFrom("member_fields")
        .innerJoin("tags", "tags.id", "member_fields.tag_id")
        .select(["member_fields.member_id", "tags.name"])
        .where("member_fields.member_id", "in", memberIds)
        .orderBy("tags.sort_key")
        .orderBy("tags.id")
        .execute()
    : [];
  return rows
    .map((r) => ({
      postId: r.post_id,
      threadId: r.thread_id,
      promptPosition: r.position,
      promptTitle: r.title,
      memberId: r.member_id,
      handle: r.handle,
      displayName: r.display_name,
      location: r.location,
      fields: fieldRows.filter((f) => f.member_id === r.member_id).map((f) => f.name),
      pseudonym: r.pseudonym,
      consent: r.consent,
      createdAt: r.created_at,
      consentChangedAt: r.consent_changed_at,
      bodySource: r.body_source,
      bodyHtml: r.body_html,
      withdrawn:
        r.withdrawn_at !== null ||
        !canSeeContent(null, contentState(r.member_id, r.hidden_at, r.deleted_at)) ||
        !canSeeContent(null, contentState(r.prompt_author_id, r.prompt_hidden_at, r.prompt_deleted_at)),
      prompt: contentState(r.prompt_author_id, r.prompt_hidden_at, r.prompt_deleted_at),
      participant: labels.get(r.post_id)!,
    }))
    .sort((a, b) => a.promptPosition - b.promptPosition || a.createdAt - b.createdAt || a.postId - b.postId);
}

type LabelledAnswer = {
  post_id: number;
  member_id: number;
  pseudonym: string | null;
  consent: Consent;
  created_at: number;
};
const identity = (a: LabelledAnswer, consent: Consent) => JSON.stringify([a.member_id, consent, a.pseudonym]);

/**
 * Each answer's participant label: identities (member, consent, pseudonym) numbered in the order they first
 * held an answer, replaying the answers and their consent changes in time order.
 */
async function participantLabels(answers: LabelledAnswer[], db: Executor): Promise<Map<number, string>> {
  const changes = answers.length
    ? await db
        .selectFrom("consent_changes")
        .select(["id", "post_id", "from_consent", "to_consent", "changed_at"])
        .where(
          "post_id",
          "in",
          answers.map((a) => a.post_id),
        )
        .orderBy("changed_at")
        .orderBy("id")
        .execute()
    : [];
  const byPost = new Map(answers.map((a) => [a.post_id, a]));
  // An answer was given with the consent its first change moved it from.
  const given = new Map<number, Consent>();
  for (const c of changes) if (!given.has(c.post_id)) given.set(c.post_id, c.from_consent);
  const events = [
    ...answers.map((a) => ({ at: a.created_at, tie: a.post_id, key: identity(a, given.get(a.post_id) ?? a.consent) })),
    ...changes.map((c) => ({ at: c.changed_at, tie: Infinity, key: identity(byPost.get(c.post_id)!, c.to_consent) })),
  ].sort((x, y) => x.at - y.at || x.tie - y.tie);
  const numbers = new Map<string, number>();
  for (const { key } of events) if (!numbers.has(key)) numbers.set(key, numbers.size + 1);
  return new Map(answers.map((a) => [a.post_id, `Participant ${numbers.get(identity(a, a.consent))}`]));
}

export interface ExportRow {
  prompt_number: number;
  prompt: string;
  consent: Consent;
  participant: string | null;
  name: string | null;
  handle: string | null;
  fields_of_practice: string | null;
  region: string | null;
  answered_at: string | null;
  answer: string | null;
}

/** The one place that decides what of an answer an export holds (see the rules at the top of this file). */
export function toExportRow(record: AnswerRecord): ExportRow {
  const base = { prompt_number: record.promptPosition, prompt: record.promptTitle, consent: record.consent };
  if (record.consent === "none") {
    return {
      ...base,
      participant: null,
      name: null,
      handle: null,
      fields_of_practice: null,
      region: null,
      answered_at: null,
      answer: null,
    };
  }
  const named = record.consent === "named";
  return {
    ...base,
    participant: record.participant,
    name: named ? record.displayName : null,
    handle: named ? record.handle : null,
    fields_of_practice: record.fields.join("; "),
    region: record.location || null,
    answered_at: new Date(record.createdAt).toISOString(),
    answer: record.bodySource,
  };
}

export interface RoundExport {
  round: { id: number; title: string; opensAt: string; closesAt: string };
  exportedAt: string;
  counts: { answers: number; named: number; anonymized: number; none: number };
  rows: ExportRow[];
}

export async function buildRoundExport(roundId: number, now = Date.now()): Promise<RoundExport | null> {
  const round = await getDb()
    .selectFrom("rounds")
    .select(["id", "title", "opens_at", "closes_at"])
    .where("id", "=", roundId)
    .executeTakeFirst();
  if (!round) return null;
  const records = (await listAnswerRecords(roundId)).filter((r) => !r.withdrawn);
  const count = (consent: Consent) => records.filter((r) => r.consent === consent).length;
  return {
    round: {
      id: round.id,
      title: round.title,
      opensAt: new Date(round.opens_at).toISOString(),
      closesAt: new Date(round.closes_at).toISOString(),
    },
    exportedAt: new Date(now).toISOString(),
    counts: { answers: records.length, named: count("named"), anonymized: count("anonymized"), none: count("none") },
    rows: records.map(toExportRow),
  };
}

const CSV_COLUMNS: Array<keyof ExportRow> = [
  "prompt_number",
  "prompt",
  "participant",
  "name",
  "handle",
  "fields_of_practice",
  "region",
  "consent",
  "answered_at",
  "answer",
];

/** RFC 4180 CSV with a header row; cells that a spreadsheet would run as a formula are escaped. */
export function exportCsv(data: RoundExport): string {
  return stringify(
    data.rows.map((row) => CSV_COLUMNS.map((column) => row[column] ?? "")),
    { header: true, columns: CSV_COLUMNS, escape_formulas: true, record_delimiter: "\r\n", bom: true },
  );
}

export function exportJson(data: RoundExport): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export interface MyAnswerView {
  postId: number;
  promptPosition: number;
  promptTitle: string;
  threadId: number;
  consent: Consent;
  pseudonym: string | null;
  createdAt: number;
  withdrawn: boolean;
  /** Exactly what any export of the round would hold for this answer (null: nothing, it is withdrawn). */
  exportRow: ExportRow | null;
  consentHistory: Array<{ from: Consent; to: Consent; changedAt: number }>;
}

/**
 * A member's answers in a round, each with what an export would include and how their consent changed. An
 * answer to a prompt moderators hid is left out: the member may not see the prompt (and the answer is in no export).
 */
export async function listMyAnswers(roundId: number, memberId: number): Promise<MyAnswerView[]> {
  const member = await getDb()
    .selectFrom("members")
    .select(["id", "role"])
    .where("id", "=", memberId)
    .executeTakeFirst();
  const mine = (await listAnswerRecords(roundId)).filter(
    (r) => r.memberId === memberId && canSeeContent(member ?? null, r.prompt),
  );
  const history = mine.length
    ? await getDb()
        .selectFrom("consent_changes")
        .select(["post_id", "from_consent", "to_consent", "changed_at"])
        .where(
          "post_id",
          "in",
          mine.map((r) => r.postId),
        )
        .orderBy("id")
        .execute()
    : [];
  return mine.map((r) => ({
    postId: r.postId,
    promptPosition: r.promptPosition,
    promptTitle: r.promptTitle,
    threadId: r.threadId,
    consent: r.consent,
    pseudonym: r.pseudonym,
    createdAt: r.createdAt,
    withdrawn: r.withdrawn,
    exportRow: r.withdrawn ? null : toExportRow(r),
    consentHistory: history
      .filter((h) => h.post_id === r.postId)
      .map((h) => ({ from: h.from_consent, to: h.to_consent, changedAt: h.changed_at })),
  }));
}
