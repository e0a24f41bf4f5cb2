import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { RequestIdContext } from "~/components/request-id";
import { logError } from "~/lib/log.server";

// We render whole pages at once (no deferred data), which is simpler and faster than streaming and lets
// the server compress and cache a finished page.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const markup = renderToString(
    <RequestIdContext.Provider value={loadContext.requestId}>
      <RemixServer context={remixContext} url={request.url} nonce={loadContext.cspNonce} />
    </RequestIdContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { status: responseStatusCode, headers: responseHeaders });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // Aborted requests (the visitor left) are not errors worth a log line; nor is an address no route matches
  // (the catch-all route takes every other one, but not one with a line break in it).
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  logError(error, { requestId: context.requestId, method: request.method, path: new URL(request.url).pathname });
};
