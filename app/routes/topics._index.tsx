import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { listTopicIndex } from "~/models/topic-threads.server";
import { Trans, useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("errors:documentTitle", { title: t("browse:topicIndex.title") }) },
    { name: "description", content: t("browse:topicIndex.description") },
  ];
};

export async function loader() {
  return json({ topics: await listTopicIndex() });
}

export default function TopicsIndexPage() {
  const language = usePageLanguage();
  const { topics } = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  return (
    <div className="page">
      <h1>{t("topicIndex.title")}</h1>
      <p className="lede">{t("topicIndex.lede")}</p>
      {topics.length ? (
        <ul className="topic-grid topic-index">
          {topics.map((topic) => (
            <li key={topic.slug}>
              <h2 className="topic-heading">
                <Link to={`/topics/${topic.slug}`}>{topic.name}</Link>
              </h2>
              {topic.description ? <p>{topic.description}</p> : null}
              <p className="muted small">
                {t("topics.threadCount", { count: topic.threadCount })}
                {topic.latestThread ? (
                  <>
                    {" · "}
                    <Trans
                      t={t}
                      i18nKey="topicIndex.lastActive"
                      values={{ date: formatDate(topic.latestThread.lastActivityAt, language) }}
                      components={{ date: <time dateTime={isoDate(topic.latestThread.lastActivityAt)} /> }}
                    />
                  </>
                ) : null}
              </p>
              {topic.latestThread ? (
                <p className="small latest-thread">
                  {t("topicIndex.latest")}{" "}
                  <Link to={`/threads/${topic.latestThread.id}/${topic.latestThread.slug}`}>
                    {topic.latestThread.title}
                  </Link>
                </p>
              ) : (
                <p className="small muted">{t("topicIndex.noThreads")}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">{t("topicIndex.noTopics")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
