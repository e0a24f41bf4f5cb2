import type { Reader } from "./visibility.server";
import { getPermalinkTarget } from "./thread-page.server";

// Where post X lives, as the one URL that shows it in context: the thread page (and page cursor) whose
// replies include it, anchored at the post; a branch page only when no thread page shows it (deeper than a
// thread page goes, or cut from its top-level reply's page; see page-bounds.server). Used by the permalink
// /posts/:id, by notification links, and after posting a reply (scroll to the new one).

/** Whether a URL from locatePost is a thread page (else it is the post's branch page). */
export const isThreadPageUrl = (url: string) => url.startsWith("/threads/");

/** The URL showing `postId` in context for `viewer`, ending in `#post-<id>`; null when they may not see it. */
export async function locatePost(postId: number, viewer: Reader): Promise<string | null> {
  const target = await getPermalinkTarget(postId, viewer);
  if (!target) return null;
  if (!target.page) return `${branchUrl(postId)}#post-${postId}`;
  const query = target.page.after ? `?after=${target.page.after}` : "";
  return `/threads/${target.threadId}/${target.slug}${query}#post-${postId}`;
}

/** The branch page of a reply (its own page, with its nearest ancestors above it). */
export const branchUrl = (postId: number) => `/posts/${postId}?branch=1`;
