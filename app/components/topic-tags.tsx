import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** A thread's or round's topics as links to the topic pages (nothing when there are none). */
export function TopicTags({ tags }: { tags: Array<{ slug: string; name: string }> }) {
  const { t } = useTranslation("browse");
  if (!tags.length) return null;
  return (
    <ul className="tag-list" aria-label={t("topicTags.label")}>
      {tags.map((tag) => (
        <li key={tag.slug}>
          <Link to={`/topics/${tag.slug}`} className="tag">
            {tag.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
