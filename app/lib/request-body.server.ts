import { Readable } from "node:stream";
import type { Request as ExpressRequest } from "express";
import { MAX_BODY_BYTES } from "./http.server";
import { INBOUND_BYTES_MAX } from "./inbound-mail.server";

// What the server checks of a request body before any route reads it (see app/server.ts). Every action reads
// its body with request.formData(), which throws (a 500) on anything but a well-formed form, so the failures
// are answered here, as the client's: a body of another type is a 415, a broken multipart body a 400. A body
// sent chunked declares no length, so it is read here, counting, and refused past the limit with a 413.

const BODYLESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const URLENCODED = "application/x-www-form-urlencoded";
// None of our forms sends multipart, but mail clients' one-click unsubscribe (RFC 8058) should.
const MULTIPART = "multipart/form-data";

export type BodyCheck = { ok: true; body: Buffer | null } | { ok: false; status: 400 | 413 | 415; message: string };

export const TOO_LARGE_MESSAGE = "That request is too large (the limit is 256 KB).";

/** The largest request that can carry a file (issue 17): the largest file, 20 MB, and room for the form. */
export const UPLOAD_REQUEST_MAX_BYTES = 20 * 1024 * 1024 + MAX_BODY_BYTES;
export const UPLOAD_TOO_LARGE_MESSAGE =
  "That file is too large: pictures can be up to 10 MB and PDF files up to 20 MB. Go back to keep your text.";

// The forms that take a file: composers (a picture or PDF in a post) and the profile (a profile picture).
const FILE_FORM_PATHS = [
  /^\/uploads\/new$/,
  /^\/(?:threads|stories)\/new$/,
  /^\/posts\/[1-9][0-9]*\/(?:reply|edit)$/,
  /^\/rounds\/[1-9][0-9]*\/prompts\/[1-9][0-9]*\/answer$/,
  /^\/settings\/profile$/,
];

/**
 * How large a body may be: multipart bodies sent to a form that takes files may carry one (and are streamed to
 * the route, which reads the file as it arrives: lib/upload-form); every other body stays small.
 */
export function bodyLimitFor(req: Pick<ExpressRequest, "path" | "headers">): { limit: number; streamed: boolean } {
  // A whole email from a mail provider's webhook: read, bounded, by its route (app/routes/mail.inbound.tsx).
  if (req.path === "/mail/inbound") return { limit: INBOUND_BYTES_MAX, streamed: true };
  const multipart = (req.headers["content-type"] ?? "").toLowerCase().startsWith(MULTIPART);
  const chunked = req.headers["content-length"] === undefined;
  return multipart && !chunked && FILE_FORM_PATHS.some((path) => path.test(req.path))
    ? { limit: UPLOAD_REQUEST_MAX_BYTES, streamed: true }
    : { limit: MAX_BODY_BYTES, streamed: false };
}

/** Whether the body can go on to the routes; `body` is set when it had to be read here. */
export async function checkRequestBody(req: ExpressRequest, limit: number): Promise<BodyCheck> {
  if (BODYLESS_METHODS.has(req.method)) return { ok: true, body: null };
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== URLENCODED && type !== MULTIPART) {
    return {
      ok: false,
      status: 415,
      message: "Send this as a web form (application/x-www-form-urlencoded or multipart/form-data).",
    };
  }
  const chunked = req.headers["content-length"] === undefined && req.headers["transfer-encoding"] !== undefined;
  if (!chunked && type === URLENCODED) return { ok: true, body: null }; // any text parses as urlencoded
  const body = await readBodyWithin(req, limit);
  if (body === null) return { ok: false, status: 413, message: TOO_LARGE_MESSAGE };
  if (type === MULTIPART && !(await parsesAsForm(body, String(req.headers["content-type"])))) {
    return { ok: false, status: 400, message: "That form could not be read." };
  }
  return { ok: true, body };
}

async function parsesAsForm(body: Buffer, contentType: string): Promise<boolean> {
  try {
    await new Response(new Uint8Array(body), { headers: { "Content-Type": contentType } }).formData();
    return true;
  } catch {
    return false;
  }
}

/**
 * The whole body, or null when it passes `limit` bytes. Past the limit the rest is read and dropped, and the
 * answer waits for the end of the body: a client that asked to close the connection would otherwise be cut
 * off mid-upload and never read the refusal. (Node's requestTimeout ends a body that never ends.)
 */
function readBodyWithin(req: ExpressRequest, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.once("end", () => resolve(size <= limit ? Buffer.concat(chunks) : null));
    req.once("error", reject);
  });
}

/**
 * The request as the Remix adapter reads it (request line, headers, client address, body stream), with a
 * body already read here in place of the socket's stream, declared by its length.
 */
export function withReadBody(req: ExpressRequest, body: Buffer): ExpressRequest {
  const headers = { ...req.headers, "content-length": String(body.length) };
  delete headers["transfer-encoding"];
  return Object.assign(Readable.from([body]), {
    method: req.method,
    headers,
    url: req.url,
    originalUrl: req.originalUrl,
    protocol: req.protocol,
    hostname: req.hostname,
    ip: req.ip,
    socket: req.socket,
    get: req.get.bind(req),
  }) as unknown as ExpressRequest;
}
