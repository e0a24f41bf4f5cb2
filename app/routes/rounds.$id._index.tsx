import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { loginUrlFor } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoundDates, RoundStateBadge } from "~/components/rounds/round-list";
import { RoundPrompts } from "~/components/rounds/round-prompts";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { requireId } from "~/lib/params";
import { canManageRounds } from "~/lib/permissions";
import { getRoundPage } from "~/models/rounds.server";
import { TopicTags } from "~/components/topic-tags";
import { MemberLink } from "~/components/member-link";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.round.title} · Rounds · Roundtable` : "Round not found · Roundtable" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const roundId = requireId(params.id, "round");
  const round = await getRoundPage(roundId, context.viewer);
  if (!round) throw new Response("There is no such round.", { status: 404 });
  return json({
    round,
    signedIn: context.viewer !== null,
    loginUrl: context.viewer ? null : loginUrlFor(request),
    canManage: canManageRounds(context.viewer),
  });
}

export default function RoundPage() {
  const language = usePageLanguage();
  const { round, signedIn, loginUrl, canManage } = useLoaderData<typeof loader>();
  const answered = round.prompts.filter((p) => p.viewerAnswerId !== null).length;
  return (
    <div className="page narrow round-page">
      <p className="kicker">
        <Link to="/rounds">Round</Link> <RoundStateBadge state={round.state} />
        {round.answerFirst ? <span className="badge">Answer before you see others</span> : null}
      </p>
      <h1>{round.title}</h1>
      <p className="muted">
        <RoundDates round={round} /> · started by <MemberLink member={round.createdBy} />
        {round.participantCount > 0 || round.state !== "closed"
          ? ` · ${round.participantCount} ${round.participantCount === 1 ? "practitioner has" : "practitioners have"} answered`
          : null}
      </p>
      <TopicTags tags={round.tags} />
      <div className="prose" dangerouslySetInnerHTML={{ __html: round.purposeHtml }} />
      <RoundPrompts round={round} loginUrl={loginUrl} />
      {signedIn && answered > 0 ? (
        <p>
          You answered {answered} of {round.prompts.length}.{" "}
          <Link to={`/rounds/${round.id}/mine`}>Your consent, and what any export would include</Link>
        </p>
      ) : null}
      <section aria-labelledby="synthesis-heading">
        <h2 id="synthesis-heading">Synthesis</h2>
        {round.synthesis ? (
          <>
            <p className="muted small">
              Published{" "}
              <time dateTime={isoDate(round.synthesis.publishedAt)}>
                {formatDate(round.synthesis.publishedAt, language)}
              </time>
            </p>
            <div className="prose synthesis" dangerouslySetInnerHTML={{ __html: round.synthesis.html }} />
            {round.synthesis.thread ? (
              <p>
                <Link to={`/threads/${round.synthesis.thread.id}/${round.synthesis.thread.slug}`}>
                  Discuss the synthesis
                </Link>
              </p>
            ) : null}
          </>
        ) : round.state === "closed" ? (
          <p className="muted">The moderators are writing up what this round found. It will appear here.</p>
        ) : (
          <p className="muted">
            After the round closes, the moderators write up what it found, quoting answers only as their authors
            allowed.
          </p>
        )}
      </section>
      {canManage ? (
        <section aria-labelledby="manage-heading" className="round-manage">
          <h2 id="manage-heading">For moderators</h2>
          <ul>
            {round.state === "closed" && !round.synthesis ? (
              <li>
                <Link to={`/rounds/${round.id}/synthesis`}>
                  {round.hasSynthesisDraft ? "Continue the synthesis" : "Write the synthesis"}
                </Link>
              </li>
            ) : null}
            <li>
              Export the answers: <a href={`/rounds/${round.id}/export.csv`}>CSV</a> ·{" "}
              <a href={`/rounds/${round.id}/export.json`}>JSON</a> (consent applied)
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
