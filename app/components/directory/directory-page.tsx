import { Link, useLocation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { DirectoryFilters, DirectoryPage as DirectoryPageData } from "~/models/directory.server";
import type { Place } from "~/models/places.server";
import type { TopicChoice } from "~/models/topics.server";
import { DirectoryFilterForm } from "./directory-filters";
import { MemberCard } from "./member-card";

interface DirectoryPageProps {
  directory: DirectoryPageData;
  filters: DirectoryFilters;
  places: Place[];
  topics: TopicChoice[];
  signedIn: boolean;
  languageNames: Record<string, string>;
}

/** /members: peers to browse and filter, most recently active first. */
export function DirectoryPage({ directory, filters, places, topics, signedIn, languageNames }: DirectoryPageProps) {
  const { t } = useTranslation("directory");
  const location = useLocation();
  const pageLink = (page: number) => {
    const search = new URLSearchParams(location.search);
    if (page === 1) search.delete("page");
    else search.set("page", String(page));
    const query = search.toString();
    return query ? `?${query}` : location.pathname;
  };
  return (
    <div className="page">
      <h1>{t("page.heading")}</h1>
      <p className="lede">{t("page.intro")}</p>
      <p className="muted small">
        {signedIn ? (
          <Trans t={t} i18nKey="page.listingNoteMember" components={{ profile: <Link to="/settings/profile" /> }} />
        ) : (
          t("page.listingNoteVisitor")
        )}
      </p>
      <DirectoryFilterForm filters={filters} places={places} topics={topics} languageNames={languageNames} />
      <section aria-labelledby="directory-results-heading">
        <h2 id="directory-results-heading" className="visually-hidden">
          {t("page.resultsHeading")}
        </h2>
        {directory.members.length ? (
          <ul className="member-grid">
            {directory.members.map((member) => (
              <li key={member.id}>
                <MemberCard member={member} languageNames={languageNames} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">{t("page.empty")}</p>
        )}
      </section>
      {directory.page > 1 || directory.hasNext ? (
        <nav className="pager list-pager" aria-label={t("page.pagesLabel")}>
          {directory.page > 1 ? <Link to={pageLink(directory.page - 1)}>{t("page.previous")}</Link> : null}
          {directory.hasNext ? (
            <Link to={pageLink(directory.page + 1)} rel="next">
              {t("page.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
