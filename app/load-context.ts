import type { Viewer } from "./auth/viewer";
import type { AfterResponse } from "./lib/after-response.server";
import type { Language } from "./lib/i18n";

// What the server (app/server.ts) hands every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    viewer: Viewer | null;
    sessionId: string | null;
    requestId: string;
    /** This response's CSP nonce; none for a page rendered for the visitor cache (see lib/csp.server.ts). */
    cspNonce?: string;
    /** The page's language (lib/language.server.ts); English when absent (tests that call routes directly). */
    language?: Language;
    /** The TCP peer address (X-Forwarded-For is used only when TRUST_PROXY is set). */
    clientIp: string;
    /** Runs work (sending email) once this request's response has gone out (lib/after-response.server). */
    afterResponse: AfterResponse;
    /**
     * Resolves once what the response wrote so far has gone out to the client (or the client went away). Remix
     * writes a streamed body as fast as it is made, so a long body (a data export) waits on this between pieces
     * to be made only as fast as the client reads it. Absent outside the server (tests call routes directly).
     */
    drained?: () => Promise<void>;
    /**
     * Markup a loader rendered to HTML for its page (a thread's replies), by name: handed to the page by
     * entry.server, outside the loader data (components/server-markup.tsx). A loader creates it when it needs it.
     */
    serverMarkup?: Map<string, string>;
  }
}

export {};
