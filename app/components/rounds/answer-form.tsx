import { Form } from "@remix-run/react";
import { Field, FormError } from "~/components/form-field";
import { isConsent, PSEUDONYM_MAX } from "~/lib/rounds";
import type { FieldErrors, Fields } from "~/lib/validation";
import { ConsentFieldset } from "./consent-fieldset";
import { SubmitButton } from "~/components/submit-button";

interface AnswerFormProps {
  action: string;
  fields: Fields | undefined;
  errors: FieldErrors;
  suggestedPseudonym: string;
  answerFirst: boolean;
}

const text = (fields: AnswerFormProps["fields"], key: string) => (typeof fields?.[key] === "string" ? fields[key] : "");

/** An answer: the words, whether they may be quoted, and whether to show a pseudonym instead of your name. */
export function AnswerForm({ action, fields, errors, suggestedPseudonym, answerFirst }: AnswerFormProps) {
  const consent = text(fields, "consent");
  return (
    <Form method="post" action={action} className="composer stack" noValidate aria-labelledby="answer-heading">
      <h2 id="answer-heading">Answer this prompt</h2>
      <FormError message={errors.form} />
      {answerFirst ? (
        <p className="muted">
          This round asks for your answer before you read the others: they appear as soon as you post.
        </p>
      ) : null}
      <Field
        id="answer-body"
        label="Your answer"
        error={errors.bodySource}
        hint="From your own practice. Markdown works: **bold**, _italic_, > quote, lists and links."
      >
        {(describedBy, invalid) => (
          <textarea
            id="answer-body"
            name="bodySource"
            rows={10}
            required
            defaultValue={text(fields, "bodySource")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <ConsentFieldset
        idPrefix="answer-consent"
        legend="May this answer be quoted in research outputs, such as the round's synthesis?"
        defaultValue={isConsent(consent) ? consent : null}
        error={errors.consent}
      />
      <fieldset className="field pseudonym-fieldset">
        <legend>Your name on this answer</legend>
        <div className="radio-option">
          <input
            type="checkbox"
            id="answer-anonymous"
            name="anonymous"
            value="yes"
            defaultChecked={text(fields, "anonymous") === "yes"}
            aria-describedby="answer-anonymous-hint"
          />{" "}
          <label htmlFor="answer-anonymous">Post under a pseudonym instead of my name</label>
          <p id="answer-anonymous-hint" className="field-hint">
            Members see the pseudonym; moderators still know it is you. You can't then allow quoting with your name.
          </p>
        </div>
        <Field
          id="answer-pseudonym"
          label="Pseudonym"
          error={errors.pseudonym}
          hint="Used only if you tick the box above. Describe, don't identify."
        >
          {(describedBy, invalid) => (
            <input
              id="answer-pseudonym"
              name="pseudonym"
              maxLength={PSEUDONYM_MAX}
              defaultValue={text(fields, "pseudonym") || suggestedPseudonym}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
      </fieldset>
      <div className="button-row">
        <SubmitButton busyLabel="Posting…" name="intent" value="publish">
          Post my answer
        </SubmitButton>
        <button type="submit" name="intent" value="preview" className="secondary">
          Preview
        </button>
      </div>
    </Form>
  );
}
