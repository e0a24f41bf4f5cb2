import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { loginUrlFor } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PostCard } from "~/components/thread/post-card";
import { postActionsFor } from "~/components/thread/post-actions";
import { branchHref } from "~/components/thread/continue-thread";
import { PostInteractions, PostMarkup } from "~/components/thread/post-markup";
import { ReplyInPlaceProvider, useFocusOnHighlighted } from "~/components/thread/reply-in-place";
import { optionalCursor, requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { renderReplyMarkup } from "~/lib/reply-markup.server";
import { highlightedPostId, postPlaceHref } from "~/lib/post-links";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { markPostsRead, seenPostIds } from "~/models/notifications.server";
import { savedAmong } from "~/models/bookmarks.server";
import { getReaderTimeZone } from "~/models/member-time-zone.server";
import { getBranch } from "~/models/post-context.server";
import { getPostPlace } from "~/models/thread-page.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  const title = data
    ? t("threads:branchPage.title", { title: data.view.thread.title })
    : t("threads:branchPage.replyTitle");
  return [{ title: t("errors:documentTitle", { title }) }];
};

// /posts/:id is every post's permalink: it sends you to the post's place on a thread page (a 404, naming
// nothing, for a post you may not see). Replies not shown there (too deep, or cut from a full page) and any
// reply with ?branch get a page of their own: the nearest ancestors, the reply, and a bounded page of its
// replies (?after= a child for the next one). With ?branch, getBranch alone decides: a reply the viewer may
// not see has that page only as the placeholder its replies hang on.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const postId = requireId(params.id, "post");
  const url = new URL(request.url);
  if (!url.searchParams.has("branch")) {
    const place = await getPostPlace(postId, context.viewer);
    if (!place) throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
    if (place.kind === "thread") return redirect(postPlaceHref(place, postId));
  }
  const view = await getBranch(postId, context.viewer, optionalCursor(url.searchParams.get("after")));
  if (!view) throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
  if (context.viewer) await markPostsRead(context.viewer.id, seenPostIds(view.branch));
  const savedPostIds = context.viewer
    ? await savedAmong(
        context.viewer.id,
        [...view.ancestors, ...view.branch].map((p) => p.id),
      )
    : [];
  const loginToReply = context.viewer ? null : loginUrlFor(request);
  const root = view.branch[0]!;
  const actionsFor = postActionsFor(context.viewer, view.thread, {
    loginToReply,
    continueAtDepth: root.depth + MAX_DISPLAY_DEPTH,
    savedPostIds: new Set(savedPostIds),
  });
  // The branch goes to the page as HTML made of cached post cards, not as data (docs/decisions/0030, 0031).
  const timeZone = await getReaderTimeZone(context.viewer?.id ?? null);
  (context.serverMarkup ??= new Map()).set(
    "replies",
    renderReplyMarkup({
      threadId: view.thread.id,
      replies: view.branch,
      level: root.depth,
      continuations: view.continuations,
      actionsFor,
      newPostIds: new Set(),
      highlightId: highlightedPostId(url.searchParams),
      clock: { timeZone, renderedAt: context.viewer ? Date.now() : null },
    }),
  );
  const { branch: _branch, continuations: _continuations, ...shown } = view;
  return json({
    view: { ...shown, root: { id: root.id } },
    viewer: context.viewer,
    loginToReply,
    savedPostIds,
  });
}

export default function BranchPage() {
  const { t } = useTranslation("threads");
  const { view, viewer, loginToReply, savedPostIds } = useLoaderData<typeof loader>();
  const { thread, ancestors, earlierCount, root, after, nextAfter } = view;
  const highlightId = highlightedPostId(useSearchParams()[0]);
  useFocusOnHighlighted(highlightId);
  const actionsFor = postActionsFor(viewer, thread, {
    loginToReply,
    continueAtDepth: Infinity,
    savedPostIds: new Set(savedPostIds),
  });
  return (
    <ReplyInPlaceProvider>
      <PostInteractions className="page narrow thread-page">
        <p className="muted">
          <Trans
            t={t}
            i18nKey="branchPage.branchOf"
            values={{ title: thread.title }}
            components={{ go: <Link to={`/threads/${thread.id}/${thread.slug}`} /> }}
          />
        </p>
        <h1>{t("branchPage.heading")}</h1>
        {ancestors.length ? (
          <details className="ancestors">
            <summary>{t("branchPage.earlier", { count: ancestors.length + earlierCount })}</summary>
            {earlierCount ? (
              <p>
                <a href={branchHref(ancestors[0]!.id)}>{t("branchPage.earlierReplies", { count: earlierCount })}</a>
              </p>
            ) : null}
            <ol className="ancestor-list">
              {ancestors.map((post) => (
                <li key={post.id}>
                  <PostCard
                    post={post}
                    level={post.depth}
                    actions={actionsFor(post.author?.id ?? (post.pseudonym?.masked ? 0 : undefined))}
                  />
                </li>
              ))}
            </ol>
          </details>
        ) : null}
        {after ? (
          <p>
            <a href={branchHref(root.id)}>{t("threadPage.firstReplies")}</a>
          </p>
        ) : null}
        <PostMarkup name="replies" />
        {nextAfter ? (
          <p className="pager">
            <a href={branchHref(root.id, nextAfter)}>{t("threadPage.moreReplies")}</a>
          </p>
        ) : null}
      </PostInteractions>
    </ReplyInPlaceProvider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
