import { Form } from "@remix-run/react";
import { CommunityRulesNote } from "~/components/composer/community-rules";
import { AttachmentField } from "~/components/composer/attachment-field";
import { PostLanguageField } from "~/components/composer/post-language-field";
import { MarkdownField } from "~/components/composer/markdown-field";
import { Field, FormError } from "~/components/form-field";
import { WithPreview } from "~/components/markdown-preview";
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
  /** The server's preview (the Preview button), shown beside the answer. */
  preview?: string | null;
  /** The prompt's thread, whose members "@" suggests first. */
  threadId?: number;
}

const text = (fields: AnswerFormProps["fields"], key: string) => (typeof fields?.[key] === "string" ? fields[key] : "");

/** An answer: the words, whether they may be quoted, and whether to show a pseudonym instead of your name. */
export function AnswerForm({
  action,
  fields,
  errors,
  suggestedPseudonym,
  answerFirst,
  preview = null,
  threadId,
}: AnswerFormProps) {
  const consent = text(fields, "consent");
  return (
    <Form
      method="post"
      action={action}
      encType="multipart/form-data"
      className="composer stack"
      noValidate
      aria-labelledby="answer-heading"
    >
      <h2 id="answer-heading">Answer this prompt</h2>
      <FormError message={errors.form} />
      {answerFirst ? (
        <p className="muted">
          This round asks for your answer before you read the others: they appear as soon as you post.
        </p>
      ) : null}
      <CommunityRulesNote />
      <WithPreview sourceId="answer-body" html={preview} headingLevel={3}>
        <MarkdownField
          id="answer-body"
          name="bodySource"
          label="Your answer"
          error={errors.bodySource}
          hint="From your own practice. Markdown works: **bold**, _italic_, > quote, lists and links."
          defaultValue={text(fields, "bodySource")}
          rows={10}
          required
          threadId={threadId}
        />
      </WithPreview>
      <AttachmentField fields={fields} errors={errors} />
      <PostLanguageField fields={fields} errors={errors} />
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
