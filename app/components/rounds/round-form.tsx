import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/form-field";
import { PROMPTS_MAX } from "~/lib/rounds";
import { BODY_MAX, TAGS_MAX, TITLE_MAX, type FieldErrors, type Fields } from "~/lib/validation";
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
  const chosen = new Set(many(fields, "tagSlugs"));
  const titles = many(fields, "promptTitle");
  const bodies = many(fields, "promptBody");
  return (
    <Form method="post" className="composer stack" noValidate>
      <FormError message={errors.form} />
      <Field
        id="round-title"
        label="Title"
        error={errors.title}
        hint={`What the round asks about, in 5 to ${TITLE_MAX} characters.`}
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
      <Field
        id="round-purpose"
        label="Purpose"
        error={errors.purposeSource}
        hint="Why this round, who it is for and how its answers will be used. Markdown works."
      >
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
        <Field id="round-opens" label="Opens on" error={errors.opensOn} hint="From the start of this day (UTC).">
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
          label="Last day for answers"
          error={errors.closesOn}
          hint="Until the end of this day (UTC)."
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
          Answer before you see others
        </label>
        <p id="round-answer-first-hint" className="field-hint">
          While the round is open, members see the other answers to a prompt only after posting their own.
        </p>
      </div>
      <TopicCheckboxes
        name="tagSlugs"
        legend="Topics"
        hint={`Choose 1 to ${TAGS_MAX}. Their followers are told when the round opens and reminded before it closes.`}
        error={errors.tagSlugs}
        topics={topics}
        chosen={chosen}
      />
      <section aria-labelledby="round-prompts-heading" className="stack">
        <h2 id="round-prompts-heading">Prompts</h2>
        <p className="field-hint">
          1 to {PROMPTS_MAX}. Each becomes a prompt thread that members answer. Leave a prompt blank to drop it.
        </p>
        <FormError message={errors.prompts} />
        {Array.from({ length: promptSlots }, (_, i) => (
          <fieldset key={i} className="round-prompt-slot">
            <legend>Prompt {i + 1}</legend>
            <Field id={`prompt-${i}-title`} label="Question" error={errors[`prompt${i}Title`]}>
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
              label="Invitation"
              error={errors[`prompt${i}Body`]}
              hint={`What to think about when answering. Markdown, up to ${BODY_MAX.toLocaleString("en-US")} characters.`}
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
            Add another prompt
          </button>
        ) : null}
      </section>
      <div className="button-row">
        <SubmitButton busyLabel="Creating…" name="intent" value="create">
          Create the round
        </SubmitButton>
      </div>
    </Form>
  );
}
