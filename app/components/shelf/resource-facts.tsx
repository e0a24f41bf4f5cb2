import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShelfItem } from "~/models/shelf.server";
import { usePageLanguage } from "~/components/reader-time";
import { formatDate } from "~/lib/format";

/**
 * What a resource is: its link as text with its host (never fetched, never a preview), or its file; its type,
 * who it is for, cost, language, and when a moderator last checked it.
 */
export function ResourceFacts({ resource }: { resource: ShelfItem }) {
  const { t } = useTranslation("shelf");
  const language = usePageLanguage();
  return (
    <dl className="resource-facts">
      {resource.link ? (
        <>
          <dt>{t("facts.link")}</dt>
          <dd>
            <a href={resource.link.url} rel="nofollow noopener noreferrer ugc" className="resource-link">
              {resource.link.url}
            </a>{" "}
            <span className="muted small">{`(${resource.link.host})`}</span>
          </dd>
        </>
      ) : null}
      {resource.file ? (
        <>
          <dt>{t("facts.file")}</dt>
          <dd>
            <a href={resource.file.url}>{resource.file.name}</a>
          </dd>
        </>
      ) : null}
      <dt>{t("facts.type")}</dt>
      <dd>{t(`type.${resource.type}`)}</dd>
      {resource.audience ? (
        <>
          <dt>{t("facts.audience")}</dt>
          <dd>{resource.audience}</dd>
        </>
      ) : null}
      <dt>{t("facts.cost")}</dt>
      <dd>{t(`cost.${resource.cost}`)}</dd>
      <dt>{t("facts.checked")}</dt>
      <dd>
        {resource.checkedAt
          ? t("facts.checkedOn", { date: formatDate(resource.checkedAt, language) })
          : t("facts.notChecked")}
        {resource.possiblyStale ? <strong className="badge stale-badge"> {t("facts.possiblyStale")}</strong> : null}
      </dd>
    </dl>
  );
}

/** A moderator's button: the resource is still there, still free, still relevant (dated, in the log). */
export function CheckResourceButton({ threadId }: { threadId: number }) {
  const { t } = useTranslation("shelf");
  return (
    <Form method="post" action="/shelf" className="inline-form">
      <input type="hidden" name="intent" value="check" />
      <input type="hidden" name="threadId" value={threadId} />
      <button type="submit" className="secondary small">
        {t("check.button")}
      </button>
    </Form>
  );
}

/** A resource on the shelf. */
export function ShelfEntry({
  item,
  canCheck,
  languageNames,
}: {
  item: ShelfItem;
  canCheck: boolean;
  languageNames: Record<string, string>;
}) {
  const { t } = useTranslation("shelf");
  return (
    <article className="shelf-entry stack-tight">
      <h3>
        <Link to={`/threads/${item.id}/${item.slug}`}>{item.title}</Link>
      </h3>
      {item.excerpt ? <p>{item.excerpt}</p> : null}
      <ResourceFacts resource={item} />
      <p className="muted small">
        {[
          languageNames[item.language] ?? item.language,
          t("entry.helpful", { count: item.helpfulCount }),
          t("entry.replies", { count: item.replyCount }),
          item.topics.map((topic) => topic.name).join(", "),
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {canCheck ? <CheckResourceButton threadId={item.id} /> : null}
    </article>
  );
}
