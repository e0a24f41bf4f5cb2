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
import { HomePeers } from "~/components/directory/home-peers";
import { listPeersWithWriting } from "~/models/peers.server";

export const meta: MetaFunction = () => [
  { title: "Roundtable · stories and peer exchange for community practitioners" },
  { name: "description", content: "Community practitioners share stories from the field and learn from each other." },
  {
    tagName: "link",
    rel: "alternate",
    type: "application/atom+xml",
    title: "New stories and discussions",
    href: "/feed.atom",
  },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const viewer = context.viewer;
  const [prompts, sections, topics, rounds, followed, peers] = await Promise.all([
    listOpenPrompts(),
    listHomeSections(),
    listTopicDirectory(),
    listOpenRounds(),
    // Members only: a visitor's home is the same for everyone, so it can be cached.
    viewer ? listFollowedActivity(viewer.id) : null,
    viewer ? listPeersWithWriting({ memberId: viewer.id, reader: viewer }) : null,
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
    prompts,
    sections,
    topics,
    rounds,
    followed,
    peers,
    unread,
    showWelcome: !viewer,
    welcome: WELCOME_BLURB,
  });
}

export default function HomePage() {
  const { prompts, sections, topics, rounds, followed, peers, unread, showWelcome, welcome } =
    useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1 className={showWelcome ? undefined : "visually-hidden"}>Roundtable</h1>
      {showWelcome ? (
        <section className="welcome" aria-label="Welcome">
          <p>{welcome}</p>
          <p>
            <Link to="/join" className="button-link">
              Join Roundtable
            </Link>{" "}
            <Link to="/about">How it started</Link>
          </p>
        </section>
      ) : null}
      {followed ? (
        <section aria-labelledby="followed-heading">
          <h2 id="followed-heading">New in what you follow</h2>
          {followed.length ? (
            <ThreadList threads={followed} unread={unread} date="activity" />
          ) : (
            <p className="empty-state">
              Nothing new in the last month in the topics and conversations you follow.{" "}
              <Link to="/topics">Follow a few topics</Link> to see their news here first.
            </p>
          )}
        </section>
      ) : null}
      <HomePeers peers={peers} />
      {rounds.length ? (
        <section aria-labelledby="rounds-heading">
          <h2 id="rounds-heading">Open rounds</h2>
          <RoundList rounds={rounds} />
          <p>
            <Link to="/rounds">All rounds</Link>
          </p>
        </section>
      ) : null}
      <section aria-labelledby="prompts-heading">
        <h2 id="prompts-heading">Prompts</h2>
        <PromptCards prompts={prompts} />
      </section>
      {sections.featuredStories.length ? (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">Stories worth reading</h2>
          <ThreadList threads={sections.featuredStories} unread={unread} showKind={false} />
        </section>
      ) : null}
      <section aria-labelledby="stories-heading">
        <h2 id="stories-heading">Recent stories</h2>
        {sections.recentStories.length ? (
          <ThreadList threads={sections.recentStories} unread={unread} showKind={false} />
        ) : (
          <p className="empty-state">No stories yet. Yours could be the first.</p>
        )}
        <p>
          <Link to="/stories/new">Share a story from your work</Link>
        </p>
      </section>
      <section aria-labelledby="discussions-heading">
        <h2 id="discussions-heading">Active discussions</h2>
        {sections.activeDiscussions.length ? (
          <ThreadList threads={sections.activeDiscussions} unread={unread} showKind={false} date="activity" />
        ) : (
          <p className="empty-state">No discussions yet.</p>
        )}
        <p>
          <Link to="/threads/new">Start a discussion</Link>
        </p>
      </section>
      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">Browse by topic</h2>
        <TopicDirectory topics={topics} />
      </section>
    </div>
  );
}
