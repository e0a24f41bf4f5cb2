// Addresses of a post's places, shared by the models (redirects) and the components (links). No .server
// import: the thread page's links are built in the browser bundle too.

/** The query marker for the post to highlight on a thread or branch page (beside #post-<id> and :target). */
export const HIGHLIGHT_PARAM = "highlight";

/** Where a post is shown: a thread page (`after`: its cursor, null for the first page), or its own branch page. */
export type PostPlace =
  { kind: "thread"; threadId: number; slug: string; after: number | null } | { kind: "branch"; postId: number };

/** The reply form for a post: the page without JavaScript, and where a visitor lands after logging in. */
export function replyFormPath(postId: number): string {
  return `/posts/${postId}/reply`;
}

/**
 * A visitor's Reply: log in (or join, linked from there), then the reply form for that post. The same for
 * every visitor, so it can sit in a cached page.
 */
export function loginToReplyHref(postId: number): string {
  return `/login?redirectTo=${encodeURIComponent(replyFormPath(postId))}`;
}

/** The page that shows a post in its conversation, scrolled to it; `highlight` also marks it there. */
export function postPlaceHref(place: PostPlace, postId: number, options: { highlight?: boolean } = {}): string {
  const query = new URLSearchParams();
  let path: string;
  if (place.kind === "thread") {
    path = `/threads/${place.threadId}/${place.slug}`;
    if (place.after !== null) query.set("after", String(place.after));
  } else {
    path = `/posts/${place.postId}`;
    query.set("branch", "1");
  }
  if (options.highlight) query.set(HIGHLIGHT_PARAM, String(postId));
  const search = query.toString();
  return `${path}${search ? `?${search}` : ""}#post-${postId}`;
}

/** The post to highlight from a page's query string; anything but a plain id is no highlight. */
export function highlightedPostId(searchParams: URLSearchParams): number | null {
  const value = searchParams.get(HIGHLIGHT_PARAM);
  return value && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null;
}
