import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { tr } from "~/lib/translate";
import { listRecentThreadEntries } from "~/models/feeds.server";

// /feed.atom: new threads across Roundtable.
export async function loader({ request }: LoaderFunctionArgs) {
  return atomResponse(request, {
    title: tr("browse:feeds.site.feedTitle"),
    path: "/feed.atom",
    alternatePath: "/",
    entries: await listRecentThreadEntries(),
  });
}
