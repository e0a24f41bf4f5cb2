import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SearchResultList } from "~/components/search-results";
import { parseSearchQuery } from "~/lib/search-query";
import { searchFiltersSchema } from "~/lib/validation";
import { LanguageSelectField } from "~/components/language-filter";
import { languageFilterSchema } from "~/lib/post-language-schemas";
import { searchPosts, suggestSearch } from "~/models/search-index.server";
import { listTopicChoices } from "~/models/topics.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query ? `“${data.query.slice(0, 60)}” · Search · Roundtable` : "Search · Roundtable" },
  { name: "robots", content: "noindex" },
];

const DAY = 24 * 60 * 60 * 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const raw = Object.fromEntries(url.searchParams);
  const topics = await listTopicChoices();
  const parsedFilters = searchFiltersSchema.extend({ language: languageFilterSchema }).safeParse(raw);
  const query = typeof raw.q === "string" ? raw.q : "";
  const base = {
    query,
    topics,
    filters: raw,
    hits: [],
    hasMore: false,
    limitedToRecent: null,
    page: 1,
    message: null as string | null,
    truncated: false,
    suggestion: null as string | null,
  };
  if (!parsedFilters.success) {
    return json(
      { ...base, message: parsedFilters.error.issues[0]?.message ?? "Those filters don't look right." },
      { status: 400 },
    );
  }
  const filters = parsedFilters.data;
  const parsed = parseSearchQuery(query);
  if (!query.trim()) return json(base);
  if (!parsed.terms.length)
    return json({
      ...base,
      message: "Type a word or two to search for (symbols and emoji on their own can't be searched).",
    });
  const searchFilters = {
    topicSlug: filters.topic,
    kind: filters.kind,
    language: filters.language,
    authorHandle: filters.author,
    from: filters.from?.getTime(),
    to: filters.to ? filters.to.getTime() + DAY : undefined,
  };
  const results = await searchPosts(parsed, searchFilters, filters.page);
  const suggestion = results.hits.length || filters.page > 1 ? null : await suggestSearch(parsed, searchFilters);
  return json({ ...base, ...results, page: filters.page, truncated: parsed.truncated, suggestion });
}

export default function SearchPage() {
  const data = useLoaderData<typeof loader>();
  const { query, topics, filters, hits, hasMore, page, message, limitedToRecent, truncated, suggestion } = data;
  const searchLink = (change: Record<string, string>) => {
    const params = new URLSearchParams(Object.entries(filters).filter(([k]) => k !== "page") as [string, string][]);
    for (const [key, value] of Object.entries(change)) params.set(key, value);
    return `/search?${params}`;
  };
  const pageLink = (to: number) => searchLink({ page: String(to) });
  return (
    <div className="page narrow">
      <h1>Search</h1>
      <Form method="get" className="search-form stack" role="search" aria-label="Search stories and discussions">
        <div className="field">
          <label htmlFor="q">Words or “a phrase in quotes”</label>
          <input id="q" name="q" type="search" defaultValue={query} maxLength={2000} />
        </div>
        <details
          className="filters"
          open={Boolean(
            filters.topic || filters.kind || filters.language || filters.author || filters.from || filters.to,
          )}
        >
          <summary>Filters</summary>
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="topic">Topic</label>
              <select id="topic" name="topic" defaultValue={filters.topic ?? ""}>
                <option value="">Any topic</option>
                {topics.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="kind">Kind</label>
              <select id="kind" name="kind" defaultValue={filters.kind ?? ""}>
                <option value="">Anything</option>
                <option value="story">Stories</option>
                <option value="discussion">Discussions</option>
                <option value="prompt">Prompts</option>
              </select>
            </div>
            <LanguageSelectField value={filters.language} />
            <div className="field">
              <label htmlFor="author">Author's handle</label>
              <input id="author" name="author" defaultValue={filters.author ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="from">From</label>
              <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="to">To</label>
              <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
            </div>
          </div>
        </details>
        <button type="submit">Search</button>
      </Form>
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      {truncated ? <p className="muted">Your search was long, so we used its first words.</p> : null}
      {query.trim() && !message ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{hits.length ? `Results${page > 1 ? `, page ${page}` : ""}` : "No results"}</h2>
          {limitedToRecent ? (
            <p className="muted">
              These words appear in a great many posts, so these are the best matches among the{" "}
              {limitedToRecent.toLocaleString("en-US")} most recent. Add a word or a filter to narrow it down.
            </p>
          ) : null}
          {suggestion ? (
            <p className="search-suggestion">
              Did you mean <Link to={searchLink({ q: suggestion })}>{suggestion}</Link>?
            </p>
          ) : null}
          {hits.length ? (
            <SearchResultList hits={hits} />
          ) : (
            <div>
              <p>Nothing matched. Try fewer or different words, or browse a topic:</p>
              <ul className="tag-list">
                {topics.map((t) => (
                  <li key={t.slug}>
                    <Link to={`/topics/${t.slug}`} className="tag">
                      {t.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <nav aria-label="Result pages" className="pager">
            {page > 1 ? <Link to={pageLink(page - 1)}>Previous results</Link> : null}{" "}
            {hasMore ? <Link to={pageLink(page + 1)}>More results</Link> : null}
          </nav>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
