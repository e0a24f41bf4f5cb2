import type { Viewer } from "./auth/viewer";

// What the server (app/server.ts) hands every loader and action.
declare module "@remix-run/node" {
  interface AppLoadContext {
    viewer: Viewer | null;
    sessionId: string | null;
    requestId: string;
    cspNonce: string;
  }
}

export {};
