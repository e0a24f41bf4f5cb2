import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireModerator } from "~/auth/guards.server";
import { requireId } from "~/lib/params";
import { tr } from "~/lib/translate";
import { buildRoundExport, exportCsv } from "~/models/round-export.server";

// /rounds/:id/export.csv: the round's answers as consent allows (see app/models/round-export.server.ts).
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  const roundId = requireId(params.id, "round");
  const data = await buildRoundExport(roundId);
  if (!data) throw new Response(tr("rounds:roundPage.noSuchRound"), { status: 404 });
  return new Response(exportCsv(data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="round-${roundId}-answers.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
