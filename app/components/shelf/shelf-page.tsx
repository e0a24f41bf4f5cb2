import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RESOURCE_TYPES } from "~/lib/shelf";
import type { ResourceType } from "~db/schema";
import type { ShelfItem } from "~/models/shelf.server";
import type { TopicChoice } from "~/models/topics.server";
import { ShelfEntry } from "./resource-facts";

interface ShelfPageProps {
  shelf: { items: ShelfItem[]; page: number; hasNext: boolean };
  query: { topic: string | null; type: ResourceType | null; q: string; page: number };
  topics: TopicChoice[];
  canCheck: boolean;
  signedIn: boolean;
  languageNames: Record<string, string>;
}

/** /shelf: trainings, articles, toolkits, Listservs and funders members found helpful, most helpful first. */
export function ShelfPage({ shelf, query, topics, canCheck, signedIn, languageNames }: ShelfPageProps) {
  const { t } = useTranslation("shelf");
  const location = useLocation();
  const pageLink = (page: number) => {
    const search = new URLSearchParams(location.search);
    if (page === 1) search.delete("page");
    else search.set("page", String(page));
    const text = search.toString();
    return text ? `?${text}` : location.pathname;
  };
  return (
    <div className="page">
      <h1>{t("page.heading")}</h1>
      <p className="lede">{t("page.intro")}</p>
      {signedIn ? (
        <p>
          <Link to="/resources/new" className="button-link">
            {t("page.add")}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="shelf-filters stack-tight">
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="shelf-q">{t("filters.search")}</label>
            <input id="shelf-q" name="q" type="search" defaultValue={query.q} maxLength={200} />
          </div>
          <div className="field">
            <label htmlFor="shelf-topic">{t("filters.topic")}</label>
            <select id="shelf-topic" name="topic" defaultValue={query.topic ?? ""}>
              <option value="">{t("filters.anyTopic")}</option>
              {topics.map((topic) => (
                <option key={topic.slug} value={topic.slug}>
                  {topic.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="shelf-type">{t("filters.type")}</label>
            <select id="shelf-type" name="type" defaultValue={query.type ?? ""}>
              <option value="">{t("filters.anyType")}</option>
              {RESOURCE_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`type.${type}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="button-row">
          <button type="submit">{t("filters.submit")}</button>
        </div>
      </Form>
      <section aria-labelledby="shelf-results-heading">
        <h2 id="shelf-results-heading">{query.q ? t("page.resultsFor", { q: query.q }) : t("page.mostHelpful")}</h2>
        {shelf.items.length ? (
          <ul className="plain-list stack">
            {shelf.items.map((item) => (
              <li key={item.id}>
                <ShelfEntry item={item} canCheck={canCheck} languageNames={languageNames} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t("page.empty")}</p>
        )}
      </section>
      {shelf.page > 1 || shelf.hasNext ? (
        <nav className="pager list-pager" aria-label={t("page.pagesLabel")}>
          {shelf.page > 1 ? <Link to={pageLink(shelf.page - 1)}>{t("page.previous")}</Link> : null}
          {shelf.hasNext ? (
            <Link to={pageLink(shelf.page + 1)} rel="next">
              {t("page.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
