import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SaveButton } from "~/components/thread/save-button";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { optionalCursor } from "~/lib/params";
import { listSaved } from "~/models/bookmarks.server";
import { Trans, useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [
    { title: t("errors:documentTitle", { title: t("browse:saved.title") }) },
    { name: "robots", content: "noindex" },
  ];
};

// The member's saved threads and posts, newest saved first; what they may no longer see is left out.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const before = optionalCursor(new URL(request.url).searchParams.get("before"));
  return json({ ...(await listSaved(viewer, before)), isFirstPage: before === null });
}

export default function SavedPage() {
  const language = usePageLanguage();
  const { items, nextBefore, isFirstPage } = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  return (
    <div className="page narrow">
      <h1>{t("saved.title")}</h1>
      {items.length === 0 && isFirstPage ? (
        <p>{t("saved.empty")}</p>
      ) : (
        <ol className="card-list saved-list">
          {items.map((item) => (
            <li key={item.postId} className="card">
              <h2 className="card-title">
                <Link to={item.href}>
                  {item.isOpening ? item.thread.title : t("saved.replyIn", { title: item.thread.title })}
                </Link>
              </h2>
              {item.excerpt ? <p className="snippet">{item.excerpt}</p> : null}
              <p className="muted small">
                <Trans
                  t={t}
                  i18nKey={
                    item.isOpening
                      ? `searchResults.opening.${item.thread.kind}`
                      : `searchResults.reply.${item.thread.kind}`
                  }
                  components={{
                    author: item.author.handle ? (
                      <Link to={`/members/${item.author.handle}`}>{item.author.name}</Link>
                    ) : (
                      <>{item.author.name}</>
                    ),
                  }}
                />{" "}
                ·{" "}
                <Trans
                  t={t}
                  i18nKey="saved.savedOn"
                  values={{ date: formatDateTime(item.savedAt, language) }}
                  components={{ date: <time dateTime={isoDate(item.savedAt)} /> }}
                />
              </p>
              <SaveButton postId={item.postId} saved returnTo="/saved" />
            </li>
          ))}
        </ol>
      )}
      <nav aria-label={t("saved.pagerLabel")} className="pager">
        {!isFirstPage ? <Link to="/saved">{t("saved.newest")}</Link> : null}{" "}
        {nextBefore ? <Link to={`/saved?before=${nextBefore}`}>{t("saved.older")}</Link> : null}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
