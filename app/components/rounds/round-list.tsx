import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { lastDay, ROUND_STATE_LABELS, type RoundState } from "~/lib/rounds";
import type { RoundListItem } from "~/models/rounds.server";

/** What a round whose dates were never recorded says instead of them (the focus group; decision 0021). */
export const DATES_NOT_RECORDED = "Held before Roundtable began; its write-up gives no date";

/** When a round takes answers, in words: dates are UTC across the site. */
export function RoundDates({
  round,
}: {
  round: { state: RoundState; opensAt: number; closesAt: number; datesRecorded?: boolean };
}) {
  const language = usePageLanguage();
  if (round.datesRecorded === false) return <>{DATES_NOT_RECORDED}</>;
  const opens = <time dateTime={isoDate(round.opensAt)}>{formatDate(round.opensAt, language)}</time>;
  const closes = (
    <time dateTime={isoDate(lastDay(round.closesAt))}>{formatDate(lastDay(round.closesAt), language)}</time>
  );
  if (round.state === "upcoming")
    return (
      <>
        Opens {opens}, answers until {closes}
      </>
    );
  if (round.state === "open") return <>Open for answers until {closes}</>;
  return (
    <>
      Ran {opens} to {closes}
    </>
  );
}

export function RoundStateBadge({ state }: { state: RoundState }) {
  return <span className={`badge round-state round-${state}`}>{ROUND_STATE_LABELS[state]}</span>;
}

export function RoundList({
  rounds,
  headingLevel = 3,
}: {
  rounds: SerializeFrom<RoundListItem>[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="card-list round-list">
      {rounds.map((round) => (
        <li key={round.id} className="card">
          <Heading className="card-title">
            <Link to={`/rounds/${round.id}`}>{round.title}</Link> <RoundStateBadge state={round.state} />
          </Heading>
          <p className="muted small">
            <RoundDates round={round} /> · {round.promptCount} {round.promptCount === 1 ? "prompt" : "prompts"} ·{" "}
            {round.participantCount} {round.participantCount === 1 ? "practitioner has" : "practitioners have"} answered
            {round.hasSynthesis ? " · synthesis published" : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}
