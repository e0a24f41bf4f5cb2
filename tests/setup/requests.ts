import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { readSession, startSession } from "~/auth/session.server";
import { runAfterResponse, settleAfterResponse } from "~/lib/after-response.server";

export const ORIGIN = "http://localhost:3000";

type Params = Record<string, string>;

/** A session cookie header for a member, made through the real login path (lucia + our adapter). */
export async function sessionCookieFor(memberId: number): Promise<string> {
  return (await startSession(memberId)).split(";")[0]!;
}

/** The load context the server would build for this request: the viewer read from its cookie. */
export async function contextFor(request: Request): Promise<AppLoadContext> {
  const session = await readSession(request.headers.get("Cookie"));
  return {
    viewer: session.viewer,
    sessionId: session.sessionId,
    requestId: "test",
    cspNonce: "test-nonce",
    clientIp:
      request.headers.get("X-Test-Client-Ip") ??
      `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    afterResponse: runAfterResponse,
  };
}

export function formRequest(path: string, form: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body });
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

/**
 * Calls a route's loader or action as Remix would; a thrown Response (redirect, 403, 404) is returned. What
 * the request left for after its response (email) has run by the time this returns.
 */
export async function run(
  fn: (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown,
  request: Request,
  params: Params = {},
): Promise<Response> {
  try {
    const context = await contextFor(request);
    const result = await fn({ request, params, context });
    const response =
      result instanceof Response
        ? result
        : new Response(JSON.stringify(result), { headers: { "Content-Type": "application/json" } });
    // As for a data request (app/entry.server.tsx): markup the loader rendered comes in its data.
    if (!context.serverMarkup?.size || response.status !== 200) return response;
    const data = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify({ ...data, serverMarkup: Object.fromEntries(context.serverMarkup) }), {
      headers: response.headers,
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  } finally {
    await settleAfterResponse();
  }
}

export function cookieFrom(response: Response): string {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("The response set no cookie.");
  return header.split(";")[0]!;
}
