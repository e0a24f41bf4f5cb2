import type { Viewer } from "./auth/viewer";
import type { AfterResponse } from "./lib/after-response.server";

// What the server (app/server.ts) hands every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    viewer: Viewer | null;
    sessionId: string | null;
    requestId: string;
    /** This response's CSP nonce; none for a page rendered for the visitor cache (see lib/csp.server.ts). */
    cspNonce?: string;
    /** The TCP peer address (X-Forwarded-For is used only when TRUST_PROXY is set). */
    clientIp: string;
    /** Runs work (sending email) once this request's response has gone out (lib/after-response.server). */
    afterResponse: AfterResponse;
  }
}

export {};
