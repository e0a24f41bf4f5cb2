import { CONSENT_SHORT, type Consent } from "~/lib/rounds";

/** The shape of RoundAnswerMark (app/models/round-visibility.server.ts) as it arrives through JSON. */
export interface RoundAnswerNoteData {
  consent: Consent;
  pseudonym: string | null;
  masked: boolean;
}

/** Under a round answer's byline: its consent to quote, and (to its author and moderators) its pseudonym. */
export function RoundAnswerNote({ answer }: { answer: RoundAnswerNoteData }) {
  return (
    <p className="round-answer-note small">
      <span className={`badge consent-${answer.consent}`}>{CONSENT_SHORT[answer.consent]}</span>
      {answer.pseudonym && !answer.masked ? (
        <span className="muted"> Shown to members as “{answer.pseudonym}”.</span>
      ) : null}
    </p>
  );
}
