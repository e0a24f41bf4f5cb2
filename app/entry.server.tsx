import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { DocumentStatusContext } from "~/components/language-alternates";
import { RequestIdContext } from "~/components/request-id";
import { ServerMarkupContext } from "~/components/server-markup";
import "~/lib/catalogs.server";
import { DEFAULT_LANGUAGE, i18nFor } from "~/lib/i18n";
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
  // One i18next instance per language, shared by every request in it (lib/i18n.ts): its language never changes.
  const i18n = i18nFor(loadContext.language ?? DEFAULT_LANGUAGE);
  const markup = renderToString(
    <I18nextProvider i18n={i18n}>
      <DocumentStatusContext.Provider value={responseStatusCode}>
        <RequestIdContext.Provider value={loadContext.requestId}>
          <ServerMarkupContext.Provider value={loadContext.serverMarkup ?? null}>
            <RemixServer context={remixContext} url={request.url} nonce={loadContext.cspNonce} />
          </ServerMarkupContext.Provider>
        </RequestIdContext.Provider>
      </DocumentStatusContext.Provider>
    </I18nextProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // Encoded here, in one native pass: a string body would be checked character by character (toUSVString)
  // and encoded again on the way out, which costs more than rendering a thread page's replies.
  return new Response(Buffer.from(`<!DOCTYPE html>${markup}`, "utf8"), {
    status: responseStatusCode,
    headers: responseHeaders,
  });
}

// A data request (a client navigation or revalidation) gets the markup its loader rendered inside its data, as
// `serverMarkup` (components/server-markup.tsx); a document gets it in the page only.
export const handleDataRequest: HandleDataRequestFunction = async (response, { context }) => {
  const markup = context.serverMarkup;
  if (!markup?.size || response.status !== 200) return response;
  if (!response.headers.get("Content-Type")?.startsWith("application/json")) return response;
  const data = (await response.json()) as Record<string, unknown>;
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(JSON.stringify({ ...data, serverMarkup: Object.fromEntries(markup) }), {
    status: response.status,
    headers,
  });
};

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // Aborted requests (the visitor left) are not errors worth a log line; nor is an address no route matches
  // (the catch-all route takes every other one, but not one with a line break in it).
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status < 500)) return;
  logError(error, { requestId: context.requestId, method: request.method, path: new URL(request.url).pathname });
};
