import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { CONSENT_LABELS } from "~/lib/rounds";
import type { ExportRow, MyAnswerView } from "~/models/round-export.server";
import { ConsentFieldset } from "./consent-fieldset";
import { Trans, useTranslation } from "react-i18next";

// The export's columns (their keys stay as the export writes them) and how this page names them.
const EXPORT_LABELS: Array<[keyof ExportRow, string]> = [
  ["prompt_number", "mine.columns.promptNumber"],
  ["prompt", "mine.columns.prompt"],
  ["participant", "mine.columns.participant"],
  ["name", "mine.columns.name"],
  ["handle", "mine.columns.handle"],
  ["fields_of_practice", "mine.columns.fieldsOfPractice"],
  ["region", "mine.columns.region"],
  ["consent", "mine.columns.consent"],
  ["answered_at", "mine.columns.answeredAt"],
  ["answer", "mine.columns.answer"],
];

/** Exactly the cells an export holds for this answer; empty ones say "not included". */
function ExportPreview({ row }: { row: SerializeFrom<ExportRow> }) {
  const { t } = useTranslation("rounds");
  return (
    <table className="export-preview">
      <caption className="visually-hidden">{t("mine.previewCaption")}</caption>
      <tbody>
        {EXPORT_LABELS.map(([key, label]) => {
          const value = row[key];
          return (
            <tr key={key}>
              <th scope="row">{t(label)}</th>
              <td className={value === null || value === "" ? "muted" : undefined}>
                {value === null || value === "" ? t("mine.notIncluded") : String(value)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MyAnswer({ answer, error }: { answer: SerializeFrom<MyAnswerView>; error?: string }) {
  const language = usePageLanguage();
  const { t } = useTranslation("rounds");
  const headingId = `my-answer-${answer.postId}`;
  return (
    <section className="card my-answer" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {answer.promptPosition}. {answer.promptTitle}
      </h2>
      <p className="muted small">
        <Trans
          t={t}
          i18nKey="mine.answeredAt"
          values={{ when: formatDateTime(answer.createdAt, language) }}
          components={{ time: <time dateTime={isoDate(answer.createdAt)} /> }}
        />{" "}
        · <Link to={`/posts/${answer.postId}`}>{t("mine.seeAnswer")}</Link>
        {answer.pseudonym ? <> · {t("mine.shownAs", { pseudonym: answer.pseudonym })}</> : null}
      </p>
      <h3>{t("mine.exportHeading")}</h3>
      {answer.exportRow ? <ExportPreview row={answer.exportRow} /> : <p>{t("mine.nothing")}</p>}
      <Form method="post" className="stack consent-change">
        <input type="hidden" name="intent" value="consent" />
        <input type="hidden" name="postId" value={answer.postId} />
        <ConsentFieldset
          idPrefix={`consent-${answer.postId}`}
          legend={t("mine.consentLegend")}
          defaultValue={answer.consent}
          error={error}
          disabled={answer.pseudonym ? { named: t("mine.notForPseudonym") } : {}}
        />
        <div className="button-row">
          <button type="submit" className="secondary">
            {t("mine.save")}
          </button>
        </div>
      </Form>
      {answer.consentHistory.length ? (
        <>
          <h3>{t("mine.changes")}</h3>
          <ul className="consent-history">
            {answer.consentHistory.map((change, i) => (
              <li key={i}>
                <Trans
                  t={t}
                  i18nKey="mine.change"
                  values={{
                    when: formatDateTime(change.changedAt, language),
                    from: t(CONSENT_LABELS[change.from]),
                    to: t(CONSENT_LABELS[change.to]),
                  }}
                  components={{ time: <time dateTime={isoDate(change.changedAt)} /> }}
                />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
