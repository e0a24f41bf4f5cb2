import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DirectoryFilters } from "~/models/directory.server";
import type { Place } from "~/models/places.server";
import type { TopicChoice } from "~/models/topics.server";

interface DirectoryFiltersProps {
  filters: DirectoryFilters;
  places: Place[];
  topics: TopicChoice[];
  languageNames: Record<string, string>;
}

/** The directory's filters: a GET form, so it works without JavaScript and each result has an address. */
export function DirectoryFilterForm({ filters, places, topics, languageNames }: DirectoryFiltersProps) {
  const { t } = useTranslation("directory");
  return (
    <Form method="get" className="directory-filters stack-tight" aria-labelledby="directory-filters-heading">
      <h2 id="directory-filters-heading" className="visually-hidden">
        {t("filters.heading")}
      </h2>
      <div className="filter-grid">
        <div className="field">
          <label htmlFor="field">{t("filters.field")}</label>
          <select id="field" name="field" defaultValue={filters.field ?? ""}>
            <option value="">{t("filters.any")}</option>
            {topics.map((topic) => (
              <option key={topic.slug} value={topic.slug}>
                {topic.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="place">{t("filters.place")}</label>
          <select id="place" name="place" defaultValue={filters.placeId ? String(filters.placeId) : ""}>
            <option value="">{t("filters.anywhere")}</option>
            {places.map((place) => (
              <option key={place.id} value={place.id}>
                {place.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="topic">{t("filters.topic")}</label>
          <select id="topic" name="topic" defaultValue={filters.topic ?? ""}>
            <option value="">{t("filters.any")}</option>
            {topics.map((topic) => (
              <option key={topic.slug} value={topic.slug}>
                {topic.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="speaks">{t("filters.language")}</label>
          <select id="speaks" name="speaks" defaultValue={filters.language ?? ""}>
            <option value="">{t("filters.any")}</option>
            {Object.entries(languageNames).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="org">{t("filters.organization")}</label>
          <input id="org" name="org" type="search" defaultValue={filters.organization ?? ""} maxLength={80} />
        </div>
        <div className="field">
          <label htmlFor="ask">{t("filters.ask")}</label>
          <input id="ask" name="ask" type="search" defaultValue={filters.ask ?? ""} maxLength={80} />
        </div>
      </div>
      <div className="button-row">
        <button type="submit">{t("filters.submit")}</button>
      </div>
    </Form>
  );
}
