import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireWriter } from "~/auth/guards.server";
import { readUploadForm } from "~/lib/upload-form.server";
import { UploadRefusedError } from "~/lib/upload-processing.server";
import { saveUpload, uploadMarkdown } from "~/models/uploads.server";
import { tr } from "~/lib/translate";

// POST /uploads/new: the composer's drag-and-drop, paste and file picker when JavaScript runs. One file in the
// field "file"; the answer is JSON: the upload and the Markdown to insert, or the reason it was refused. (Without
// JavaScript the composer's own form carries the file: models/composer-attachments.)

export type UploadAnswer =
  | {
      ok: true;
      upload: { kind: "image" | "document"; url: string; width: number | null; height: number | null; name: string };
      markdown: string;
    }
  /** `fieldErrors` as every form answers: the message, for the file field. */
  | { ok: false; message: string; fieldErrors?: { file: string } };

function refused(message: string, status: number) {
  return json<UploadAnswer>({ ok: false, message, fieldErrors: { file: message } }, status);
}

export async function loader() {
  return new Response(tr("composer:upload.usePost"), { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return refused(tr("composer:upload.sendWithPost"), 405);
  const viewer = await requireWriter(request, context);
  const form = await readUploadForm(request, ["file"]);
  const problem = form.refused.get("file");
  if (problem) return refused(problem.message, problem.status);
  const file = form.files.get("file");
  if (!file) return refused(tr("composer:upload.chooseFile"), 400);
  try {
    const upload = await saveUpload({
      memberId: viewer.id,
      purpose: "post",
      bytes: file.bytes,
      originalName: file.filename,
    });
    const alt = String(form.formData.get("alt") ?? "");
    return json<UploadAnswer>({
      ok: true,
      upload: {
        kind: upload.kind,
        url: upload.url,
        width: upload.width,
        height: upload.height,
        name: upload.originalName,
      },
      markdown: uploadMarkdown(upload, alt),
    });
  } catch (error) {
    if (!(error instanceof UploadRefusedError)) throw error;
    return refused(error.message, error.status);
  }
}
