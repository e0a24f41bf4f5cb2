import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pager, ThreadList, useQueryLink } from "~/components/thread-list";
import { isFollowingTopicSlug } from "~/models/follows.server";
import { isThreadKind, isThreadSort, parseCursor, type ThreadSort } from "~/models/thread-lists.server";
import { getTopicPage, listTopicThreads } from "~/models/topic-threads.server";
import { listUnreadStates } from "~/models/thread-reads.server";
import { SubmitButton } from "~/components/submit-button";
import { LanguageFilterForm } from "~/components/language-filter";
import { parseLanguageFilter } from "~/lib/post-language-schemas";
import { useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { TopicEmailFollow } from "~/components/topics/topic-email-follow";
import { isFollowingTopicByEmail } from "~/models/list-mail.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  const topics = t("browse:topicIndex.title");
  return data
    ? [
        { title: t("errors:documentTitle", { title: t("browse:topicPage.documentTitle", { name: data.topic.name }) }) },
        { name: "description", content: data.topic.description },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: t("browse:feeds.topic.title", { name: data.topic.name }),
          href: `/topics/${data.topic.slug}/feed.atom`,
        },
      ]
    : [{ title: t("errors:documentTitle", { title: topics }) }];
};

// Labels are catalog keys (browse:topicPage...), translated where they are shown.
const SORT_LINKS: Array<{ value: ThreadSort; label: string }> = [
  { value: "latest", label: "topicPage.sort.latest" },
  { value: "active", label: "topicPage.sort.active" },
  { value: "top", label: "topicPage.sort.top" },
];
const KIND_LINKS = [
  { value: null, label: "topicPage.kinds.all" },
  { value: "story", label: "topicPage.kinds.story" },
  { value: "discussion", label: "topicPage.kinds.discussion" },
  { value: "prompt", label: "topicPage.kinds.prompt" },
] as const;

const badRequest = (key: string) => new Response(tr(key), { status: 400 });

/** sort, kind and after from the query string; anything we did not make is a 400, never a guess. */
function parseListQuery(params: URLSearchParams) {
  const sort = params.get("sort") || "latest";
  if (!isThreadSort(sort)) throw badRequest("browse:topicPage.badSort");
  const kind = params.get("kind") || undefined;
  if (kind !== undefined && !isThreadKind(kind)) throw badRequest("browse:topicPage.badKind");
  const after = params.get("after") || undefined;
  if (after !== undefined && !parseCursor(after, sort)) throw badRequest("browse:topicPage.badCursor");
  return { sort, kind, after };
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = { ...parseListQuery(url.searchParams), language: parseLanguageFilter(url.searchParams) };
  const topic = await getTopicPage(params.slug ?? "");
  if (!topic) throw new Response(tr("browse:topicPage.notFound"), { status: 404 });
  if ("redirectTo" in topic) return redirect(`/topics/${topic.redirectTo}${url.search}`, 301);
  const page = await listTopicThreads({ topicSlug: topic.slug, ...query });
  const following = context.viewer ? await isFollowingTopicSlug(context.viewer.id, topic.slug) : null;
  const byEmail = context.viewer ? await isFollowingTopicByEmail(context.viewer.id, topic.slug) : null;
  // Per member, so only in a member's page: a visitor's (cached) page has none.
  const unread = context.viewer
    ? await listUnreadStates(
        context.viewer,
        page.items.map((thread) => thread.id),
      )
    : {};
  return json({ topic, ...query, page, unread, isFirstPage: !query.after, following, byEmail });
}

export default function TopicPage() {
  const { topic, sort, kind, language, page, unread, isFirstPage, following, byEmail } = useLoaderData<typeof loader>();
  const link = useQueryLink();
  const { t } = useTranslation("browse");
  return (
    <div className="page narrow">
      <p className="kicker">
        <Link to="/topics">{t("topicIndex.title")}</Link>
      </p>
      <h1>{topic.name}</h1>
      {topic.description ? <p className="lede">{topic.description}</p> : null}
      <p className="button-row">
        <Link to={`/threads/new?topic=${encodeURIComponent(topic.slug)}`} className="button-link">
          {t("topicPage.startDiscussion")}
        </Link>
        <Link to={`/stories/new?topic=${encodeURIComponent(topic.slug)}`} className="button-link secondary-link">
          {t("topicPage.shareStory")}
        </Link>
      </p>
      <div className="follow-controls">
        {following !== null ? (
          <Form method="post" action={`/topics/${topic.slug}/follow`}>
            <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
            <SubmitButton busyLabel={t("topicPage.saving")} className="secondary small-button">
              {following ? t("topicPage.unfollow", { name: topic.name }) : t("topicPage.follow", { name: topic.name })}
            </SubmitButton>
          </Form>
        ) : null}
        {byEmail !== null ? <TopicEmailFollow slug={topic.slug} byEmail={byEmail} /> : null}
        <span className="muted small">
          {following ? `${t("topicPage.followingNote")} ` : ""}
          <a href={`/topics/${topic.slug}/feed.atom`}>{t("topicPage.atomFeed")}</a>
        </span>
      </div>
      <div className="list-controls">
        <nav aria-label={t("topicPage.sortLabel")} className="choice-links">
          <span className="choice-label">{t("topicPage.sortPrefix")}</span>
          {SORT_LINKS.map((option) => (
            <Link
              key={option.value}
              to={link({ sort: option.value === "latest" ? null : option.value, after: null })}
              aria-current={sort === option.value ? "page" : undefined}
            >
              {t(option.label)}
            </Link>
          ))}
        </nav>
        <nav aria-label={t("topicPage.kindsLabel")} className="choice-links">
          <span className="choice-label">{t("topicPage.kindsPrefix")}</span>
          {KIND_LINKS.map((option) => (
            <Link
              key={option.label}
              to={link({ kind: option.value, after: null })}
              aria-current={(kind ?? null) === option.value ? "page" : undefined}
            >
              {t(option.label)}
            </Link>
          ))}
        </nav>
        <LanguageFilterForm value={language} keep={{ sort: sort === "latest" ? undefined : sort, kind }} />
      </div>
      <h2 className="visually-hidden">{t("topicPage.threadsHeading")}</h2>
      {page.items.length ? (
        <ThreadList
          threads={page.items}
          unread={unread}
          headingLevel={3}
          date={sort === "active" ? "activity" : "created"}
          showKind={!kind}
        />
      ) : (
        <p className="empty-state">{isFirstPage ? t("topicPage.empty") : t("topicPage.noMore")}</p>
      )}
      <Pager
        nextCursor={page.nextCursor}
        label={t(sort === "top" ? "topicPage.pager.top" : sort === "active" ? "topicPage.pager.active" : "pager.older")}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
