import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { CommunityRulesNote } from "~/components/composer/community-rules";
import { MarkdownField } from "~/components/composer/markdown-field";
import { FormError } from "~/components/form-field";
import { WithPreview } from "~/components/markdown-preview";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { CONSENT_SHORT } from "~/lib/rounds";
import { BODY_MAX, type FieldErrors } from "~/lib/validation";
import type { SynthesisComposerView } from "~/models/round-synthesis.server";
import { SubmitButton } from "~/components/submit-button";
import { useTranslation } from "react-i18next";

interface SynthesisComposerProps {
  source: string;
  prompts: SerializeFrom<SynthesisComposerView>["prompts"];
  errors: FieldErrors;
  /** The server's preview (the Preview button), shown beside the text. */
  preview?: string | null;
}

/**
 * One form: the synthesis text, then every answer by prompt with its consent. "Insert quote" is a submit button
 * carrying the answer's id, so without JavaScript the page comes back with the quote appended to the text.
 * Answers whose authors said "not to be quoted" have no button (and the server refuses a crafted one).
 */
export function SynthesisComposer({ source, prompts, errors, preview = null }: SynthesisComposerProps) {
  const language = usePageLanguage();
  const { t } = useTranslation("rounds");
  return (
    <Form method="post" className="composer stack synthesis-composer" noValidate>
      <FormError message={errors.form} />
      <CommunityRulesNote />
      <WithPreview sourceId="synthesis-source" html={preview}>
        <MarkdownField
          // The key makes React show the new text after "insert quote" even when it keeps the element.
          key={source}
          id="synthesis-source"
          name="synthesisSource"
          label={t("roundPage.synthesis")}
          error={errors.synthesisSource}
          hint={t("synthesis.hint", { maximum: BODY_MAX })}
          defaultValue={source}
          rows={18}
        />
      </WithPreview>
      <div className="button-row">
        <SubmitButton busyLabel={t("synthesis.publishBusy")} name="intent" value="publish">
          {t("synthesis.publish")}
        </SubmitButton>
        <button type="submit" name="intent" value="preview" className="secondary">
          {t("answerForm.preview")}
        </button>
        <button type="submit" name="intent" value="save" className="secondary">
          {t("synthesis.saveDraft")}
        </button>
      </div>
      <section aria-labelledby="synthesis-answers-heading" className="stack">
        <h2 id="synthesis-answers-heading">{t("synthesis.answersByPrompt")}</h2>
        {prompts.map((prompt) => (
          <section
            key={prompt.threadId}
            aria-labelledby={`synthesis-prompt-${prompt.threadId}`}
            className="synthesis-prompt"
          >
            <h3 id={`synthesis-prompt-${prompt.threadId}`}>
              {prompt.position}. <Link to={`/threads/${prompt.threadId}`}>{prompt.title}</Link>
            </h3>
            {prompt.answers.length === 0 ? <p className="muted">{t("synthesis.noAnswers")}</p> : null}
            <ol className="synthesis-answers">
              {prompt.answers.map((answer) => (
                <li key={answer.postId} className={`synthesis-answer consent-${answer.consent}`}>
                  <p className="small">
                    <strong>{answer.author}</strong>
                    {answer.pseudonym ? (
                      <span className="muted"> {t("synthesis.shownAs", { pseudonym: answer.pseudonym })}</span>
                    ) : null}{" "}
                    <span className={`badge consent-${answer.consent}`}>{t(CONSENT_SHORT[answer.consent])}</span>{" "}
                    <time className="muted" dateTime={isoDate(answer.createdAt)}>
                      {formatDateTime(answer.createdAt, language)}
                    </time>
                  </p>
                  <div className="prose" dangerouslySetInnerHTML={{ __html: answer.html }} />
                  {answer.quoteLabel ? (
                    <button
                      type="submit"
                      name="intent"
                      value={`quote:${answer.postId}`}
                      className="secondary small-button"
                    >
                      {answer.consent === "anonymized"
                        ? t("synthesis.quoteAnonymous", { label: answer.quoteLabel })
                        : t("synthesis.quoteNamed", { label: answer.quoteLabel })}
                    </button>
                  ) : (
                    <p className="muted small">{t("synthesis.notQuoted")}</p>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
    </Form>
  );
}
