import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireViewer } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SaveButton } from "~/components/thread/save-button";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { optionalCursor } from "~/lib/params";
import { THREAD_KIND_LABELS } from "~/lib/thread-display";
import { listSaved } from "~/models/bookmarks.server";

export const meta: MetaFunction = () => [{ title: "Saved · Roundtable" }, { name: "robots", content: "noindex" }];

// The member's saved threads and posts, newest saved first; what they may no longer see is left out.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const before = optionalCursor(new URL(request.url).searchParams.get("before"));
  return json({ ...(await listSaved(viewer, before)), isFirstPage: before === null });
}

export default function SavedPage() {
  const language = usePageLanguage();
  const { items, nextBefore, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>Saved</h1>
      {items.length === 0 && isFirstPage ? (
        <p>
          Nothing saved yet. Press “Save” on a thread or a reply to keep it here for later. Only you see what you save.
        </p>
      ) : (
        <ol className="card-list saved-list">
          {items.map((item) => (
            <li key={item.postId} className="card">
              <h2 className="card-title">
                <Link to={item.href}>{item.isOpening ? item.thread.title : `A reply in “${item.thread.title}”`}</Link>
              </h2>
              {item.excerpt ? <p className="snippet">{item.excerpt}</p> : null}
              <p className="muted small">
                {THREAD_KIND_LABELS[item.thread.kind]}
                {item.isOpening ? "" : " · a reply"} by{" "}
                {item.author.handle ? (
                  <Link to={`/members/${item.author.handle}`}>{item.author.name}</Link>
                ) : (
                  item.author.name
                )}{" "}
                · saved <time dateTime={isoDate(item.savedAt)}>{formatDateTime(item.savedAt, language)}</time>
              </p>
              <SaveButton postId={item.postId} saved returnTo="/saved" />
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Saved pages" className="pager">
        {!isFirstPage ? <Link to="/saved">Newest saved</Link> : null}{" "}
        {nextBefore ? <Link to={`/saved?before=${nextBefore}`}>Older saved posts</Link> : null}
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
