import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireWriter } from "~/auth/guards.server";
import { requireViewer } from "~/auth/session.server";
import type { Viewer } from "~/auth/viewer";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { canDeletePost } from "~/lib/permissions";
import { deletePost, getPostForEdit } from "~/models/posts.server";
import { getThreadSlug } from "~/models/threads.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("threads:deletePage.title") }) }];
};

async function loadDeletablePost(viewer: Viewer, id: string | undefined) {
  const post = await getPostForEdit(requireId(id, "post"));
  // Nor one in a thread moderators hid from this viewer: going back to it afterwards would name it.
  if (!post || post.deleted || !(await getThreadSlug(post.threadId, viewer)))
    throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
  if (!canDeletePost(viewer, post.authorId)) throw new Response(tr("threads:deletePage.onlyAuthor"), { status: 403 });
  return post;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const post = await loadDeletablePost(requireViewer(request, context), params.id);
  return json({ post: { id: post.id, depth: post.depth, hasReplies: post.descendantCount > 0 } });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireWriter(request, context);
  const post = await loadDeletablePost(viewer, params.id);
  const result = await deletePost({ post, memberId: viewer.id });
  if (!result.ok) throw new Response(result.message, { status: result.reason === "missing" ? 404 : 403 });
  if (result.threadRemoved) return redirectWithFlash("/", FLASH.threadDeleted);
  return redirectWithFlash(`/threads/${post.threadId}/${post.threadSlug}`, FLASH.postDeleted);
}

export default function DeletePostPage() {
  const { t } = useTranslation("threads");
  const { post } = useLoaderData<typeof loader>();
  return (
    <div className="page narrow">
      <h1>{post.depth === 0 ? t("deletePage.headingPost") : t("deletePage.headingReply")}</h1>
      <p>{post.hasReplies ? t("deletePage.hasReplies") : t("deletePage.noReplies")}</p>
      <Form method="post" className="button-row">
        <SubmitButton busyLabel={t("deletePage.deleting")}>{t("deletePage.delete")}</SubmitButton>
        <Link to={`/posts/${post.id}`}>{t("deletePage.keep")}</Link>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
