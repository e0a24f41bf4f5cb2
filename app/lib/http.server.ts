import { json } from "@remix-run/node";
import type { FieldErrors, Fields } from "./validation";
import { siteOrigin } from "~/auth/lucia.server";
import { logError } from "./log.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for every state-changing request: its Origin (or, when it sends none, its Referer) must be
 * this site. The expected origin is ORIGIN when set, otherwise the Host header the request came to; never
 * X-Forwarded-Host, which a client can set freely.
 */
export function isSameOriginRequest(input: {
  method: string;
  origin?: string | null;
  referer?: string | null;
  host?: string | null;
  protocol: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  const expected = siteOrigin() ?? (input.host ? `${input.protocol}://${input.host}` : null);
  if (!expected) return false;
  // "null" is the Origin of a sandboxed document, a data: URL or a request redirected from another site:
  // never one of our own pages, whatever its Referer claims.
  if (input.origin === "null") return false;
  const claimed = input.origin ? input.origin : originOf(input.referer);
  return claimed === expected;
}

function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The origin links in emails point at: ORIGIN when set, else this machine (http://localhost:PORT), never the
 * request's Host: a Host header is the client's to choose, and a password-reset link sent to a victim must
 * never lead to the attacker's host. The request is taken so that callers need not know the rule.
 */
export function publicOrigin(_request: Request): string {
  return siteOrigin() ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/**
 * Whether Remix's own CSRF check lets an action through: when a request has an Origin (or "null"), its host
 * must be the first X-Forwarded-Host, or else the Host. Remix answers a 500 when it fails (a Host whose port
 * differs from the Origin's, behind a proxy or with ORIGIN set; a forged X-Forwarded-Host; Origin "null"), so
 * the server refuses such a request first, as it does a cross-site one.
 */
export function passesRemixOriginCheck(input: {
  method: string;
  origin?: string | null;
  forwardedHost?: string | string[] | null;
  host?: string | null;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase()) || !input.origin) return true;
  let originHost: string;
  try {
    originHost = input.origin === "null" ? "null" : new URL(input.origin).host;
  } catch {
    return false;
  }
  const forwarded = [input.forwardedHost ?? []].flat().join(",").split(",")[0]?.trim();
  const host = forwarded || input.host;
  return Boolean(host) && originHost === host;
}

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The answer to a form that failed validation: 400, the messages per field, and what the user typed. A form
 * refused for who sent it (403) or how often (429) is answered the same way, with that status.
 */
export function invalidForm(fieldErrors: FieldErrors, fields: Fields, status: 400 | 403 | 429 = 400) {
  return json<{ fieldErrors: FieldErrors; fields: Fields }>({ fieldErrors, fields }, { status });
}

/** What every composer action answers with when it does not redirect: one shape for every intent. */
export interface ComposerActionData {
  savedDraftId: number | null;
  preview: string | null;
  fieldErrors: FieldErrors;
  fields: Fields;
}

export function composerResponse(data: Partial<ComposerActionData> & { fields: Fields }, status = 200) {
  return json<ComposerActionData>({ savedDraftId: null, preview: null, fieldErrors: {}, ...data }, { status });
}

/**
 * A response body made of the pieces of text `pieces` yields, each taken only when the client has read what
 * went before (`drained`, from the load context), so that a long export is never held whole. The generator is
 * stopped when the client goes away (`signal`, the request's).
 */
export function streamOfText(
  pieces: AsyncGenerator<string>,
  flow: { drained?: () => Promise<void>; signal?: AbortSignal } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        await flow.drained?.();
        if (flow.signal?.aborted) {
          await pieces.return(undefined);
          controller.close();
          return;
        }
        const { value, done } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        logError(error);
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return(undefined);
    },
  });
}
