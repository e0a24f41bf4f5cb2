import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { Link, useActionData, useParams, useRouteError } from "@remix-run/react";
import { requireViewer, safeRedirectPath } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { SaveActionData } from "~/components/thread/save-button";
import { requireId } from "~/lib/params";
import { setBookmark } from "~/models/bookmarks.server";
import { getReplyTarget } from "~/models/post-context.server";

export const meta: MetaFunction = () => [{ title: "Save for later · Roundtable" }];

export async function loader({ params }: ActionFunctionArgs) {
  return redirect(`/posts/${requireId(params.id, "post")}`);
}

// Saves a post (a thread: its opening post) for later, or removes it from Saved. Without JavaScript, back to
// where the button was; with it (via=fetch), data for the button. Only a post the member can see is saved.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const postId = requireId(params.id, "post");
  const form = await request.formData();
  const choice = form.get("saved");
  if (choice !== "1" && choice !== "0") throw new Response("Choose to save the post or to remove it.", { status: 400 });
  const saved = choice === "1";
  if (saved) {
    const target = await getReplyTarget(postId, viewer);
    if (!target || target.post.html === null) throw new Response("There is no such post.", { status: 404 });
  }
  const result = await setBookmark({ memberId: viewer.id, postId, saved });
  if (!result.ok) return json<SaveActionData>({ saved: false, error: result.message }, { status: 400 });
  if (form.get("via") === "fetch") return json<SaveActionData>({ saved: result.saved, error: null });
  return redirectWithFlash(
    safeRedirectPath(form.get("returnTo"), `/posts/${postId}`),
    result.saved ? FLASH.savedForLater : FLASH.unsaved,
  );
}

/** Shown only without JavaScript when saving failed (the limit): the message and the way on. */
export default function SavePostPage() {
  const data = useActionData<typeof action>();
  const { id } = useParams();
  return (
    <div className="page narrow">
      <h1>Save for later</h1>
      {data?.error ? (
        <p className="form-error" role="alert">
          {data.error}
        </p>
      ) : null}
      <p>
        <Link to="/saved">Your saved posts</Link> · <Link to={`/posts/${id}`}>Back to the post</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
