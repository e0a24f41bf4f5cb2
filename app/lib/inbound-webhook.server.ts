import { createHash, timingSafeEqual } from "node:crypto";
import { INBOUND_BYTES_MAX } from "./inbound-mail.server";

// POST /mail/inbound (issue 20): a mail provider's webhook hands us one whole message. Only with the shared
// secret INBOUND_MAIL_SECRET (refused when it is not set), given as `Authorization: Bearer …`, an
// `X-Inbound-Secret` header or, for providers that let you set only a URL, `?secret=…`.

export type InboundRequest = { ok: true; raw: Buffer } | { ok: false; status: 400 | 401 | 404 | 413 | 415 };

function sameSecret(given: string, expected: string): boolean {
  // Digests first: equal lengths for timingSafeEqual, and the comparison tells nothing of the secret's length.
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function inboundSecretMatches(request: Request, env: NodeJS.ProcessEnv = process.env): boolean | null {
  const expected = env.INBOUND_MAIL_SECRET;
  if (!expected) return null;
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const given =
    bearer ?? request.headers.get("x-inbound-secret") ?? new URL(request.url).searchParams.get("secret") ?? "";
  return given !== "" && sameSecret(given, expected);
}

async function readBounded(request: Request): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Past the bound: stop reading, without cancelling (that would reset the connection before the 413 is
    // read); the route answers with Connection: close.
    if (size > INBOUND_BYTES_MAX) {
      reader.releaseLock();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// The form fields providers put the raw message in: SendGrid's Inbound Parse ("email", with "POST the raw,
// full MIME message"), Mailgun's stored-message forward ("body-mime").
const RAW_FIELDS = ["email", "body-mime"];

/** The raw message of a webhook request: the body itself (message/rfc822 and the like) or a form's field. */
export async function readInboundRequest(request: Request): Promise<InboundRequest> {
  const secret = inboundSecretMatches(request);
  if (secret === null) return { ok: false, status: 404 };
  if (!secret) return { ok: false, status: 401 };
  const bytes = await readBounded(request);
  if (bytes === null) return { ok: false, status: 413 };
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data" || type === "application/x-www-form-urlencoded") {
    const form = await new Response(new Uint8Array(bytes), {
      headers: { "content-type": request.headers.get("content-type")! },
    })
      .formData()
      .catch(() => null);
    const field = RAW_FIELDS.map((name) => form?.get(name)).find((value) => value !== null && value !== undefined);
    if (field === undefined) return { ok: false, status: 400 };
    return {
      ok: true,
      raw: typeof field === "string" ? Buffer.from(field, "utf8") : Buffer.from(await field.arrayBuffer()),
    };
  }
  if (!["message/rfc822", "text/plain", "application/octet-stream", ""].includes(type))
    return { ok: false, status: 415 };
  return bytes.length ? { ok: true, raw: bytes } : { ok: false, status: 400 };
}
