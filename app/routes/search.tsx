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
import { Trans, useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { translateMessage, tr } from "~/lib/translate";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  const title = data?.query
    ? t("browse:search.documentTitleQuery", { query: data.query.slice(0, 60) })
    : t("browse:search.title");
  return [{ title: t("errors:documentTitle", { title }) }, { name: "robots", content: "noindex" }];
};

const DAY = 24 * 60 * 60 * 1000;

// The schemas' own messages are catalog keys (forms:search..., languages:filter...), said in the reader's
// language; anything else (Zod's English) gets the general one.
function filterMessage(message: string | undefined): string {
  const said = message === undefined ? message : translateMessage(message);
  return said !== undefined && said !== message ? said : tr("browse:search.badFilters");
}

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
      {
        ...base,
        message: filterMessage(parsedFilters.error.issues[0]?.message),
      },
      { status: 400 },
    );
  }
  const filters = parsedFilters.data;
  const parsed = parseSearchQuery(query);
  if (!query.trim()) return json(base);
  if (!parsed.terms.length)
    return json({
      ...base,
      message: tr("browse:search.noTerms"),
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
  const { t } = useTranslation("browse");
  return (
    <div className="page narrow">
      <h1>{t("search.title")}</h1>
      <Form method="get" className="search-form stack" role="search" aria-label={t("search.formLabel")}>
        <div className="field">
          <label htmlFor="q">{t("search.words")}</label>
          <input id="q" name="q" type="search" defaultValue={query} maxLength={2000} />
        </div>
        <details
          className="filters"
          open={Boolean(
            filters.topic || filters.kind || filters.language || filters.author || filters.from || filters.to,
          )}
        >
          <summary>{t("search.filters")}</summary>
          <div className="filter-grid">
            <div className="field">
              <label htmlFor="topic">{t("search.topic")}</label>
              <select id="topic" name="topic" defaultValue={filters.topic ?? ""}>
                <option value="">{t("search.anyTopic")}</option>
                {topics.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="kind">{t("search.kind")}</label>
              <select id="kind" name="kind" defaultValue={filters.kind ?? ""}>
                <option value="">{t("search.anything")}</option>
                <option value="story">{t("topicPage.kinds.story")}</option>
                <option value="discussion">{t("topicPage.kinds.discussion")}</option>
                <option value="prompt">{t("topicPage.kinds.prompt")}</option>
              </select>
            </div>
            <LanguageSelectField value={filters.language} />
            <div className="field">
              <label htmlFor="author">{t("search.author")}</label>
              <input id="author" name="author" defaultValue={filters.author ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="from">{t("search.from")}</label>
              <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="to">{t("search.to")}</label>
              <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} />
            </div>
          </div>
        </details>
        <button type="submit">{t("search.submit")}</button>
      </Form>
      {message ? (
        <p className="form-error" role="alert">
          {message}
        </p>
      ) : null}
      {truncated ? <p className="muted">{t("search.truncated")}</p> : null}
      {query.trim() && !message ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">
            {hits.length ? (page > 1 ? t("search.resultsPage", { page }) : t("search.results")) : t("search.noResults")}
          </h2>
          {limitedToRecent ? <p className="muted">{t("search.limitedToRecent", { count: limitedToRecent })}</p> : null}
          {suggestion ? (
            <p className="search-suggestion">
              <Trans
                t={t}
                i18nKey="search.didYouMean"
                components={{ suggestion: <Link to={searchLink({ q: suggestion })}>{suggestion}</Link> }}
              />
            </p>
          ) : null}
          {hits.length ? (
            <SearchResultList hits={hits} />
          ) : (
            <div>
              <p>{t("search.nothingMatched")}</p>
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
          <nav aria-label={t("search.pagerLabel")} className="pager">
            {page > 1 ? <Link to={pageLink(page - 1)}>{t("search.previous")}</Link> : null}{" "}
            {hasMore ? <Link to={pageLink(page + 1)}>{t("search.more")}</Link> : null}
          </nav>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
