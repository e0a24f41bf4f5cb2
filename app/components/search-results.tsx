import type { SerializeFrom } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { formatDate, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { Trans, useTranslation } from "react-i18next";
import type { SearchHit } from "~/models/search-index.server";
import { MemberLink } from "~/components/member-link";

/** Search hits: the thread, the matching passage with the words marked, who wrote it, where and when. */
export function SearchResultList({ hits }: { hits: SerializeFrom<SearchHit>[] }) {
  const language = usePageLanguage();
  const { t } = useTranslation("browse");
  return (
    <ol className="card-list search-results">
      {hits.map((hit) => (
        <li key={hit.postId} className="card">
          <h3 className="card-title">
            <Link to={hit.isOpening ? `/threads/${hit.thread.id}/${hit.thread.slug}` : `/posts/${hit.postId}`}>
              {hit.thread.title}
            </Link>
          </h3>
          <p className="snippet">
            {hit.snippet.map((part, i) =>
              part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
            )}
          </p>
          <p className="muted small">
            <Trans
              t={t}
              i18nKey={
                hit.isOpening ? `searchResults.opening.${hit.thread.kind}` : `searchResults.reply.${hit.thread.kind}`
              }
              components={{ author: <MemberLink member={hit.author} /> }}
            />{" "}
            · <time dateTime={isoDate(hit.createdAt)}>{formatDate(hit.createdAt, language)}</time>
            {hit.topics.length ? " · " : ""}
            {hit.topics.map((t, i) => (
              <span key={t.slug}>
                {i ? ", " : ""}
                <Link to={`/topics/${t.slug}`}>{t.name}</Link>
              </span>
            ))}
          </p>
        </li>
      ))}
    </ol>
  );
}
