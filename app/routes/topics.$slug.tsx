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

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.topic.name} · Topics · Roundtable` },
        { name: "description", content: data.topic.description },
        {
          tagName: "link",
          rel: "alternate",
          type: "application/atom+xml",
          title: `New in ${data.topic.name}`,
          href: `/topics/${data.topic.slug}/feed.atom`,
        },
      ]
    : [{ title: "Topics · Roundtable" }];

const SORT_LINKS: Array<{ value: ThreadSort; label: string }> = [
  { value: "latest", label: "Latest" },
  { value: "active", label: "Active" },
  { value: "top", label: "Top" },
];
const KIND_LINKS = [
  { value: null, label: "All" },
  { value: "story", label: "Stories" },
  { value: "discussion", label: "Discussions" },
  { value: "prompt", label: "Prompts" },
] as const;

const badRequest = (message: string) => new Response(message, { status: 400 });

/** sort, kind and after from the query string; anything we did not make is a 400, never a guess. */
function parseListQuery(params: URLSearchParams) {
  const sort = params.get("sort") || "latest";
  if (!isThreadSort(sort)) throw badRequest("Sort by latest, active or top.");
  const kind = params.get("kind") || undefined;
  if (kind !== undefined && !isThreadKind(kind)) throw badRequest("Show stories, discussions, prompts, or everything.");
  const after = params.get("after") || undefined;
  if (after !== undefined && !parseCursor(after, sort))
    throw badRequest("That page link is not valid. Start again from the first page.");
  return { sort, kind, after };
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = { ...parseListQuery(url.searchParams), language: parseLanguageFilter(url.searchParams) };
  const topic = await getTopicPage(params.slug ?? "");
  if (!topic) throw new Response("There is no topic at this address.", { status: 404 });
  if ("redirectTo" in topic) return redirect(`/topics/${topic.redirectTo}${url.search}`, 301);
  const page = await listTopicThreads({ topicSlug: topic.slug, ...query });
  const following = context.viewer ? await isFollowingTopicSlug(context.viewer.id, topic.slug) : null;
  // Per member, so only in a member's page: a visitor's (cached) page has none.
  const unread = context.viewer
    ? await listUnreadStates(
        context.viewer,
        page.items.map((thread) => thread.id),
      )
    : {};
  return json({ topic, ...query, page, unread, isFirstPage: !query.after, following });
}

export default function TopicPage() {
  const { topic, sort, kind, language, page, unread, isFirstPage, following } = useLoaderData<typeof loader>();
  const link = useQueryLink();
  return (
    <div className="page narrow">
      <p className="kicker">
        <Link to="/topics">Topics</Link>
      </p>
      <h1>{topic.name}</h1>
      {topic.description ? <p className="lede">{topic.description}</p> : null}
      <p className="button-row">
        <Link to={`/threads/new?topic=${encodeURIComponent(topic.slug)}`} className="button-link">
          Start a discussion
        </Link>
        <Link to={`/stories/new?topic=${encodeURIComponent(topic.slug)}`} className="button-link secondary-link">
          Share a story
        </Link>
      </p>
      <div className="follow-controls">
        {following !== null ? (
          <Form method="post" action={`/topics/${topic.slug}/follow`}>
            <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
            <SubmitButton busyLabel="Saving…" className="secondary small-button">
              {following ? `Unfollow ${topic.name}` : `Follow ${topic.name}`}
            </SubmitButton>
          </Form>
        ) : null}
        <span className="muted small">
          {following ? "New threads here come to your notifications and digest. " : ""}
          <a href={`/topics/${topic.slug}/feed.atom`}>Atom feed of this topic</a>
        </span>
      </div>
      <div className="list-controls">
        <nav aria-label="Sort threads" className="choice-links">
          <span className="choice-label">Sort:</span>
          {SORT_LINKS.map((option) => (
            <Link
              key={option.value}
              to={link({ sort: option.value === "latest" ? null : option.value, after: null })}
              aria-current={sort === option.value ? "page" : undefined}
            >
              {option.label}
            </Link>
          ))}
        </nav>
        <nav aria-label="Show kinds of threads" className="choice-links">
          <span className="choice-label">Show:</span>
          {KIND_LINKS.map((option) => (
            <Link
              key={option.label}
              to={link({ kind: option.value, after: null })}
              aria-current={(kind ?? null) === option.value ? "page" : undefined}
            >
              {option.label}
            </Link>
          ))}
        </nav>
        <LanguageFilterForm value={language} keep={{ sort: sort === "latest" ? undefined : sort, kind }} />
      </div>
      <h2 className="visually-hidden">Threads</h2>
      {page.items.length ? (
        <ThreadList
          threads={page.items}
          unread={unread}
          headingLevel={3}
          date={sort === "active" ? "activity" : "created"}
          showKind={!kind}
        />
      ) : (
        <p className="empty-state">
          {isFirstPage ? "Nothing here yet. Start the first conversation in this topic." : "There are no more threads."}
        </p>
      )}
      <Pager
        nextCursor={page.nextCursor}
        label={sort === "top" ? "More threads" : sort === "active" ? "Less recently active" : "Older threads"}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
