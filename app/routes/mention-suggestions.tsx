import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { suggestionQuery, suggestMembers, takeSuggestionRequest } from "~/models/member-suggestions.server";

// GET /mention-suggestions?q=ana&thread=12: the "@" suggestions of the composers' Markdown field, as JSON.
// Members only (the list of who is here is not for visitors): a visitor gets 401 and nothing. Never cached:
// it answers a member, with what they are typing.

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = context.viewer;
  if (!viewer) return json({ members: [] }, { status: 401, headers: NO_STORE });
  const url = new URL(request.url);
  const query = suggestionQuery(url.searchParams.get("q"));
  if (!query) return json({ members: [] }, { headers: NO_STORE });
  if (!takeSuggestionRequest(viewer.id)) return json({ members: [] }, { status: 429, headers: NO_STORE });
  const members = await suggestMembers({
    query,
    viewerId: viewer.id,
    threadId: threadParam(url.searchParams.get("thread")),
  });
  return json({ members }, { headers: NO_STORE });
}

/** A thread id, or null for junk: suggestions without a thread are still suggestions. */
function threadParam(value: string | null): number | null {
  return value && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null;
}
