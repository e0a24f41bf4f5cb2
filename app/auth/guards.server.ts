import type { AppLoadContext } from "@remix-run/node";
import { formatDateTime } from "~/lib/format";
import { languageNow } from "~/lib/translate";
import { getActiveSuspension } from "~/models/members-moderation.server";
import { isAdmin, isModerator } from "~/lib/permissions";
import { requireViewer } from "./session.server";
import type { Viewer } from "./viewer";

/** A signed-in member who may write: a suspended member can read but not post, react, flag or save drafts. */
export async function requireWriter(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = requireViewer(request, context);
  const suspension = await getActiveSuspension(viewer.id);
  if (suspension) {
    const until = suspension.endsAt
      ? `until ${formatDateTime(suspension.endsAt, languageNow())}`
      : "until a moderator lifts it";
    throw new Response(`Your account is suspended ${until}. Reason: ${suspension.reason}`, { status: 403 });
  }
  return viewer;
}

export function requireModerator(request: Request, context: AppLoadContext): Viewer {
  const viewer = requireViewer(request, context);
  if (!isModerator(viewer)) throw new Response("This is for moderators.", { status: 403 });
  return viewer;
}

export function requireAdmin(request: Request, context: AppLoadContext): Viewer {
  const viewer = requireViewer(request, context);
  if (!isAdmin(viewer)) throw new Response("This is for admins.", { status: 403 });
  return viewer;
}
