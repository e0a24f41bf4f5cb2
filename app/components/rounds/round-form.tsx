import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/form-field";
import { PROMPTS_MAX } from "~/lib/rounds";
import { BODY_MAX, TAGS_MAX, TITLE_MAX, TITLE_MIN, type FieldErrors, type Fields } from "~/lib/validation";
import { TopicCheckboxes } from "~/components/topic-checkboxes";
import type { TopicChoice } from "~/models/topics.server";
import { SubmitButton } from "~/components/submit-button";

interface RoundFormProps {
  fields: Fields | undefined;
  errors: FieldErrors;
  topics: TopicChoice[];
  promptSlots: number;
  today: string;
}

const one = (fields: Fields | undefined, key: string) => (typeof fields?.[key] === "string" ? fields[key] : "");
const many = (fields: Fields | undefined, key: string) => ([] as string[]).concat(fields?.[key] ?? []);

/** A new round: what it is for, when it runs, its topics and 1 to 7 prompts ("add a prompt" is a plain submit). */
export function RoundForm({ fields, errors, topics, promptSlots, today }: RoundFormProps) {
  const { t } = useTranslation("rounds");
  const chosen = new Set(many(fields, "tagSlugs"));
  const titles = many(fields, "promptTitle");
  const bodies = many(fields, "promptBody");
  return (
    <Form method="post" className="composer stack" noValidate>
      <FormError message={errors.form} />
      <Field
        id="round-title"
        label={t("form.title")}
        error={errors.title}
        hint={t("form.titleHint", { minimum: TITLE_MIN, maximum: TITLE_MAX })}
      >
        {(describedBy, invalid) => (
          <input
            id="round-title"
            name="title"
            defaultValue={one(fields, "title")}
            required
            maxLength={TITLE_MAX * 2}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <Field id="round-purpose" label={t("form.purpose")} error={errors.purposeSource} hint={t("form.purposeHint")}>
        {(describedBy, invalid) => (
          <textarea
            id="round-purpose"
            name="purposeSource"
            rows={5}
            defaultValue={one(fields, "purposeSource")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <div className="date-pair">
        <Field id="round-opens" label={t("form.opensOn.label")} error={errors.opensOn} hint={t("form.opensOn.hint")}>
          {(describedBy, invalid) => (
            <input
              id="round-opens"
              type="date"
              name="opensOn"
              min={today}
              defaultValue={one(fields, "opensOn") || today}
              required
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <Field
          id="round-closes"
          label={t("form.closesOn.label")}
          error={errors.closesOn}
          hint={t("form.closesOn.hint")}
        >
          {(describedBy, invalid) => (
            <input
              id="round-closes"
              type="date"
              name="closesOn"
              min={today}
              defaultValue={one(fields, "closesOn")}
              required
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      </div>
      <div className="field">
        <label className="checkbox-label">
          <input
            type="checkbox"
            name="answerFirst"
            value="yes"
            defaultChecked={one(fields, "answerFirst") === "yes"}
            aria-describedby="round-answer-first-hint"
          />{" "}
          {t("form.answerFirst")}
        </label>
        <p id="round-answer-first-hint" className="field-hint">
          {t("form.answerFirstHint")}
        </p>
      </div>
      <TopicCheckboxes
        name="tagSlugs"
        legend={t("form.topics")}
        hint={t("form.topicsHint", { maximum: TAGS_MAX })}
        error={errors.tagSlugs}
        topics={topics}
        chosen={chosen}
      />
      <section aria-labelledby="round-prompts-heading" className="stack">
        <h2 id="round-prompts-heading">{t("prompts.heading")}</h2>
        <p className="field-hint">{t("form.promptsHint", { maximum: PROMPTS_MAX })}</p>
        <FormError message={errors.prompts} />
        {Array.from({ length: promptSlots }, (_, i) => (
          <fieldset key={i} className="round-prompt-slot">
            <legend>{t("form.promptLegend", { number: i + 1 })}</legend>
            <Field id={`prompt-${i}-title`} label={t("form.question")} error={errors[`prompt${i}Title`]}>
              {(describedBy, invalid) => (
                <input
                  id={`prompt-${i}-title`}
                  name="promptTitle"
                  defaultValue={titles[i] ?? ""}
                  maxLength={TITLE_MAX * 2}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
            <Field
              id={`prompt-${i}-body`}
              label={t("form.invitation")}
              error={errors[`prompt${i}Body`]}
              hint={t("form.invitationHint", { maximum: BODY_MAX })}
            >
              {(describedBy, invalid) => (
                <textarea
                  id={`prompt-${i}-body`}
                  name="promptBody"
                  rows={4}
                  defaultValue={bodies[i] ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
              )}
            </Field>
          </fieldset>
        ))}
        {promptSlots < PROMPTS_MAX ? (
          <button type="submit" name="intent" value="add-prompt" className="secondary small-button">
            {t("form.addPrompt")}
          </button>
        ) : null}
      </section>
      <div className="button-row">
        <SubmitButton busyLabel={t("form.busy")} name="intent" value="create">
          {t("form.submit")}
        </SubmitButton>
      </div>
    </Form>
  );
}
