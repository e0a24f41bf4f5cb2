import { readUploadForm } from "~/lib/upload-form.server";
import { UploadRefusedError } from "~/lib/upload-processing.server";
import { findOwnUpload, saveUpload, uploadMarkdown, type UploadView } from "./uploads.server";
import { tr } from "~/lib/translate";

// A picture or PDF added through a composer's own form, the way that works without JavaScript (issue 17): the
// form is sent as multipart with the file in ATTACHMENT_FIELD and its description in ATTACHMENT_ALT_FIELD. The
// file is taken (uploads.server) and its Markdown added at the end of the text it is for, before the route reads
// the form, so previews, drafts and publishing see an ordinary text. A picture sent without a description is kept
// and waits in PENDING_UPLOAD_FIELD (the browser would not send the file twice) until the form comes back with one.

export const ATTACHMENT_FIELD = "attachment";
export const ATTACHMENT_ALT_FIELD = "attachmentAlt";
export const PENDING_UPLOAD_FIELD = "pendingUpload";
/** Which of a composer's texts the file goes into (a story's sections); the first when absent. */
export const ATTACH_TO_FIELD = "attachTo";

const PENDING_NAME = /^[0-9a-f]{64}\.(?:jpg|png|webp|gif|pdf)$/;

export type ComposerForm =
  | { ok: true; formData: FormData }
  | { ok: false; formData: FormData; status: number; fieldErrors: Record<string, string> };

/**
 * The composer's form with its attachment, if any, added to its text (`targets`: the names of the form's text
 * fields it may go into, the default first). Not ok, with a message next to the file or description field,
 * when the file is refused or a picture has no description; the form's text is kept either way.
 */
export async function readComposerForm(
  request: Request,
  memberId: number,
  targets: readonly [string, ...string[]],
): Promise<ComposerForm> {
  const { formData, files, refused } = await readUploadForm(request, [ATTACHMENT_FIELD]);
  const problem = refused.get(ATTACHMENT_FIELD);
  if (problem) return refusedAttachment(formData, problem);
  let upload: UploadView | null = null;
  const file = files.get(ATTACHMENT_FIELD);
  if (file) {
    try {
      upload = await saveUpload({ memberId, purpose: "post", bytes: file.bytes, originalName: file.filename });
    } catch (error) {
      if (error instanceof UploadRefusedError) return refusedAttachment(formData, error);
      throw error;
    }
  } else {
    const pending = String(formData.get(PENDING_UPLOAD_FIELD) ?? "");
    if (PENDING_NAME.test(pending)) upload = await findOwnUpload(memberId, pending);
    if (pending && !upload) {
      formData.delete(PENDING_UPLOAD_FIELD);
      return notOk(formData, 400, { [ATTACHMENT_FIELD]: tr("composer:upload.gone") });
    }
  }
  if (!upload) return { ok: true, formData };
  const alt = String(formData.get(ATTACHMENT_ALT_FIELD) ?? "").trim();
  if (upload.kind === "image" && !alt) {
    formData.set(PENDING_UPLOAD_FIELD, upload.name);
    return notOk(formData, 400, {
      [ATTACHMENT_ALT_FIELD]: tr("composer:upload.describeThenAttach"),
    });
  }
  const requested = String(formData.get(ATTACH_TO_FIELD) ?? "");
  const target = targets.includes(requested) ? requested : targets[0];
  const text = String(formData.get(target) ?? "").trimEnd();
  formData.set(target, `${text}${text ? "\n\n" : ""}${uploadMarkdown(upload, alt)}`);
  formData.delete(PENDING_UPLOAD_FIELD);
  formData.delete(ATTACHMENT_ALT_FIELD);
  return { ok: true, formData };
}

function refusedAttachment(formData: FormData, error: UploadRefusedError): ComposerForm {
  return notOk(formData, error.status, { [ATTACHMENT_FIELD]: error.message });
}

function notOk(formData: FormData, status: number, fieldErrors: Record<string, string>): ComposerForm {
  return { ok: false, formData, status, fieldErrors };
}
