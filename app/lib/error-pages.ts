import { isRouteErrorResponse } from "@remix-run/react";

// What an error page says, per status (components/error-boundary renders it), and its document title, so a 404
// has a title in the browser tab and in history like every other page. Browser-safe.

export const ERROR_MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request did not make sense", body: "Something in the address or the form was not right." },
  403: { title: "You can't do that", body: "Your account does not have permission for this page or action." },
  404: { title: "We couldn't find that page", body: "It may have moved, or the address may be mistyped." },
  413: { title: "That was too large", body: "The form you sent was over our size limit." },
  429: {
    title: "Slow down a little",
    body: "You've done that many times in a short while. Please wait and try again.",
  },
};

const DOCUMENT_TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Not allowed",
  404: "Page not found",
  413: "Too large",
  429: "Too many requests",
};

export const NOT_FOUND_TITLE = `${DOCUMENT_TITLES[404]} · Roundtable`;

/** The document title of the error page for `error` (a thrown Response, or anything else: a 500). */
export function errorDocumentTitle(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return `${DOCUMENT_TITLES[status] ?? "Something went wrong"} · Roundtable`;
}
