import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
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
  const { t } = useTranslation("rounds");
  const answerUrl = `/rounds/${round.roundId}/prompts/${threadId}/answer`;
  return (
    <aside className="round-panel" aria-labelledby="round-panel-heading">
      <h2 id="round-panel-heading" className="round-panel-title">
        <Trans
          t={t}
          i18nKey="panel.partOf"
          values={{ title: round.roundTitle }}
          components={{ go: <Link to={`/rounds/${round.roundId}`} /> }}
        />{" "}
        <RoundStateBadge state={round.state} />
      </h2>
      <p className="muted small">
        <RoundDates round={round} />
      </p>
      {round.viewerAnswerId ? (
        <p>
          <Trans
            t={t}
            i18nKey="panel.answered"
            components={{
              answer: <Link to={`/posts/${round.viewerAnswerId}`} />,
              mine: <Link to={`/rounds/${round.roundId}/mine`} />,
            }}
          />
        </p>
      ) : round.state === "open" ? (
        <p>
          {loginUrl ? (
            <Link to={loginUrl}>{t("panel.logInToAnswer")}</Link>
          ) : (
            <Link to={answerUrl} className="button-link">
              {t("panel.answer")}
            </Link>
          )}
        </p>
      ) : round.state === "upcoming" ? (
        <p>{t("prompts.opensWithRound")}</p>
      ) : (
        <p className="muted">{t("panel.closed")}</p>
      )}
      {round.withheld ? (
        <p className="notice" role="note">
          {t("panel.withheld")}
        </p>
      ) : null}
    </aside>
  );
}
