import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { optionalCursor, requireId } from "~/lib/params";
import { getReplyTarget, getRevisionPage } from "~/models/post-context.server";
import { MemberLink } from "~/components/member-link";

export const meta: MetaFunction = () => [{ title: "Edit history · Roundtable" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const postId = requireId(params.id, "post");
  const before = optionalCursor(new URL(request.url).searchParams.get("before"));
  const target = await getReplyTarget(postId, context.viewer);
  // History is as visible as the post itself: not for removed posts, nor hidden ones except to those who see them.
  if (!target || target.post.state === "deleted" || !target.post.html)
    throw new Response("There is no such post.", { status: 404 });
  const { revisions, nextBefore } = await getRevisionPage(postId, target.post.html, before, context.viewer);
  return json({ target, revisions, isFirstPage: before === null, nextBefore });
}

export default function HistoryPage() {
  const language = usePageLanguage();
  const { target, revisions, isFirstPage, nextBefore } = useLoaderData<typeof loader>();
  const { thread, post } = target;
  const historyPath = `/posts/${post.id}/history`;
  return (
    <div className="page narrow">
      <p className="muted">
        In <Link to={`/threads/${thread.id}/${thread.slug}`}>{thread.title}</Link>
      </p>
      <h1>Edit history</h1>
      {post.state === "hidden" ? (
        <p className="notice">
          Hidden by moderators{post.hiddenReason ? `: ${post.hiddenReason}` : ""}. Others see only that it was hidden,
          and not this history.
        </p>
      ) : null}
      <section aria-labelledby="current-heading" className="revision">
        <h2 id="current-heading">
          Current version
          {post.editedAt ? (
            <>
              , edited <time dateTime={isoDate(post.editedAt)}>{formatDateTime(post.editedAt, language)}</time>
            </>
          ) : null}
        </h2>
        <div className="prose" dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
      </section>
      {revisions.length === 0 && isFirstPage ? <p className="muted">This post has not been edited.</p> : null}
      {isFirstPage ? null : (
        <p>
          <a href={historyPath}>Back to the latest versions</a>
        </p>
      )}
      {revisions.map((revision) => (
        <section key={revision.id} aria-labelledby={`rev-${revision.id}`} className="revision">
          <h2 id={`rev-${revision.id}`}>
            Version {revision.version}, replaced{" "}
            <time dateTime={isoDate(revision.createdAt)}>{formatDateTime(revision.createdAt, language)}</time> by{" "}
            {revision.editor.kind === "member" ? (
              <MemberLink member={revision.editor} />
            ) : (
              <span>{revision.editor.name}</span>
            )}
          </h2>
          {revision.title ? (
            <p>
              <strong>Title then:</strong> {revision.title}
            </p>
          ) : null}
          <div className="prose" dangerouslySetInnerHTML={{ __html: revision.html }} />
        </section>
      ))}
      {nextBefore ? (
        <p className="pager">
          <a href={`${historyPath}?before=${nextBefore}`}>Older versions</a>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
