import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoundList } from "~/components/rounds/round-list";
import { canManageRounds } from "~/lib/permissions";
import { listRounds } from "~/models/rounds.server";
import { useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { pageTitle } from "~/lib/rounds";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "rounds:indexPage.title") },
  { name: "description", content: i18nFor(languageOfMatches(matches)).t("rounds:indexPage.description") },
];

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ rounds: await listRounds(), canCreate: canManageRounds(context.viewer) });
}

export default function RoundsPage() {
  const { rounds, canCreate } = useLoaderData<typeof loader>();
  const { t } = useTranslation("rounds");
  return (
    <div className="page narrow">
      <h1>{t("indexPage.title")}</h1>
      <p className="lede">{t("indexPage.lede")}</p>
      <p className="button-row">
        {canCreate ? (
          <Link to="/rounds/new" className="button-link">
            {t("newPage.title")}
          </Link>
        ) : null}
        <a href="/rounds/feed.atom">{t("indexPage.feed")}</a>
      </p>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("indexPage.open")}</h2>
        {rounds.open.length ? (
          <RoundList rounds={rounds.open} />
        ) : (
          <p className="empty-state">{t("indexPage.noneOpen")}</p>
        )}
      </section>
      {rounds.upcoming.length ? (
        <section aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t("indexPage.upcoming")}</h2>
          <RoundList rounds={rounds.upcoming} />
        </section>
      ) : null}
      <section aria-labelledby="past-heading">
        <h2 id="past-heading">{t("indexPage.past")}</h2>
        {rounds.closed.length ? (
          <RoundList rounds={rounds.closed} />
        ) : (
          <p className="empty-state">{t("indexPage.noneYet")}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
