import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { listTopicIndex } from "~/models/topic-threads.server";

export const meta: MetaFunction = () => [
  { title: "Topics · Roundtable" },
  { name: "description", content: "Every topic on Roundtable, with its stories and discussions." },
];

export async function loader() {
  return json({ topics: await listTopicIndex() });
}

export default function TopicsIndexPage() {
  const language = usePageLanguage();
  const { topics } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>Topics</h1>
      <p className="lede">
        Stories and discussions are filed under one or more topics. Pick one to see what practitioners are sharing.
      </p>
      {topics.length ? (
        <ul className="topic-grid topic-index">
          {topics.map((topic) => (
            <li key={topic.slug}>
              <h2 className="topic-heading">
                <Link to={`/topics/${topic.slug}`}>{topic.name}</Link>
              </h2>
              {topic.description ? <p>{topic.description}</p> : null}
              <p className="muted small">
                {topic.threadCount} {topic.threadCount === 1 ? "thread" : "threads"}
                {topic.latestThread ? (
                  <>
                    {" · last active "}
                    <time dateTime={isoDate(topic.latestThread.lastActivityAt)}>
                      {formatDate(topic.latestThread.lastActivityAt, language)}
                    </time>
                  </>
                ) : null}
              </p>
              {topic.latestThread ? (
                <p className="small latest-thread">
                  Latest:{" "}
                  <Link to={`/threads/${topic.latestThread.id}/${topic.latestThread.slug}`}>
                    {topic.latestThread.title}
                  </Link>
                </p>
              ) : (
                <p className="small muted">No threads yet.</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">There are no topics yet.</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
