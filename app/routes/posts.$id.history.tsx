import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime, isoDate } from "~/lib/format";
import { optionalCursor, requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { getReplyTarget, getRevisionPage } from "~/models/post-context.server";
import { MemberLink } from "~/components/member-link";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("threads:historyPage.title") }) }];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const postId = requireId(params.id, "post");
  const before = optionalCursor(new URL(request.url).searchParams.get("before"));
  const target = await getReplyTarget(postId, context.viewer);
  // History is as visible as the post itself: not for removed posts, nor hidden ones except to those who see them.
  if (!target || target.post.state === "deleted" || !target.post.html)
    throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
  const { revisions, nextBefore } = await getRevisionPage(postId, target.post.html, before, context.viewer);
  return json({ target, revisions, isFirstPage: before === null, nextBefore });
}

export default function HistoryPage() {
  const { t } = useTranslation("threads");
  const { target, revisions, isFirstPage, nextBefore } = useLoaderData<typeof loader>();
  const { thread, post } = target;
  const historyPath = `/posts/${post.id}/history`;
  return (
    <div className="page narrow">
      <p className="muted">
        <Trans
          t={t}
          i18nKey="replyPage.in"
          values={{ title: thread.title }}
          components={{ go: <Link to={`/threads/${thread.id}/${thread.slug}`} /> }}
        />
      </p>
      <h1>{t("historyPage.title")}</h1>
      {post.state === "hidden" ? (
        <p className="notice">
          {post.hiddenReason
            ? t("historyPage.hiddenWithReason", { reason: post.hiddenReason })
            : t("historyPage.hidden")}
        </p>
      ) : null}
      <section aria-labelledby="current-heading" className="revision">
        <h2 id="current-heading">
          {post.editedAt ? (
            <Trans
              t={t}
              i18nKey="historyPage.currentEdited"
              values={{ when: formatDateTime(post.editedAt) }}
              components={{ time: <time dateTime={isoDate(post.editedAt)} /> }}
            />
          ) : (
            t("historyPage.current")
          )}
        </h2>
        <div className="prose" dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
      </section>
      {revisions.length === 0 && isFirstPage ? <p className="muted">{t("historyPage.notEdited")}</p> : null}
      {isFirstPage ? null : (
        <p>
          <a href={historyPath}>{t("historyPage.latest")}</a>
        </p>
      )}
      {revisions.map((revision) => (
        <section key={revision.id} aria-labelledby={`rev-${revision.id}`} className="revision">
          <h2 id={`rev-${revision.id}`}>
            <Trans
              t={t}
              i18nKey="historyPage.version"
              values={{
                version: revision.version,
                when: formatDateTime(revision.createdAt),
                name: revision.editor.kind === "member" ? revision.editor.displayName : revision.editor.name,
              }}
              components={{
                time: <time dateTime={isoDate(revision.createdAt)} />,
                editor: revision.editor.kind === "member" ? <MemberLink member={revision.editor} /> : <span />,
              }}
            />
          </h2>
          {revision.title ? (
            <p>
              <Trans
                t={t}
                i18nKey="historyPage.titleThen"
                values={{ title: revision.title }}
                components={{ strong: <strong /> }}
              />
            </p>
          ) : null}
          <div className="prose" dangerouslySetInnerHTML={{ __html: revision.html }} />
        </section>
      ))}
      {nextBefore ? (
        <p className="pager">
          <a href={`${historyPath}?before=${nextBefore}`}>{t("historyPage.older")}</a>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
