import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import type { RoundPageView } from "~/models/rounds.server";

interface RoundPromptsProps {
  round: Pick<SerializeFrom<RoundPageView>, "id" | "state" | "prompts">;
  /** Set for a visitor: where to log in before answering. */
  loginUrl: string | null;
}

/** A round's prompts: how many answered each, and for the viewer, answered or the way to answer. */
export function RoundPrompts({ round, loginUrl }: RoundPromptsProps) {
  return (
    <section aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">Prompts</h2>
      <ol className="round-prompts">
        {round.prompts.map((prompt) => (
          <li key={prompt.threadId} className="card">
            <h3 className="card-title">
              <Link to={`/threads/${prompt.threadId}/${prompt.slug}`}>{prompt.title}</Link>
            </h3>
            <p className="muted small">
              {prompt.answerCount} {prompt.answerCount === 1 ? "answer" : "answers"}
              {prompt.replyCount > prompt.answerCount
                ? ` · ${prompt.replyCount} ${prompt.replyCount === 1 ? "reply" : "replies"} in the conversation`
                : ""}
            </p>
            {prompt.viewerAnswerId !== null ? (
              <p className="answered">
                <span aria-hidden="true">✓ </span>You answered.{" "}
                <Link to={`/posts/${prompt.viewerAnswerId}`}>See your answer</Link>
              </p>
            ) : round.state === "open" ? (
              <p>
                {loginUrl ? (
                  <Link to={loginUrl}>Log in to answer</Link>
                ) : (
                  <Link to={`/rounds/${round.id}/prompts/${prompt.threadId}/answer`}>
                    Answer<span className="visually-hidden"> “{prompt.title}”</span>
                  </Link>
                )}
              </p>
            ) : round.state === "upcoming" ? (
              <p className="muted small">Answers open with the round.</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
