import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";

import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RoundList } from "~/components/rounds/round-list";
import { ThreadList } from "~/components/thread-list";
import { TopicDirectory } from "~/components/topic-directory";
import { WELCOME_BLURB } from "~/content/welcome";
import { listOpenRounds } from "~/models/rounds.server";
import { listUnreadStates } from "~/models/thread-reads.server";
import { listFollowedActivity, listHomeSections } from "~/models/home-sections.server";
import { PromptCards } from "~/components/home-prompts";
import { listOpenPrompts } from "~/models/threads.server";
import { listTopicDirectory } from "~/models/topics.server";
import { Trans, useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { localTopics, roundTitle, threadTitle } from "~/lib/seeded-content";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("browse:home.documentTitle") },
    { name: "description", content: t("browse:home.description") },
    {
      tagName: "link",
      rel: "alternate",
      type: "application/atom+xml",
      title: t("browse:feeds.site.title"),
      href: "/feed.atom",
    },
  ];
};

export async function loader({ context }: LoaderFunctionArgs) {
  const viewer = context.viewer;
  const [prompts, sections, topics, rounds, followed] = await Promise.all([
    listOpenPrompts(),
    listHomeSections(),
    listTopicDirectory(),
    listOpenRounds(),
    // Members only: a visitor's home is the same for everyone, so it can be cached.
    viewer ? listFollowedActivity(viewer.id) : null,
  ]);
  const listed = [
    ...(followed ?? []),
    ...sections.featuredStories,
    ...sections.recentStories,
    ...sections.activeDiscussions,
  ];
  const unread = viewer
    ? await listUnreadStates(
        viewer,
        listed.map((thread) => thread.id),
      )
    : {};
  return json({
    // The seeded focus-group prompts and their round read in the reader's language while unedited (0039).
    prompts: prompts.map((prompt) => ({
      ...prompt,
      title: threadTitle("prompt", prompt.title),
      round: prompt.round ? { ...prompt.round, title: roundTitle(prompt.round.title) } : null,
    })),
    sections,
    topics: localTopics(topics),
    rounds,
    followed,
    unread,
    showWelcome: !viewer,
    welcome: tr(WELCOME_BLURB),
  });
}

export default function HomePage() {
  const { prompts, sections, topics, rounds, followed, unread, showWelcome, welcome } = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  return (
    <div className="page">
      <h1 className={showWelcome ? undefined : "visually-hidden"}>{t("home.heading")}</h1>
      {showWelcome ? (
        <section className="welcome" aria-label={t("home.welcomeLabel")}>
          <p>{welcome}</p>
          <p>
            <Link to="/join" className="button-link">
              {t("home.join")}
            </Link>{" "}
            <Link to="/about">{t("home.howItStarted")}</Link>
          </p>
        </section>
      ) : null}
      {followed ? (
        <section aria-labelledby="followed-heading">
          <h2 id="followed-heading">{t("home.followedHeading")}</h2>
          {followed.length ? (
            <ThreadList threads={followed} unread={unread} date="activity" />
          ) : (
            <p className="empty-state">
              <Trans t={t} i18nKey="home.followedEmpty" components={{ topics: <Link to="/topics" /> }} />
            </p>
          )}
        </section>
      ) : null}
      {rounds.length ? (
        <section aria-labelledby="rounds-heading">
          <h2 id="rounds-heading">{t("home.roundsHeading")}</h2>
          <RoundList rounds={rounds} />
          <p>
            <Link to="/rounds">{t("home.allRounds")}</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="prompts-heading">
        <h2 id="prompts-heading">{t("home.promptsHeading")}</h2>
        <PromptCards prompts={prompts} />
      </section>
      {sections.featuredStories.length ? (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">{t("home.featuredHeading")}</h2>
          <ThreadList threads={sections.featuredStories} unread={unread} showKind={false} />
        </section>
      ) : null}
      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">{t("home.recentHeading")}</h2>
        {sections.recentStories.length ? (
          <ThreadList threads={sections.recentStories} unread={unread} showKind={false} />
        ) : (
          <p className="empty-state">{t("home.noStories")}</p>
        )}
        <p>
          <Link to="/stories/new">{t("home.shareStory")}</Link>
        </p>
      </section>
      <section aria-labelledby="discussions-heading">
        <h2 id="discussions-heading">{t("home.discussionsHeading")}</h2>
        {sections.activeDiscussions.length ? (
          <ThreadList threads={sections.activeDiscussions} unread={unread} showKind={false} date="activity" />
        ) : (
          <p className="empty-state">{t("home.noDiscussions")}</p>
        )}
        <p>
          <Link to="/threads/new">{t("home.startDiscussion")}</Link>
        </p>
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">{t("home.topicsHeading")}</h2>
        <TopicDirectory topics={topics} />
      </section>
    </div>
  );
}
