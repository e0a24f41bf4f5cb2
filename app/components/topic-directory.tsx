import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { TopicDirectoryItem } from "~/models/topics.server";

export function TopicDirectory({ topics }: { topics: SerializeFrom<TopicDirectoryItem>[] }) {
  const { t } = useTranslation("browse");
  return (
    <ul className="topic-grid">
      {topics.map((topic) => (
        <li key={topic.slug}>
          <Link to={`/topics/${topic.slug}`} className="topic-name">
            {topic.name}
          </Link>
          <p>{topic.description}</p>
          <p className="muted small">{t("topics.threadCount", { count: topic.threadCount })}</p>
        </li>
      ))}
    </ul>
  );
}
