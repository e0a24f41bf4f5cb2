import { renderPostBody } from "./uploads.server";
import { takeWrite } from "./write-throttle.server";

/**
 * A member's Markdown as it would be published, for a composer's Preview button. Counts against the member's
 * preview limit; throws WriteThrottledError past it, or the renderer's MarkdownRefusedError (see writeRefusal).
 */
export async function previewMarkdown(input: { memberId: number; source: string }): Promise<string> {
  await takeWrite("preview", input.memberId);
  return (await renderPostBody(input.memberId, input.source)).html;
}
