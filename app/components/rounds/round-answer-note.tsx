import type { SerializeFrom } from "@remix-run/node";
import { CONSENT_SHORT } from "~/lib/rounds";
import type { RoundAnswerMark } from "~/models/round-visibility.server";

/** Under a round answer's byline: its consent to quote, and (to its author and moderators) its pseudonym. */
export function RoundAnswerNote({ answer }: { answer: SerializeFrom<RoundAnswerMark> }) {
  return (
    <p className="round-answer-note small">
      <span className={`badge consent-${answer.consent}`}>{CONSENT_SHORT[answer.consent]}</span>
      {answer.pseudonym && !answer.masked ? (
        <span className="muted"> Shown to members as “{answer.pseudonym}”.</span>
      ) : null}
    </p>
  );
}
