import type { ActionFunctionArgs } from "@remix-run/node";
import { requireWriter } from "~/auth/guards.server";
import { composerResponse } from "~/lib/http.server";
import { parseForm, previewSchema } from "~/lib/validation";
import { previewMarkdown } from "~/models/previews.server";
import { writeRefusal } from "~/models/write-throttle.server";

// The live preview beside every composer (components/markdown-preview.tsx): the text as it would be published,
// through the same server render and sanitizer as the Preview button, and counted against the same limit.
// An action only: there is no page here, so a GET is Remix's 405.
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireWriter(request, context);
  const parsed = parseForm(previewSchema, await request.formData());
  // The text is not sent back: the composer has it, and it may be long.
  const fields = {};
  if (!parsed.success) return composerResponse({ fieldErrors: parsed.fieldErrors, fields }, 400);
  if (parsed.data.bodySource.trim() === "") return composerResponse({ preview: "", fields });
  try {
    return composerResponse({
      preview: await previewMarkdown({ memberId: viewer.id, source: parsed.data.bodySource }),
      fields,
    });
  } catch (error) {
    const refused = writeRefusal(error, "bodySource");
    if (!refused) throw error;
    return composerResponse({ fieldErrors: refused.fieldErrors, fields }, refused.status);
  }
}
