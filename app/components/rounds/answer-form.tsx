import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
  const { t } = useTranslation("rounds");
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
      <h2 id="answer-heading">{t("answerForm.heading")}</h2>
      <FormError message={errors.form} />
      {answerFirst ? <p className="muted">{t("answerForm.answerFirst")}</p> : null}
      <CommunityRulesNote />
      <WithPreview sourceId="answer-body" html={preview} headingLevel={3}>
        <MarkdownField
          id="answer-body"
          name="bodySource"
          label={t("answerForm.body")}
          error={errors.bodySource}
          hint={t("answerForm.bodyHint")}
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
        legend={t("answerForm.consentLegend")}
        defaultValue={isConsent(consent) ? consent : null}
        error={errors.consent}
      />
      <fieldset className="field pseudonym-fieldset">
        <legend>{t("answerForm.nameLegend")}</legend>
        <div className="radio-option">
          <input
            type="checkbox"
            id="answer-anonymous"
            name="anonymous"
            value="yes"
            defaultChecked={text(fields, "anonymous") === "yes"}
            aria-describedby="answer-anonymous-hint"
          />{" "}
          <label htmlFor="answer-anonymous">{t("answerForm.anonymous")}</label>
          <p id="answer-anonymous-hint" className="field-hint">
            {t("answerForm.anonymousHint")}
          </p>
        </div>
        <Field
          id="answer-pseudonym"
          label={t("answerForm.pseudonym")}
          error={errors.pseudonym}
          hint={t("answerForm.pseudonymHint")}
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
        <SubmitButton busyLabel={t("answerForm.busy")} name="intent" value="publish">
          {t("answerForm.submit")}
        </SubmitButton>
        <button type="submit" name="intent" value="preview" className="secondary">
          {t("answerForm.preview")}
        </button>
      </div>
    </Form>
  );
}
