import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/list-filters";
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
        <FilterSelect
          id="field"
          name="field"
          label={t("filters.field")}
          anyLabel={t("filters.any")}
          value={filters.field}
          options={topics.map((topic) => ({ value: topic.slug, label: topic.name }))}
        />
        <FilterSelect
          id="place"
          name="place"
          label={t("filters.place")}
          anyLabel={t("filters.anywhere")}
          value={filters.placeId ? String(filters.placeId) : null}
          options={places.map((place) => ({ value: String(place.id), label: place.name }))}
        />
        <FilterSelect
          id="topic"
          name="topic"
          label={t("filters.topic")}
          anyLabel={t("filters.any")}
          value={filters.topic}
          options={topics.map((topic) => ({ value: topic.slug, label: topic.name }))}
        />
        <FilterSelect
          id="speaks"
          name="speaks"
          label={t("filters.language")}
          anyLabel={t("filters.any")}
          value={filters.language}
          options={Object.entries(languageNames).map(([code, name]) => ({ value: code, label: name }))}
        />
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
