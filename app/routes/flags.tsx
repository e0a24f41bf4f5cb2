import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { describeFlagOutcome, flagReasonLabel } from "~/lib/flags";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { listMemberFlags } from "~/models/flags.server";
import { Trans, useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("browse:flags.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const flags = (await listMemberFlags(viewer.id)).map((flag) => ({
    ...flag,
    reasonText: flagReasonLabel(flag.reason),
    outcomeText: describeFlagOutcome(flag.outcome),
  }));
  return json({ flags });
}

export default function YourFlagsPage() {
  const language = usePageLanguage();
  const { flags } = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  return (
    <div className="page narrow">
      <h1>{t("flags.title")}</h1>
      <p className="lede">{t("flags.lede")}</p>
      {flags.length ? (
        <ul className="card-list flag-list">
          {flags.map((flag) => (
            <li key={flag.id} className="card">
              <h2 className="card-title">
                {flag.thread ? (
                  <Link to={`/threads/${flag.thread.id}/${flag.thread.slug}`}>{flag.thread.title}</Link>
                ) : (
                  t("flags.threadGone")
                )}
              </h2>
              <dl className="profile-facts small">
                <dt>{t("flags.reason")}</dt>
                <dd>{flag.reasonText}</dd>
                <dt>{t("flags.flagged")}</dt>
                <dd>
                  <time dateTime={isoDate(flag.createdAt)}>{formatDateTime(flag.createdAt, language)}</time> ·{" "}
                  <Link to={`/posts/${flag.postId}`}>{t("flags.thePost")}</Link>
                </dd>
                <dt>{t("flags.outcome")}</dt>
                <dd>
                  <strong className={flag.outcome === null ? "flag-outcome pending" : "flag-outcome"}>
                    {flag.outcomeText}
                  </strong>
                  {flag.resolvedAt ? (
                    <>
                      {" "}
                      <Trans
                        t={t}
                        i18nKey="flags.resolvedOn"
                        values={{ date: formatDateTime(flag.resolvedAt, language) }}
                        components={{ date: <time dateTime={isoDate(flag.resolvedAt)} /> }}
                      />
                    </>
                  ) : null}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("flags.empty")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
