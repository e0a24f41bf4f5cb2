import { getDb } from "~db/client.server";
import { DAY_MS } from "~/lib/rounds";
import { answerPrompt } from "~/models/round-answers.server";
import { createRound } from "~/models/rounds.server";
import { seedBaseline } from "~/models/seed.server";
import type { Consent } from "~db/schema";

let counter = 0;
let seeded: Promise<boolean> | undefined;

/** A round with `prompts` prompt threads; open now (a day either side) unless dates are given. */
export async function createTestRound(input: {
  createdBy: number;
  prompts?: number;
  opensAt?: number;
  closesAt?: number;
  answerFirst?: boolean;
  tagSlugs?: string[];
  now?: number;
}) {
  seeded ??= seedBaseline(getDb());
  await seeded;
  counter++;
  const now = input.now ?? Date.now();
  const result = await createRound({
    createdBy: input.createdBy,
    title: `Round number ${counter}`,
    purposeSource: `What round ${counter} wants to learn.`,
    opensAt: input.opensAt ?? now - DAY_MS,
    closesAt: input.closesAt ?? now + 5 * DAY_MS,
    answerFirst: input.answerFirst ?? false,
    tagSlugs: input.tagSlugs ?? ["organizing"],
    prompts: Array.from({ length: input.prompts ?? 3 }, (_, i) => ({
      title: `Round ${counter}, prompt ${i + 1}`,
      bodySource: `Question ${i + 1} of round ${counter}?`,
    })),
    now,
  });
  if (!result.ok) throw new Error(result.message);
  const prompts = await getDb()
    .selectFrom("round_prompts")
    .select("thread_id")
    .where("round_id", "=", result.id)
    .orderBy("position")
    .execute();
  return { id: result.id, promptIds: prompts.map((p) => p.thread_id) };
}

export async function createTestAnswer(input: {
  roundId: number;
  threadId: number;
  memberId: number;
  body?: string;
  consent?: Consent;
  pseudonym?: string | null;
  now?: number;
}) {
  counter++;
  const result = await answerPrompt({
    roundId: input.roundId,
    threadId: input.threadId,
    memberId: input.memberId,
    bodySource: input.body ?? `Answer number ${counter}.`,
    consent: input.consent ?? "anonymized",
    pseudonym: input.pseudonym ?? null,
    now: input.now,
  });
  if (!result.ok) throw new Error(result.message);
  return result.postId;
}
