// How deep a thread page indents replies, shared by the model that selects them and the pages that render
// them. Not in models/thread-page.server.ts: the browser bundle gets an empty module for a .server import,
// so a page reading the limit from there hydrated with `undefined` and lost "Continue this thread".

/** Deeper replies are behind "continue this thread" (/posts/:id). */
export const MAX_DISPLAY_DEPTH = 6;
