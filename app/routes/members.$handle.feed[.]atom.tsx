import type { LoaderFunctionArgs } from "@remix-run/node";
import { atomResponse } from "~/lib/atom.server";
import { tr } from "~/lib/translate";
import { listMemberThreadEntries } from "~/models/feeds.server";

// /members/:handle/feed.atom: the stories and discussions a member starts.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const handle = (params.handle ?? "").toLowerCase();
  const member = await listMemberThreadEntries(handle);
  if (!member) throw new Response(tr("browse:feeds.member.notFound"), { status: 404 });
  return atomResponse(request, {
    title: tr("browse:feeds.member.feedTitle", { name: member.displayName }),
    path: `/members/${handle}/feed.atom`,
    alternatePath: `/members/${handle}`,
    entries: member.entries,
  });
}
