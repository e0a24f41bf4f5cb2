import { Form, Link } from "@remix-run/react";
import { FilterSelect, NumberedPager } from "~/components/list-filters";
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
          <FilterSelect
            id="shelf-topic"
            name="topic"
            label={t("filters.topic")}
            anyLabel={t("filters.anyTopic")}
            value={query.topic}
            options={topics.map((topic) => ({ value: topic.slug, label: topic.name }))}
          />
          <FilterSelect
            id="shelf-type"
            name="type"
            label={t("filters.type")}
            anyLabel={t("filters.anyType")}
            value={query.type}
            options={RESOURCE_TYPES.map((type) => ({ value: type, label: t(`type.${type}`) }))}
          />
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
      <NumberedPager
        page={shelf.page}
        hasNext={shelf.hasNext}
        labels={{ nav: t("page.pagesLabel"), previous: t("page.previous"), next: t("page.next") }}
      />
    </div>
  );
}
