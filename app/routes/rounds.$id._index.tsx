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
import { Trans, useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/rounds";
import { tr } from "~/lib/translate";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "rounds:roundPage.documentTitle", { title: data.round.title })
      : pageTitle(matches, "rounds:roundPage.notFound"),
  },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const roundId = requireId(params.id, "round");
  const round = await getRoundPage(roundId, context.viewer);
  if (!round) throw new Response(tr("rounds:roundPage.noSuchRound"), { status: 404 });
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
  const { t } = useTranslation("rounds");
  return (
    <div className="page narrow round-page">
      <p className="kicker">
        <Link to="/rounds">{t("roundPage.kicker")}</Link> <RoundStateBadge state={round.state} />
        {round.answerFirst ? <span className="badge">{t("form.answerFirst")}</span> : null}
      </p>
      <h1>{round.title}</h1>
      <p className="muted">
        <RoundDates round={round} /> ·{" "}
        <Trans t={t} i18nKey="roundPage.startedBy" components={{ member: <MemberLink member={round.createdBy} /> }} />
        {round.participantCount > 0 || round.state !== "closed"
          ? ` · ${t("list.participants", { count: round.participantCount })}`
          : null}
      </p>
      <TopicTags tags={round.tags} />
      <div className="prose" dangerouslySetInnerHTML={{ __html: round.purposeHtml }} />
      <RoundPrompts round={round} loginUrl={loginUrl} />
      {signedIn && answered > 0 ? (
        <p>
          {t("roundPage.answered", { answered, total: round.prompts.length })}{" "}
          <Link to={`/rounds/${round.id}/mine`}>{t("roundPage.mine")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="synthesis-heading">
        <h2 id="synthesis-heading">{t("roundPage.synthesis")}</h2>
        {round.synthesis ? (
          <>
            <p className="muted small">
              <Trans
                t={t}
                i18nKey="roundPage.published"
                values={{ date: formatDate(round.synthesis.publishedAt, language) }}
                components={{ time: <time dateTime={isoDate(round.synthesis.publishedAt)} /> }}
              />
            </p>
            <div className="prose synthesis" dangerouslySetInnerHTML={{ __html: round.synthesis.html }} />
            {round.synthesis.thread ? (
              <p>
                <Link to={`/threads/${round.synthesis.thread.id}/${round.synthesis.thread.slug}`}>
                  {t("roundPage.discuss")}
                </Link>
              </p>
            ) : null}
          </>
        ) : round.state === "closed" ? (
          <p className="muted">{t("roundPage.writing")}</p>
        ) : (
          <p className="muted">{t("roundPage.afterClose")}</p>
        )}
      </section>
      {canManage ? (
        <section aria-labelledby="manage-heading" className="round-manage">
          <h2 id="manage-heading">{t("roundPage.forModerators")}</h2>
          <ul>
            {round.state === "closed" && !round.synthesis ? (
              <li>
                <Link to={`/rounds/${round.id}/synthesis`}>
                  {round.hasSynthesisDraft ? t("roundPage.continueSynthesis") : t("roundPage.writeSynthesis")}
                </Link>
              </li>
            ) : null}
            <li>
              <Trans
                t={t}
                i18nKey="roundPage.export"
                components={{
                  csv: <a href={`/rounds/${round.id}/export.csv`} />,
                  json: <a href={`/rounds/${round.id}/export.json`} />,
                }}
              />
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
