import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface SaveActionData {
  saved: boolean;
  error: string | null;
}

/**
 * "Save" / "Saved": a form that posts to /posts/:id/save. Without JavaScript it is a plain POST that comes back
 * to `returnTo`; once the page is interactive it says so (via=fetch), the action answers with data instead of a
 * redirect, and the button flips at once (aria-pressed). Shown to members only: never on a page visitors get.
 */
export function SaveButton({ postId, saved, returnTo }: { postId: number; saved: boolean; returnTo?: string }) {
  const { t } = useTranslation("threads");
  const fetcher = useFetcher<SaveActionData>();
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);
  const pending = fetcher.formData?.get("saved");
  const current = pending ? pending === "1" : (fetcher.data?.saved ?? saved);
  const error = fetcher.state === "idle" ? fetcher.data?.error : null;
  return (
    <fetcher.Form method="post" action={`/posts/${postId}/save`} className="inline-form save-form" preventScrollReset>
      <input type="hidden" name="saved" value={current ? "0" : "1"} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      {interactive ? <input type="hidden" name="via" value="fetch" /> : null}
      <button type="submit" className="secondary small-button" aria-pressed={current}>
        {current ? t("saveButton.saved") : t("saveButton.save")}
      </button>
      {error ? (
        <span className="form-error small" role="alert">
          {error}
        </span>
      ) : null}
    </fetcher.Form>
  );
}

/**
 * The same form as plain markup, for post cards rendered once for many readers (docs/decisions/0030): without
 * JavaScript a POST that comes back to the post; with it, PostMarkup sends it as SaveButton does (via=fetch)
 * and flips the button at once.
 */
export function PostSaveForm({ postId, saved }: { postId: number; saved: boolean }) {
  const { t } = useTranslation("threads");
  return (
    <form method="post" action={`/posts/${postId}/save`} className="inline-form save-form" data-post-form="save">
      <input type="hidden" name="saved" value={saved ? "0" : "1"} />
      <button type="submit" className="secondary small-button" aria-pressed={saved}>
        {saved ? t("saveButton.saved") : t("saveButton.save")}
      </button>
    </form>
  );
}
