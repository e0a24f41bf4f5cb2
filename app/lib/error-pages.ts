import { isRouteErrorResponse } from "@remix-run/react";
import type { TFunction } from "i18next";

// What an error page says, per status (components/error-boundary renders it), and its document title, so a 404
// has a title in the browser tab and in history like every other page. The words are in the `errors` catalog
// (app/locales/*/errors.json), one entry per status; a status without one reads as a 500. Browser-safe.

export const KNOWN_STATUSES = [400, 403, 404, 413, 429, 500] as const;

/** The catalog entry for a status: its own, or the 500's for a status we have no words for. */
export function errorStatusKey(status: number): string {
  return (KNOWN_STATUSES as readonly number[]).includes(status) ? String(status) : "500";
}

/** The document title of a status's error page, in `t`'s language. */
export function statusDocumentTitle(status: number, t: TFunction): string {
  const title = t(`status.${errorStatusKey(status)}.documentTitle`, { ns: "errors" });
  return t("documentTitle", { ns: "errors", title });
}

/** The document title of the error page for `error` (a thrown Response, or anything else: a 500). */
export function errorDocumentTitle(error: unknown, t: TFunction): string {
  return statusDocumentTitle(isRouteErrorResponse(error) ? error.status : 500, t);
}
