import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime, isoDate } from "~/lib/format";
import { requireId } from "~/lib/params";
import { listRevisions } from "~/models/posts.server";
import { getReplyTarget } from "~/models/post-context.server";

export const meta: MetaFunction = () => [{ title: "Edit history · Roundtable" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const postId = requireId(params.id, "post");
  const target = await getReplyTarget(postId, context.viewer);
  // History is as visible as the post itself: not for removed posts, nor hidden ones except to those who see them.
  if (!target || target.post.state === "deleted" || !target.post.html)
    throw new Response("There is no such post.", { status: 404 });
  return json({ target, revisions: await listRevisions(postId, context.viewer) });
}

export default function HistoryPage() {
  const { target, revisions } = useLoaderData<typeof loader>();
  const { thread, post } = target;
  return (
    <div className="page narrow">
      <p className="muted">
        In <Link to={`/threads/${thread.id}/${thread.slug}`}>{thread.title}</Link>
      </p>
      <h1>Edit history</h1>
      <section aria-labelledby="current-heading" className="revision">
        <h2 id="current-heading">
          Current version
          {post.editedAt ? (
            <>
              , edited <time dateTime={isoDate(post.editedAt)}>{formatDateTime(post.editedAt)}</time>
            </>
          ) : null}
        </h2>
        <div className="prose" dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
      </section>
      {revisions.length === 0 ? <p className="muted">This post has not been edited.</p> : null}
      {revisions.map((revision, index) => (
        <section key={revision.id} aria-labelledby={`rev-${revision.id}`} className="revision">
          <h2 id={`rev-${revision.id}`}>
            Version {revisions.length - index}, replaced{" "}
            <time dateTime={isoDate(revision.createdAt)}>{formatDateTime(revision.createdAt)}</time> by{" "}
            {revision.editor.kind === "member" ? (
              <Link to={`/members/${revision.editor.handle}`}>{revision.editor.displayName}</Link>
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
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
