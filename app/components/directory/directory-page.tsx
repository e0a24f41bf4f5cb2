import { Link } from "@remix-run/react";
import { NumberedPager } from "~/components/list-filters";
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
      <NumberedPager
        page={directory.page}
        hasNext={directory.hasNext}
        labels={{ nav: t("page.pagesLabel"), previous: t("page.previous"), next: t("page.next") }}
      />
    </div>
  );
}
