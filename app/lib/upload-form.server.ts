import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import { MAX_BODY_BYTES } from "./http.server";
import { TOO_LARGE_MESSAGE } from "./request-body.server";
import { sizeLimitFor, tooLargeMessage, UploadRefusedError } from "./upload-processing.server";
import { tr } from "./translate";

// Reads a form that may carry a file (issue 17): the text fields as request.formData() would, and the file
// kept apart, read as it streams in and refused past its limit (10 MB for a picture, 20 MB for a PDF, chosen
// from the file's first bytes) without keeping what follows. The rest of the body is still read, and dropped,
// so that the browser sees the answer (one that closes mid-upload shows a connection error instead); the
// server's body cap (UPLOAD_REQUEST_MAX_BYTES, lib/request-body) bounds that.

/** Bytes of files being received at once in this process, at most: past it a file is refused as "busy". */
const RECEIVING_BUDGET_BYTES = 64 * 1024 * 1024;
let receivingBytes = 0;

const SNIFF_BYTES = 1024;

export interface ReceivedFile {
  bytes: Buffer;
  /** The name it was sent under (its last path segment): shown, never trusted. */
  filename: string;
}

export interface UploadForm {
  formData: FormData;
  /** Files by field name, as received. */
  files: Map<string, ReceivedFile>;
  /** Files by field name that were refused while they arrived (too large, or the server too busy). */
  refused: Map<string, UploadRefusedError>;
}

function isMultipart(request: Request): boolean {
  return (request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * The form, with the files sent in `fileFields` kept apart (other file fields are read and dropped). A form
 * sent without files (urlencoded) is read as usual. Throws a 400 Response for a body that is not a form, a 413
 * for text fields past the ordinary body limit.
 */
export async function readUploadForm(request: Request, fileFields: readonly string[]): Promise<UploadForm> {
  const files = new Map<string, ReceivedFile>();
  const refused = new Map<string, UploadRefusedError>();
  if (!isMultipart(request)) return { formData: await request.formData(), files, refused };
  let textBytes = 0;
  const readText = async (part: UploadHandlerPart) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of part.data) {
      textBytes += chunk.length;
      if (textBytes > MAX_BODY_BYTES) throw new Response(TOO_LARGE_MESSAGE, { status: 413 });
      chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };
  const handler = async (part: UploadHandlerPart) => {
    if (part.filename === undefined) return readText(part);
    if (!fileFields.includes(part.name) || files.has(part.name)) {
      for await (const _chunk of part.data) void _chunk; // not ours to take: read past it
      return undefined;
    }
    const outcome = await receiveFile(part);
    if (outcome instanceof UploadRefusedError) refused.set(part.name, outcome);
    else if (outcome) files.set(part.name, outcome);
    return undefined;
  };
  try {
    const formData = await unstable_parseMultipartFormData(request, handler);
    return { formData, files, refused };
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response(tr("composer:upload.formUnreadable"), { status: 400 });
  }
}

/** One file, as it streams in: null when the field was left empty. */
async function receiveFile(part: UploadHandlerPart): Promise<ReceivedFile | UploadRefusedError | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  let reserved = 0;
  let limit: { kind: "image" | "document"; limit: number } | null = null;
  let refusal: UploadRefusedError | null = null;
  try {
    for await (const chunk of part.data) {
      size += chunk.length;
      if (refusal) continue; // read past the rest of a refused file
      chunks.push(Buffer.from(chunk));
      if (receivingBytes + chunk.length > RECEIVING_BUDGET_BYTES) {
        refusal = new UploadRefusedError(tr("composer:upload.busyFiles"), 503);
        chunks.length = 0;
        continue;
      }
      receivingBytes += chunk.length;
      reserved += chunk.length;
      limit ??= size >= SNIFF_BYTES ? sizeLimitFor(Buffer.concat(chunks).subarray(0, SNIFF_BYTES)) : null;
      if (limit && size > limit.limit) {
        refusal = new UploadRefusedError(tooLargeMessage(limit.kind), 413);
        chunks.length = 0;
      }
    }
    if (refusal) return refusal;
    if (size === 0) return null;
    const bytes = Buffer.concat(chunks);
    const final = limit ?? sizeLimitFor(bytes);
    if (bytes.length > final.limit) return new UploadRefusedError(tooLargeMessage(final.kind), 413);
    return { bytes, filename: part.filename ?? "" };
  } finally {
    // The bytes stay with the caller until processed; processing takes them one file at a time
    // (upload-processing), so what waits there is bounded by its queue, not by this budget.
    receivingBytes -= reserved;
  }
}
