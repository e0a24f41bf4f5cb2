import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Peer } from "~/models/peers.server";
import type { TopicRef } from "~/models/directory.server";
import { MemberCard } from "./member-card";

interface ProfileDirectoryProps {
  displayName: string;
  place: string | null;
  askMeAbout: string[];
  languages: string[];
  topics: TopicRef[];
  peers: Peer[];
  languageNames: Record<string, string>;
}

/** On a profile: where the member works, what to ask them, their languages and strongest topics. */
export function ProfileDirectoryFacts({ place, askMeAbout, languages, topics, languageNames }: ProfileDirectoryProps) {
  const { t } = useTranslation("directory");
  if (!place && !askMeAbout.length && !languages.length && !topics.length) return null;
  return (
    <dl className="profile-facts">
      {place ? (
        <>
          <dt>{t("profile.place")}</dt>
          <dd>{place}</dd>
        </>
      ) : null}
      {topics.length ? (
        <>
          <dt>{t("profile.strongestTopics")}</dt>
          <dd>
            <ul className="tag-list">
              {topics.map((topic) => (
                <li key={topic.slug}>
                  <Link to={`/topics/${topic.slug}`} className="tag">
                    {topic.name}
                  </Link>
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {askMeAbout.length ? (
        <>
          <dt>{t("profile.askMeAbout")}</dt>
          <dd>
            <ul className="plain-list">
              {askMeAbout.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
      {languages.length ? (
        <>
          <dt>{t("profile.languages")}</dt>
          <dd>{languages.map((code) => languageNames[code] ?? code).join(", ")}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** On a profile: "people who work like" this member, shared fields and region first. */
export function PeopleLikeSection({ displayName, peers, languageNames }: ProfileDirectoryProps) {
  const { t } = useTranslation("directory");
  if (!peers.length) return null;
  return (
    <section aria-labelledby="peers-heading" className="peers">
      <h2 id="peers-heading">{t("profile.peersHeading", { name: displayName })}</h2>
      <ul className="member-grid">
        {peers.map((peer) => (
          <li key={peer.id}>
            <MemberCard member={peer} languageNames={languageNames} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/members">{t("profile.browseDirectory")}</Link>
      </p>
    </section>
  );
}
