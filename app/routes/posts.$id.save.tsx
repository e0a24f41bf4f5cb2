import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";
import { Link, useActionData, useParams, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireViewer, safeRedirectPath } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { SaveActionData } from "~/components/thread/save-button";
import { requireId } from "~/lib/params";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { setBookmark } from "~/models/bookmarks.server";
import { getReplyTarget } from "~/models/post-context.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("threads:savePage.title") }) }];
};

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
  if (choice !== "1" && choice !== "0") throw new Response(tr("threads:savePage.choose"), { status: 400 });
  const saved = choice === "1";
  if (saved) {
    const target = await getReplyTarget(postId, viewer);
    if (!target || target.post.html === null) throw new Response(tr("threads:post.noSuchPost"), { status: 404 });
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
  const { t } = useTranslation("threads");
  const data = useActionData<typeof action>();
  const { id } = useParams();
  return (
    <div className="page narrow">
      <h1>{t("savePage.title")}</h1>
      {data?.error ? (
        <p className="form-error" role="alert">
          {data.error}
        </p>
      ) : null}
      <p>
        <Link to="/saved">{t("savePage.yourSaved")}</Link> · <Link to={`/posts/${id}`}>{t("post.backToPost")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
