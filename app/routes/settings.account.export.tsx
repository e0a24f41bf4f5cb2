import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { siteOrigin } from "~/auth/lucia.server";
import { requireViewer } from "~/auth/session.server";
import { takeExportAttempt } from "~/auth/throttle.server";
import { streamOfText } from "~/lib/http.server";
import { writeAccountExport } from "~/models/account-export.server";

// "Download your data" (a resource route: the answer is the file). A POST, so another site can't spend the
// member's few exports an hour; the form is a plain one on /settings/account, so the browser saves the file.

/** The address typed or bookmarked: the page with the form. */
export function loader() {
  return redirect("/settings/account");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const wait = await takeExportAttempt(viewer.id);
  if (wait) return redirect(`/settings/account?exportWait=${wait}`);
  const now = Date.now();
  const site = siteOrigin() ?? new URL(request.url).origin;
  const filename = `roundtable-${viewer.handle}-${new Date(now).toISOString().slice(0, 10)}.json`;
  const pieces = writeAccountExport(viewer.id, { site, now });
  return new Response(streamOfText(pieces, { drained: context.drained, signal: request.signal }), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
