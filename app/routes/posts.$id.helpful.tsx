import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useRouteError } from "@remix-run/react";
import { requireWriter } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { toggleHelpful } from "~/models/helpful.server";
import { getReplyTarget } from "~/models/post-context.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/posts/${requireId(params.id, "post")}`);
}

// Toggles "helpful" and goes back to the post (without JavaScript, a full page load to its place).
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireWriter(request, context);
  const postId = requireId(params.id, "post");
  // Only a post the viewer can see: not one in a thread moderators hid (unless theirs), nor an answer a round keeps back.
  const target = await getReplyTarget(postId, viewer);
  if (!target || target.post.state !== "visible") throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
  const result = await toggleHelpful(postId, viewer.id);
  if (!result.ok) throw new Response(result.message, { status: 403 });
  return redirectWithFlash(`/posts/${postId}`, result.helpful ? FLASH.markedHelpful : FLASH.unmarkedHelpful);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
