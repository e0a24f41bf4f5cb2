import { Link } from "@remix-run/react";

interface TopicItem {
  slug: string;
  name: string;
  description: string;
  threadCount: number;
}

export function TopicDirectory({ topics }: { topics: TopicItem[] }) {
  return (
    <ul className="topic-grid">
      {topics.map((topic) => (
        <li key={topic.slug}>
          <Link to={`/topics/${topic.slug}`} className="topic-name">
            {topic.name}
          </Link>
          <p>{topic.description}</p>
          <p className="muted small">
            {topic.threadCount} {topic.threadCount === 1 ? "thread" : "threads"}
          </p>
        </li>
      ))}
    </ul>
  );
}
