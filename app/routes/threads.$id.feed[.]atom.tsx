import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { listThreadReplyEntries } from "~/models/feeds.server";

// /threads/:id/feed.atom: the newest replies in one thread.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const threadId = requireId(params.id, "discussion");
  const thread = await listThreadReplyEntries(threadId);
  if (!thread) throw new Response(tr("browse:feeds.thread.notFound"), { status: 404 });
  return atomResponse(request, {
    title: tr("browse:feeds.thread.feedTitle", { title: thread.title }),
    path: `/threads/${threadId}/feed.atom`,
    alternatePath: `/threads/${threadId}/${thread.slug}`,
    entries: thread.entries,
  });
}
