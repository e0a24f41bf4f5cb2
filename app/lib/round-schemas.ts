import { z } from "zod";
import { BODY_MAX, oneLine, oneLineProblem, TAGS_MAX, TITLE_MAX, TITLE_MIN } from "./validation";
import { CONSENTS, DAY_MS, parseDay, PROMPTS_MAX, PROMPTS_MIN, PSEUDONYM_MAX } from "./rounds";

// The forms of rounds: a new round, an answer, a change of consent, the synthesis composer.

const titleSchema = (label: string) =>
  oneLine(
    z
      .string({ error: `Give the ${label} a title.` })
      .trim()
      .min(TITLE_MIN, `The ${label}'s title needs at least ${TITLE_MIN} characters.`)
      .max(TITLE_MAX, `The ${label}'s title can be at most ${TITLE_MAX} characters.`),
  );

const daySchema = (label: string) =>
  z
    .string({ error: `Choose the ${label}.` })
    .trim()
    .min(1, `Choose the ${label}.`)
    .transform((v, ctx) => {
      const ms = parseDay(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `The ${label} should be a date like 2026-05-01.` });
        return z.NEVER;
      }
      return ms;
    });

/** A new round. Prompt slots left blank are dropped; the open day starts at midnight UTC and the close day ends at the next. */
export function newRoundSchema(now: number) {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return z
    .object({
      title: titleSchema("round"),
      purposeSource: z
        .string({ error: "Say what the round is for." })
        .trim()
        .min(1, "Say what the round is for.")
        .max(BODY_MAX, `The purpose can be at most ${BODY_MAX.toLocaleString("en-US")} characters.`),
      opensOn: daySchema("open date"),
      closesOn: daySchema("close date"),
      answerFirst: z
        .string()
        .optional()
        .transform((v) => v === "yes"),
      tagSlugs: z
        .array(z.string())
        .min(1, "Choose at least one topic: its followers are told when the round opens.")
        .max(TAGS_MAX, `Choose at most ${TAGS_MAX} topics.`),
      promptTitle: z.array(z.string()).max(PROMPTS_MAX * 2),
      promptBody: z.array(z.string()).max(PROMPTS_MAX * 2),
    })
    .superRefine((v, ctx) => {
      if (v.opensOn < today)
        ctx.addIssue({
          code: "custom",
          path: ["opensOn"],
          message: "The open date is in the past. Choose today or a later day.",
        });
      if (v.closesOn < v.opensOn)
        ctx.addIssue({
          code: "custom",
          path: ["closesOn"],
          message: "The close date is before the open date. Choose a day on or after it.",
        });
      let filled = 0;
      for (let i = 0; i < Math.max(v.promptTitle.length, v.promptBody.length); i++) {
        const title = (v.promptTitle[i] ?? "").trim();
        const body = (v.promptBody[i] ?? "").trim();
        if (!title && !body) continue;
        filled++;
        if (title.length < TITLE_MIN)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Title`],
            message: `Give prompt ${i + 1} a title of at least ${TITLE_MIN} characters.`,
          });
        else if (title.length > TITLE_MAX)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Title`],
            message: `Prompt ${i + 1}'s title can be at most ${TITLE_MAX} characters.`,
          });
        else if (oneLineProblem(title))
          ctx.addIssue({ code: "custom", path: [`prompt${i}Title`], message: oneLineProblem(title)! });
        if (!body)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Body`],
            message: `Write the question or invitation for prompt ${i + 1}.`,
          });
        else if (body.length > BODY_MAX)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Body`],
            message: `Prompt ${i + 1} is over ${BODY_MAX.toLocaleString("en-US")} characters.`,
          });
      }
      if (filled < PROMPTS_MIN)
        ctx.addIssue({ code: "custom", path: ["prompts"], message: "Write at least one prompt." });
      if (filled > PROMPTS_MAX)
        ctx.addIssue({ code: "custom", path: ["prompts"], message: `A round has at most ${PROMPTS_MAX} prompts.` });
    })
    .transform((v) => ({
      title: v.title,
      purposeSource: v.purposeSource,
      opensAt: v.opensOn,
      closesAt: v.closesOn + DAY_MS,
      answerFirst: v.answerFirst,
      tagSlugs: v.tagSlugs,
      prompts: v.promptTitle
        .map((title, i) => ({ title: title.trim(), bodySource: (v.promptBody[i] ?? "").trim() }))
        .filter((p) => p.title || p.bodySource),
    }));
}

const consentSchema = z
  .enum(CONSENTS as [string, ...string[]], { error: "Choose whether your answer may be quoted." })
  .transform((v) => v as (typeof CONSENTS)[number]);

export const answerSchema = z
  .object({
    bodySource: z
      .string({ error: "Write your answer before posting." })
      .trim()
      .min(1, "Write your answer before posting.")
      .max(BODY_MAX, `Your answer is over ${BODY_MAX.toLocaleString("en-US")} characters. Shorten it a little.`),
    consent: consentSchema,
    anonymous: z
      .string()
      .optional()
      .transform((v) => v === "yes"),
    pseudonym: oneLine(
      z.string().trim().max(PSEUDONYM_MAX, `A pseudonym can be at most ${PSEUDONYM_MAX} characters.`),
    ).default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.anonymous) return;
    if (v.pseudonym.length < 3)
      ctx.addIssue({
        code: "custom",
        path: ["pseudonym"],
        message: "Write the pseudonym to show instead of your name (at least 3 characters).",
      });
    else if (/[@<>]/.test(v.pseudonym))
      ctx.addIssue({ code: "custom", path: ["pseudonym"], message: "A pseudonym can't contain @, < or >." });
    if (v.consent === "named") {
      ctx.addIssue({
        code: "custom",
        path: ["consent"],
        message:
          "You are answering under a pseudonym, so your answer can't be quoted with your name. Choose “without my name” or “not to be quoted”.",
      });
    }
  })
  .transform((v) => ({ bodySource: v.bodySource, consent: v.consent, pseudonym: v.anonymous ? v.pseudonym : null }));

export const consentChangeSchema = z.object({
  postId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "Choose one of your answers.")
    .transform(Number),
  consent: consentSchema,
});

/** The synthesis composer's buttons: publish, preview, save, or "quote:<answer post id>". Junk previews. */
export const synthesisIntentSchema = z
  .string()
  .optional()
  .transform((v): { kind: "publish" | "preview" | "save" } | { kind: "quote"; answerId: number } => {
    const quote = /^quote:([1-9][0-9]{0,15})$/.exec(v ?? "");
    if (quote) return { kind: "quote", answerId: Number(quote[1]) };
    return { kind: v === "publish" || v === "save" ? v : "preview" };
  });

export const synthesisSchema = z.object({
  synthesisSource: z
    .string()
    .max(BODY_MAX, `The synthesis is over ${BODY_MAX.toLocaleString("en-US")} characters.`)
    .default(""),
});
