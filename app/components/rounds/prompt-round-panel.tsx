import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { PromptRoundPanel as PromptRoundPanelView } from "~/models/round-answers.server";
import { RoundDates, RoundStateBadge } from "./round-list";

/**
 * On a round's prompt thread: which round, its dates, and the way to answer. While the round takes answers,
 * answering goes through the round's form (consent, pseudonym), not the plain reply box.
 */
export function PromptRoundPanel({
  round,
  threadId,
  loginUrl,
}: {
  round: SerializeFrom<PromptRoundPanelView>;
  threadId: number;
  loginUrl: string | null;
}) {
  const answerUrl = `/rounds/${round.roundId}/prompts/${threadId}/answer`;
  return (
    <aside className="round-panel" aria-labelledby="round-panel-heading">
      <h2 id="round-panel-heading" className="round-panel-title">
        Part of the round <Link to={`/rounds/${round.roundId}`}>{round.roundTitle}</Link>{" "}
        <RoundStateBadge state={round.state} />
      </h2>
      <p className="muted small">
        <RoundDates round={round} />
      </p>
      {round.viewerAnswerId ? (
        <p>
          You answered this prompt: <Link to={`/posts/${round.viewerAnswerId}`}>see your answer</Link> ·{" "}
          <Link to={`/rounds/${round.roundId}/mine`}>your consent and what exports include</Link>
        </p>
      ) : round.state === "open" ? (
        <p>
          {loginUrl ? (
            <Link to={loginUrl}>Log in or join to answer</Link>
          ) : (
            <Link to={answerUrl} className="button-link">
              Answer this prompt
            </Link>
          )}
        </p>
      ) : round.state === "upcoming" ? (
        <p>Answers open with the round.</p>
      ) : (
        <p className="muted">The round is closed; replies here are conversation, not part of its answers.</p>
      )}
      {round.withheld ? (
        <p className="notice" role="note">
          This round asks for your answer before you see the others. Other answers appear here once you have posted
          yours.
        </p>
      ) : null}
    </aside>
  );
}
