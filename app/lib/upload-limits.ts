// The size limits of uploads (issue 17), shared by the server (lib/upload-processing.server, lib/upload-form.server)
// and the composer's script (components/composer/upload-client), which checks a file before sending it. Which
// limit applies is read from the file's first bytes, never its name or declared type.

import { tr } from "./translate";

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export function tooLargeMessage(kind: "image" | "document"): string {
  return kind === "image" ? tr("composer:upload.pictureTooLarge") : tr("composer:upload.pdfTooLarge");
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** A PDF's header may follow a few bytes of junk: the format allows it within the first 1,024. */
export function looksLikePdf(head: Uint8Array): boolean {
  const end = Math.min(head.length, 1024) - PDF_MAGIC.length;
  for (let i = 0; i <= end; i++) if (PDF_MAGIC.every((byte, j) => head[i + j] === byte)) return true;
  return false;
}

/** From the first bytes: a PDF may be up to 20 MB, anything else is a picture or refused, up to 10 MB. */
export function sizeLimitFor(head: Uint8Array): { kind: "image" | "document"; limit: number } {
  return looksLikePdf(head)
    ? { kind: "document", limit: DOCUMENT_MAX_BYTES }
    : { kind: "image", limit: IMAGE_MAX_BYTES };
}
