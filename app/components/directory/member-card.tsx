import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { DirectoryMember } from "~/models/directory.server";
import { RelativeTime } from "~/components/reader-time";

/** One member in the directory or among "people who work like you". */
export function MemberCard({
  member,
  languageNames,
  headingLevel = 3,
}: {
  member: DirectoryMember;
  languageNames: Record<string, string>;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation("directory");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="member-card stack-tight">
      <Heading className="member-card-name">
        <Link to={`/members/${member.handle}`}>{member.displayName}</Link>
      </Heading>
      <p className="muted small">
        {[member.organization, member.place].filter(Boolean).join(" · ") || `@${member.handle}`}
      </p>
      <dl className="member-card-facts">
        {member.fields.length ? (
          <>
            <dt>{t("card.fields")}</dt>
            <dd>{member.fields.map((f) => f.name).join(", ")}</dd>
          </>
        ) : null}
        {member.topics.length ? (
          <>
            <dt>{t("card.writesAbout")}</dt>
            <dd>{member.topics.map((f) => f.name).join(", ")}</dd>
          </>
        ) : null}
        {member.askMeAbout.length ? (
          <>
            <dt>{t("card.askMeAbout")}</dt>
            <dd>{member.askMeAbout.join("; ")}</dd>
          </>
        ) : null}
        {member.languages.length ? (
          <>
            <dt>{t("card.languages")}</dt>
            <dd>{member.languages.map((code) => languageNames[code] ?? code).join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("card.lastActive")}</dt>
        <dd>{member.lastActiveAt ? <RelativeTime ms={member.lastActiveAt} /> : t("card.notYetActive")}</dd>
      </dl>
    </article>
  );
}
