import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { listMemberThreadEntries } from "~/models/feeds.server";

// /members/:handle/feed.atom: the stories and discussions a member starts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const handle = (params.handle ?? "").toLowerCase();
  const member = await listMemberThreadEntries(handle);
  if (!member) throw new Response("There is no such member.", { status: 404 });
  return atomResponse(request, {
    title: `Roundtable: ${member.displayName}`,
    path: `/members/${handle}/feed.atom`,
    alternatePath: `/members/${handle}`,
    entries: member.entries,
  });
}
