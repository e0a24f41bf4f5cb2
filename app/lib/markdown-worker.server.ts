// Runs in the Markdown worker thread (see markdown-bounded.server.ts): checks a member's text, then renders
// it with the synchronous renderer. A slow render blocks only this thread; the pool's deadline ends it.
import { parentPort } from "node:worker_threads";
import { renderMarkdownWithMentions, type UploadedImage, type UploadedImageUse } from "./markdown.server";
import {
  checkInlineRuns,
  checkMarkdownLines,
  MarkdownStructureError,
  type MarkdownStructure,
} from "./markdown-structure.server";

export interface RenderRequest {
  id: number;
  source: string;
  linkMentions: boolean;
  uploads: Record<string, UploadedImage>;
}

export type RenderReply =
  | { id: number; ok: true; html: string; mentions: string[]; images: UploadedImageUse[] }
  | { id: number; ok: false; refused: { structure: MarkdownStructure; found: number; limit: number } }
  | { id: number; ok: false; error: string };

/** What the worker posts: once `{ ready: true }` when it can take requests, then one reply per request. */
export type WorkerMessage = RenderReply | { ready: true };

function render({ id, source, linkMentions, uploads }: RenderRequest): RenderReply {
  try {
    checkMarkdownLines(source);
    return { id, ok: true, ...renderMarkdownWithMentions(source, { linkMentions, uploads }, checkInlineRuns) };
  } catch (error) {
    if (error instanceof MarkdownStructureError) {
      return { id, ok: false, refused: { structure: error.structure, found: error.found, limit: error.limit } };
    }
    return { id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const port = parentPort;
if (!port) throw new Error("markdown-worker.server.ts runs only in a worker thread.");
port.on("message", (request: RenderRequest) => port.postMessage(render(request) satisfies WorkerMessage));
// The first render in a fresh thread compiles marked's and sanitize-html's code: do it before the deadline runs.
render({
  id: 0,
  source: "Warm *up* @someone [a](/b) ![g](https://h.example/i.png)\n\n- c\n\n> d\n\n| e |\n| - |\n| f |",
  linkMentions: true,
  uploads: {},
});
port.postMessage({ ready: true } satisfies WorkerMessage);
