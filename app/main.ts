// What `node build/index.js` runs: a small entry, compiled on its own by `npm run build` (esbuild), in front
// of the server bundle (build/server.js, app/server.ts). A single process (WEB_CONCURRENCY=1) and every worker
// load the server bundle and serve. With workers, this process is their primary and loads only what a primary
// needs: node:cluster and the rate-limit counters. The app (React, Remix, the routes and every package they
// import, about 50 MB resident) stays out of it (docs/decisions/0034).
import { fork } from "node:child_process";
import cluster from "node:cluster";
import { fileURLToPath } from "node:url";
import { runPrimary, webConcurrency } from "./lib/cluster.server";
import { logError } from "./lib/log.server";

const serverBundle = new URL("./server.js", import.meta.url);
const workers = webConcurrency();

if (cluster.isPrimary && workers > 1) {
  try {
    await runPrimary({
      workers,
      // Migrations and the baseline seed (which renders Markdown) run in a process of their own that loads
      // the server bundle, does only this and exits, so that none of it stays in the primary's memory.
      prepare: () => runServerStep("prepare"),
      // After every worker has closed its connection: fold the WAL into the main file once, and leave no -wal
      // behind. Only the database layer is loaded for it (a chunk of its own, imported here at the end).
      finish: async () => {
        const { closeDatabase, getDb } = await import("../db/client.server");
        getDb();
        await closeDatabase();
      },
    });
  } catch (error) {
    logError(error, { task: "starting the server" });
    process.exit(1);
  }
} else {
  await import(serverBundle.href);
}

/** Runs the server bundle for one step (ROUNDTABLE_STEP, app/server.ts) and waits for it to exit cleanly. */
function runServerStep(step: "prepare"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(serverBundle), [], { env: { ...process.env, ROUNDTABLE_STEP: step } });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`The server's ${step} step exited with ${signal ?? `code ${code}`}.`));
    });
  });
}
