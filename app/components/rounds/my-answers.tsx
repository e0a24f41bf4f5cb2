import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { CONSENT_LABELS } from "~/lib/rounds";
import type { ExportRow, MyAnswerView } from "~/models/round-export.server";
import { ConsentFieldset } from "./consent-fieldset";

const EXPORT_LABELS: Array<[keyof ExportRow, string]> = [
  ["prompt_number", "Prompt number"],
  ["prompt", "Prompt"],
  ["participant", "Participant label"],
  ["name", "Name"],
  ["handle", "Handle"],
  ["fields_of_practice", "Fields of practice"],
  ["region", "Region"],
  ["consent", "Consent"],
  ["answered_at", "Answered at"],
  ["answer", "Answer"],
];

/** Exactly the cells an export holds for this answer; empty ones say "not included". */
function ExportPreview({ row }: { row: SerializeFrom<ExportRow> }) {
  return (
    <table className="export-preview">
      <caption className="visually-hidden">What an export includes for this answer</caption>
      <tbody>
        {EXPORT_LABELS.map(([key, label]) => {
          const value = row[key];
          return (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className={value === null || value === "" ? "muted" : undefined}>
                {value === null || value === "" ? "not included" : String(value)}
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
  const headingId = `my-answer-${answer.postId}`;
  return (
    <section className="card my-answer" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {answer.promptPosition}. {answer.promptTitle}
      </h2>
      <p className="muted small">
        Answered <time dateTime={isoDate(answer.createdAt)}>{formatDateTime(answer.createdAt, language)}</time> ·{" "}
        <Link to={`/posts/${answer.postId}`}>see your answer</Link>
        {answer.pseudonym ? <> · shown to members as “{answer.pseudonym}”</> : null}
      </p>
      <h3>What any export of this round includes</h3>
      {answer.exportRow ? (
        <ExportPreview row={answer.exportRow} />
      ) : (
        <p>Nothing: the answer was removed or hidden, so it is in no export and no synthesis.</p>
      )}
      <Form method="post" className="stack consent-change">
        <input type="hidden" name="intent" value="consent" />
        <input type="hidden" name="postId" value={answer.postId} />
        <ConsentFieldset
          idPrefix={`consent-${answer.postId}`}
          legend="May this answer be quoted?"
          defaultValue={answer.consent}
          error={error}
          disabled={answer.pseudonym ? { named: "Not for an answer under a pseudonym." } : {}}
        />
        <div className="button-row">
          <button type="submit" className="secondary">
            Save my choice
          </button>
        </div>
      </Form>
      {answer.consentHistory.length ? (
        <>
          <h3>Changes</h3>
          <ul className="consent-history">
            {answer.consentHistory.map((change, i) => (
              <li key={i}>
                <time dateTime={isoDate(change.changedAt)}>{formatDateTime(change.changedAt, language)}</time>: from “
                {CONSENT_LABELS[change.from]}” to “{CONSENT_LABELS[change.to]}”
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
