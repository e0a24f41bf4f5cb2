import type { AppLoadContext } from "@remix-run/node";
import { formatDateTime } from "~/lib/format";
import { languageNow } from "~/lib/translate";
import { getActiveSuspension } from "~/models/members-moderation.server";
import { isAdmin, isModerator } from "~/lib/permissions";
import { tr } from "~/lib/translate";
import { requireViewer } from "./session.server";
import type { Viewer } from "./viewer";

/** A signed-in member who may write: a suspended member can read but not post, react, flag or save drafts. */
export async function requireWriter(request: Request, context: AppLoadContext): Promise<Viewer> {
  const viewer = requireViewer(request, context);
  const suspension = await getActiveSuspension(viewer.id);
  if (suspension) {
    const until = suspension.endsAt
      ? tr("account:guard.suspendedUntil", {
          date: formatDateTime(suspension.endsAt, languageNow()),
          reason: suspension.reason,
        })
      : tr("account:guard.suspendedUntilLifted", { reason: suspension.reason });
    throw new Response(until, { status: 403 });
  }
  return viewer;
}

export function requireModerator(request: Request, context: AppLoadContext): Viewer {
  const viewer = requireViewer(request, context);
  if (!isModerator(viewer)) throw new Response(tr("account:guard.moderatorsOnly"), { status: 403 });
  return viewer;
}

export function requireAdmin(request: Request, context: AppLoadContext): Viewer {
  const viewer = requireViewer(request, context);
  if (!isAdmin(viewer)) throw new Response(tr("account:guard.adminsOnly"), { status: 403 });
  return viewer;
}
