import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireModerator } from "~/auth/guards.server";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { buildRoundExport, exportJson } from "~/models/round-export.server";

// /rounds/:id/export.json: the same rows as the CSV, with the counts per consent.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  const roundId = requireId(params.id, "round");
  const data = await buildRoundExport(roundId);
  if (!data) throw new Response(tr("rounds:roundPage.noSuchRound"), { status: 404 });
  return new Response(exportJson(data), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="round-${roundId}-answers.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
