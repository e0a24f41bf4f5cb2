import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { lastDay, ROUND_STATE_LABELS, type RoundState } from "~/lib/rounds";
import type { RoundListItem } from "~/models/rounds.server";

/** What a round whose dates were never recorded says instead of them (the focus group; decision 0021): a key. */
export const DATES_NOT_RECORDED = "rounds:dates.notRecorded";

/** When a round takes answers, in words: dates are UTC across the site. */
export function RoundDates({
  round,
}: {
  round: { state: RoundState; opensAt: number; closesAt: number; datesRecorded?: boolean };
}) {
  const language = usePageLanguage();
  const { t } = useTranslation("rounds");
  if (round.datesRecorded === false) return <>{t(DATES_NOT_RECORDED)}</>;
  const components = {
    opens: <time dateTime={isoDate(round.opensAt)} />,
    closes: <time dateTime={isoDate(lastDay(round.closesAt))} />,
  };
  const values = { opens: formatDate(round.opensAt, language), closes: formatDate(lastDay(round.closesAt), language) };
  return <Trans t={t} i18nKey={`dates.${round.state}`} values={values} components={components} />;
}

export function RoundStateBadge({ state }: { state: RoundState }) {
  const { t } = useTranslation("rounds");
  return <span className={`badge round-state round-${state}`}>{t(ROUND_STATE_LABELS[state])}</span>;
}

export function RoundList({
  rounds,
  headingLevel = 3,
}: {
  rounds: SerializeFrom<RoundListItem>[];
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation("rounds");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="card-list round-list">
      {rounds.map((round) => (
        <li key={round.id} className="card">
          <Heading className="card-title">
            <Link to={`/rounds/${round.id}`}>{round.title}</Link> <RoundStateBadge state={round.state} />
          </Heading>
          <p className="muted small">
            <RoundDates round={round} /> · {t("list.prompts", { count: round.promptCount })} ·{" "}
            {t("list.participants", { count: round.participantCount })}
            {round.hasSynthesis ? ` · ${t("list.synthesisPublished")}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}
