import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { tr } from "~/lib/translate";
import { listTopicThreadEntries } from "~/models/feeds.server";

// /topics/:slug/feed.atom: new threads in one topic.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const topic = await listTopicThreadEntries(slug);
  if (!topic) throw new Response(tr("browse:topicPage.notFound"), { status: 404 });
  return atomResponse(request, {
    title: tr("browse:feeds.topic.feedTitle", { name: topic.name }),
    path: `/topics/${slug}/feed.atom`,
    alternatePath: `/topics/${slug}`,
    entries: topic.entries,
  });
}
