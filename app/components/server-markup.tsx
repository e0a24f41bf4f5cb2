import { useLoaderData } from "@remix-run/react";
import { createContext, useContext } from "react";

// Markup a loader rendered on the server (a thread page's replies, docs/decisions/0030-0031), handed to the
// page without going through its loader data: the loader sets `context.serverMarkup`; for a document request
// entry.server provides it here, and for a data request (a client navigation, a revalidation) entry.server's
// handleDataRequest adds it to the data as `serverMarkup`. So a page's replies are sent once, as HTML, never
// again as hydration data.

export const ServerMarkupContext = createContext<ReadonlyMap<string, string> | null>(null);

/**
 * The named markup: from the server while rendering a document; from the route's data after a client
 * navigation; null in the browser right after a document load, when the HTML is already on the page.
 */
export function useServerMarkup(name: string): string | null {
  const fromServer = useContext(ServerMarkupContext);
  const data = useLoaderData() as { serverMarkup?: Record<string, string> } | null;
  return fromServer?.get(name) ?? data?.serverMarkup?.[name] ?? null;
}
