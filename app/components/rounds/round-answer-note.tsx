import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { CONSENT_SHORT } from "~/lib/rounds";
import type { RoundAnswerMark } from "~/models/round-visibility.server";

/** Under a round answer's byline: its consent to quote, and (to its author and moderators) its pseudonym. */
export function RoundAnswerNote({ answer }: { answer: SerializeFrom<RoundAnswerMark> }) {
  const { t } = useTranslation("rounds");
  return (
    <p className="round-answer-note small">
      <span className={`badge consent-${answer.consent}`}>{t(CONSENT_SHORT[answer.consent])}</span>
      {answer.pseudonym && !answer.masked ? (
        <span className="muted"> {t("answerNote.shownAs", { pseudonym: answer.pseudonym })}</span>
      ) : null}
    </p>
  );
}
