import { z } from "zod";
import { BODY_MAX, oneLine, oneLineProblem, TAGS_MAX, TITLE_MAX, TITLE_MIN } from "./validation";
import { CONSENTS, DAY_MS, parseDay, PROMPTS_MAX, PROMPTS_MIN, PSEUDONYM_MAX } from "./rounds";

// The forms of rounds: a new round, an answer, a change of consent, the synthesis composer.

// Messages are rounds catalog keys, translated by parseForm in the sender's language (issue 18).
const titleSchema = oneLine(
  z
    .string({ error: "rounds:form.titleRequired" })
    .trim()
    .min(TITLE_MIN, "rounds:form.titleTooShort")
    .max(TITLE_MAX, "rounds:form.titleTooLong"),
);

/** `which` names the date's messages in the catalog: `rounds:form.<which>.required` and `.invalid`. */
const daySchema = (which: "opensOn" | "closesOn") =>
  z
    .string({ error: `rounds:form.${which}.required` })
    .trim()
    .min(1, `rounds:form.${which}.required`)
    .transform((v, ctx) => {
      const ms = parseDay(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `rounds:form.${which}.invalid` });
        return z.NEVER;
      }
      return ms;
    });

/** A new round. Prompt slots left blank are dropped; the open day starts at midnight UTC and the close day ends at the next. */
export function newRoundSchema(now: number) {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return z
    .object({
      title: titleSchema,
      purposeSource: z
        .string({ error: "rounds:form.purposeRequired" })
        .trim()
        .min(1, "rounds:form.purposeRequired")
        .max(BODY_MAX, "rounds:form.purposeTooLong"),
      opensOn: daySchema("opensOn"),
      closesOn: daySchema("closesOn"),
      answerFirst: z
        .string()
        .optional()
        .transform((v) => v === "yes"),
      tagSlugs: z.array(z.string()).min(1, "rounds:form.topicsRequired").max(TAGS_MAX, "rounds:form.topicsTooMany"),
      promptTitle: z.array(z.string()).max(PROMPTS_MAX * 2),
      promptBody: z.array(z.string()).max(PROMPTS_MAX * 2),
    })
    .superRefine((v, ctx) => {
      if (v.opensOn < today)
        ctx.addIssue({
          code: "custom",
          path: ["opensOn"],
          message: "rounds:form.opensInPast",
        });
      if (v.closesOn < v.opensOn)
        ctx.addIssue({
          code: "custom",
          path: ["closesOn"],
          message: "rounds:form.closesBeforeOpens",
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
            message: "rounds:form.promptTitleShort",
            params: { number: i + 1, minimum: TITLE_MIN },
          });
        else if (title.length > TITLE_MAX)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Title`],
            message: "rounds:form.promptTitleLong",
            params: { number: i + 1, maximum: TITLE_MAX },
          });
        else if (oneLineProblem(title))
          ctx.addIssue({ code: "custom", path: [`prompt${i}Title`], message: oneLineProblem(title)! });
        if (!body)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Body`],
            message: "rounds:form.promptBodyRequired",
            params: { number: i + 1 },
          });
        else if (body.length > BODY_MAX)
          ctx.addIssue({
            code: "custom",
            path: [`prompt${i}Body`],
            message: "rounds:form.promptBodyLong",
            params: { number: i + 1, maximum: BODY_MAX },
          });
      }
      if (filled < PROMPTS_MIN)
        ctx.addIssue({ code: "custom", path: ["prompts"], message: "rounds:form.promptsRequired" });
      if (filled > PROMPTS_MAX)
        ctx.addIssue({
          code: "custom",
          path: ["prompts"],
          message: "rounds:form.promptsTooMany",
          params: { maximum: PROMPTS_MAX },
        });
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
  .enum(CONSENTS as [string, ...string[]], { error: "rounds:answerForm.consentRequired" })
  .transform((v) => v as (typeof CONSENTS)[number]);

export const answerSchema = z
  .object({
    bodySource: z
      .string({ error: "rounds:answerForm.bodyRequired" })
      .trim()
      .min(1, "rounds:answerForm.bodyRequired")
      .max(BODY_MAX, "rounds:answerForm.bodyTooLong"),
    consent: consentSchema,
    anonymous: z
      .string()
      .optional()
      .transform((v) => v === "yes"),
    pseudonym: oneLine(z.string().trim().max(PSEUDONYM_MAX, "rounds:answerForm.pseudonymTooLong")).default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.anonymous) return;
    if (v.pseudonym.length < 3)
      ctx.addIssue({
        code: "custom",
        path: ["pseudonym"],
        message: "rounds:answerForm.pseudonymRequired",
        params: { minimum: 3 },
      });
    else if (/[@<>]/.test(v.pseudonym))
      ctx.addIssue({ code: "custom", path: ["pseudonym"], message: "rounds:answerForm.pseudonymCharacters" });
    if (v.consent === "named") {
      ctx.addIssue({
        code: "custom",
        path: ["consent"],
        message: "rounds:answerForm.pseudonymNotNamed",
      });
    }
  })
  .transform((v) => ({ bodySource: v.bodySource, consent: v.consent, pseudonym: v.anonymous ? v.pseudonym : null }));

export const consentChangeSchema = z.object({
  postId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, "rounds:mine.chooseAnswer")
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
  synthesisSource: z.string().max(BODY_MAX, "rounds:synthesis.tooLong").default(""),
});
