// The Markdown worker thread's entry (started by markdown-bounded.server.ts). Plain JavaScript, so that node
// can start it however the app runs: the bundled server (build/index.js), vitest, tsx scripts. It loads the
// TypeScript worker through tsx's API, which compiles just what this import reaches (docs/decisions/0010).
import { tsImport } from "tsx/esm/api";

await tsImport("./markdown-worker.server.ts", import.meta.url);
