import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { listRecentThreadEntries } from "~/models/feeds.server";

// /feed.atom: new threads across Roundtable.
export async function loader({ request }: LoaderFunctionArgs) {
  return atomResponse(request, {
    title: "Roundtable: new stories and discussions",
    path: "/feed.atom",
    alternatePath: "/",
    entries: await listRecentThreadEntries(),
  });
}
