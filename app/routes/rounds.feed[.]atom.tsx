import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { tr } from "~/lib/translate";
import { listOpenedRoundEntries } from "~/models/feeds.server";

// /rounds/feed.atom: rounds as they open (upcoming ones appear on their opening day).
export async function loader({ request }: LoaderFunctionArgs) {
  return atomResponse(request, {
    title: tr("browse:feeds.rounds.feedTitle"),
    path: "/rounds/feed.atom",
    alternatePath: "/rounds",
    entries: await listOpenedRoundEntries(),
  });
}
