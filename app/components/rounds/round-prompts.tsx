import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RoundPageView } from "~/models/rounds.server";

interface RoundPromptsProps {
  round: Pick<SerializeFrom<RoundPageView>, "id" | "state" | "prompts">;
  /** Set for a visitor: where to log in before answering. */
  loginUrl: string | null;
}

/** Beside a prompt the viewer answered; screen readers hear the words after it. */
const CHECK_MARK = "✓ ";

/** A round's prompts: how many answered each, and for the viewer, answered or the way to answer. */
export function RoundPrompts({ round, loginUrl }: RoundPromptsProps) {
  const { t } = useTranslation("rounds");
  return (
    <section aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">{t("prompts.heading")}</h2>
      <ol className="round-prompts">
        {round.prompts.map((prompt) => (
          <li key={prompt.threadId} className="card">
            <h3 className="card-title">
              <Link to={`/threads/${prompt.threadId}/${prompt.slug}`}>{prompt.title}</Link>
            </h3>
            <p className="muted small">
              {t("prompts.answers", { count: prompt.answerCount })}
              {prompt.replyCount > prompt.answerCount ? ` · ${t("prompts.replies", { count: prompt.replyCount })}` : ""}
            </p>
            {prompt.viewerAnswerId !== null ? (
              <p className="answered">
                <span aria-hidden="true">{CHECK_MARK}</span>
                {t("prompts.answered")} <Link to={`/posts/${prompt.viewerAnswerId}`}>{t("prompts.seeAnswer")}</Link>
              </p>
            ) : round.state === "open" ? (
              <p>
                {loginUrl ? (
                  <Link to={loginUrl}>{t("prompts.logInToAnswer")}</Link>
                ) : (
                  <Link to={`/rounds/${round.id}/prompts/${prompt.threadId}/answer`}>
                    {t("prompts.answer")}
                    <span className="visually-hidden"> “{prompt.title}”</span>
                  </Link>
                )}
              </p>
            ) : round.state === "upcoming" ? (
              <p className="muted small">{t("prompts.opensWithRound")}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
