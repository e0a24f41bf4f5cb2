import { postPlaceHref } from "~/lib/post-links";
import { getPostPlace } from "./thread-page.server";
import type { Reader } from "./visibility.server";

// Where post X lives, as the one URL that shows it in context: the thread page (and page cursor) whose
// replies include it, anchored at the post; a branch page only when no thread page shows it (deeper than a
// thread page goes, or cut from its top-level reply's page; see page-bounds.server). Used by the permalink
// /posts/:id, by notification links and "jump to the first new reply", and after posting a reply.

/** The URL showing `postId` in context for `viewer`, ending in `#post-<id>`; null when they may not see it. */
export async function locatePost(
  postId: number,
  viewer: Reader,
  options: { highlight?: boolean } = {},
): Promise<string | null> {
  const place = await getPostPlace(postId, viewer);
  return place ? postPlaceHref(place, postId, options) : null;
}
