import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { RoundDates } from "~/components/rounds/round-list";
import type { PromptListItem, PromptStatus } from "~/models/threads.server";

/** Catalog keys of the words for a prompt's status: true to what answering it does now (issue 14). */
export const PROMPT_STATUS_LABELS: Record<PromptStatus, string> = {
  "open-for-answers": "browse:prompts.status.openForAnswers",
  "conversation-continues": "browse:prompts.status.conversationContinues",
};

/**
 * The home page's prompts, each saying whether its round takes answers or is over with the conversation
 * going on, and for a round's prompt, which round and when it ran. The state is the one computed when the
 * page was rendered (cached for visitors until something is written; see decision 0021).
 */
export function PromptCards({ prompts }: { prompts: SerializeFrom<PromptListItem>[] }) {
  const { t } = useTranslation("browse");
  return (
    <ul className="card-list">
      {prompts.map((prompt) => (
        <li key={prompt.id} className="card">
          <h3>
            <Link to={`/threads/${prompt.id}/${prompt.slug}`}>{prompt.title}</Link>
          </h3>
          <p className="muted">
            <span className={`badge prompt-status prompt-${prompt.status}`}>
              {t(PROMPT_STATUS_LABELS[prompt.status])}
            </span>{" "}
            {t("prompts.answers", { count: prompt.replyCount })}
          </p>
          {prompt.round ? (
            <p className="muted small">
              <Trans
                t={t}
                i18nKey="prompts.fromRound"
                components={{ round: <Link to={`/rounds/${prompt.round.id}`}>{prompt.round.title}</Link> }}
              />{" "}
              <RoundDates
                round={{
                  ...prompt.round,
                  // Listed prompts' rounds have opened (listOpenPrompts leaves out the others).
                  state: prompt.status === "conversation-continues" ? "closed" : "open",
                }}
              />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
