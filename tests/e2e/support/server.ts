// Starts the production build (build/index.js) as its own process, on a free port, with its own temp
// database, the way `npm run serve` would. Browser journeys talk to it over HTTP like any other client.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SERVER_ENTRY = join(REPO_ROOT, "build", "index.js");
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LIMIT = 64 * 1024;

export interface StartServerOptions {
  /** Extra environment for the server; wins over the defaults (DATABASE_PATH, ORIGIN, LOG_REQUESTS, ...). */
  env?: Record<string, string>;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningServer {
  /** The origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The process started (with workers, their primary). */
  pid: number;
  port: number;
  databasePath: string;
  /** Where the server writes email as .eml files (it has no SMTP): read them with tests/setup/outbox.ts. */
  outboxDir: string;
  /** What the server wrote to stdout and stderr so far (the last 64 KB of each), for failure messages. */
  output(): string;
  /** SIGTERM, wait for a clean exit (SIGKILL after 15 s), then delete the temp database folder. Safe to call twice. */
  stop(): Promise<void>;
  /** Send a signal (default SIGKILL) and wait for the process to exit; keeps the database for a restart. */
  kill(signal?: NodeJS.Signals): Promise<ServerExit>;
}

// Servers still running when the test process exits (a crash, a forgotten stop()) are killed with it.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run npm run build first (the e2e tests use the production build).`);
  }
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const ownDir = options.env?.DATABASE_PATH ? null : mkdtempSync(join(tmpdir(), "roundtable-e2e-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    ORIGIN: url,
    LOG_REQUESTS: "0",
    // The server's mail sender writes on its own schedule; a test that wants it (tests/routes/reply-alerts)
    // turns it on, the others stay deterministic.
    MAIL_WORKER: "0",
    // One process, as before workers (docs/decisions/0028), unless TEST_WEB_CONCURRENCY asks for more: the
    // reliability tests run once with workers anyway, and TEST_WEB_CONCURRENCY=2 runs every server test so.
    WEB_CONCURRENCY: process.env.TEST_WEB_CONCURRENCY || "1",
    // A server of its own gets a SQLite file of its own, whatever engine the test file runs on.
    ...(ownDir
      ? { DATABASE_PATH: join(ownDir, "roundtable.db"), DATABASE_URL: "", OUTBOX_DIR: join(ownDir, "outbox") }
      : {}),
    ...options.env,
  };
  // Never the checkout's data/outbox: beside the database when none is given.
  env.OUTBOX_DIR ??= join(dirname(env.DATABASE_PATH as string), "outbox");
  const databasePath = env.DATABASE_PATH as string;
  const outboxDir = env.OUTBOX_DIR;

  // process.execPath, not npx or npm: the pid we signal is the server itself.
  const child = spawn(process.execPath, [SERVER_ENTRY], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const stdout = captureOutput(child.stdout);
  const stderr = captureOutput(child.stderr);
  const output = () => [stdout(), stderr()].filter(Boolean).join("\n");
  const exited = new Promise<ServerExit>((resolve) => {
    // "close", not "exit": by then stdout and stderr are fully read, so a crash message is complete.
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  const spawnFailed = new Promise<Error>((resolve) => child.once("error", resolve));

  const cleanUp = () => {
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  };
  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(forced);
    }
    cleanUp();
  };

  try {
    await waitUntilReady({ url, exited, spawnFailed, output: () => stderr() || stdout() });
  } catch (error) {
    await kill();
    cleanUp();
    throw error;
  }
  return { url, pid: child.pid!, port, databasePath, outboxDir, output, stop, kill };
}

async function waitUntilReady(args: {
  url: string;
  exited: Promise<ServerExit>;
  spawnFailed: Promise<Error>;
  output: () => string;
}): Promise<void> {
  // Set from callbacks, so kept on an object: TypeScript would narrow a local `let` to its initial value.
  const state: { failure?: Error } = {};
  void args.exited.then(({ code, signal }) => {
    state.failure ??= new Error(
      `The server exited before it was ready (code ${code}, signal ${signal}). Its output:\n${args.output()}`,
    );
  });
  void args.spawnFailed.then((error) => {
    state.failure ??= new Error(`Could not start the server: ${error.message}`);
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (state.failure) throw state.failure;
    if (await isHealthy(args.url)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `The server did not answer ${args.url}/healthz within ${READY_TIMEOUT_MS / 1000} s. Its output:\n${args.output()}`,
  );
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
    const body: unknown = await response.json();
    return response.ok && typeof body === "object" && body !== null && "ok" in body && body.ok === true;
  } catch {
    return false; // not listening yet
  }
}

/** Listen on port 0, note the port the OS picked, and give it back for the server to take. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      if (address === null || typeof address === "string") {
        probe.close();
        reject(new Error("Could not find a free port."));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

/** Keeps the tail of a stream (and keeps reading it, so the server never blocks on a full pipe). */
function captureOutput(stream: NodeJS.ReadableStream): () => string {
  let text = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    text += chunk;
    if (text.length > OUTPUT_LIMIT) text = text.slice(-OUTPUT_LIMIT);
  });
  return () => text.trimEnd();
}
