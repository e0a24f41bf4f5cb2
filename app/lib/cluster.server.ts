// One server process per core (docs/decisions/0028-workers.md). WEB_CONCURRENCY picks how many; with one,
// `node build/index.js` is a single process as it always was. With more, that process is the primary: it
// prepares the database once, forks the workers that serve HTTP, keeps the rate-limit counters they share,
// restarts a worker that crashes, and on SIGTERM/SIGINT lets each worker finish and then folds the WAL once.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import { logError, logInfo } from "./log.server";

/** WEB_CONCURRENCY (a whole number from 1), else one per core in production and one under `npm run dev`. */
export function webConcurrency(): number {
  const raw = process.env.WEB_CONCURRENCY;
  const value = Number(raw);
  if (raw && Number.isInteger(value) && value >= 1) return value;
  return process.env.NODE_ENV === "development" ? 1 : availableParallelism();
}

/** True in a worker forked by runPrimary (not in a single process, nor in a CLI script). */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * True in the one process that runs once-only background work (the mail sender, the backfill): a single
 * process, or the worker in slot 0 (its replacement inherits the slot when it is restarted).
 */
export function runsBackgroundWork(): boolean {
  return !cluster.isWorker || process.env.ROUNDTABLE_WORKER_SLOT === "0";
}

/** How many server processes share this machine's memory budget (caches divide it among themselves). */
export function serverProcessCount(): number {
  return cluster.isWorker ? Number(process.env.ROUNDTABLE_WORKERS) || 1 : 1;
}

// A worker that dies soon after it started waits before its replacement starts: 0.5 s, doubling up to 30 s.
// One that served a minute or more counts as healthy, so a rare crash restarts it at once.
const RESTART_FIRST_MS = 500;
const RESTART_MAX_MS = 30_000;
const HEALTHY_AFTER_MS = 60_000;
// Workers give requests in flight 10 s (app/server.ts); past this the primary stops waiting for them.
const STOP_TIMEOUT_MS = 20_000;

export interface PrimaryOptions {
  workers: number;
  /** Migrations and seed, run once before any worker starts; the primary closes the database after. */
  prepare(): Promise<void>;
  /** After every worker has exited: the one WAL checkpoint, and close. */
  finish(): Promise<void>;
}

/**
 * V8 heap settings for each worker, given on its command line. Left to itself, V8 sizes a process's heap for
 * the machine's memory (gigabytes here): it lets the old generation grow to several times what is live before a
 * full collection, and every worker's heap holds that much garbage under load. A lower limit makes V8 grow the
 * heap by a smaller factor (it scales with the limit) and collect sooner; the young generation's semi-spaces
 * are what every allocation passes through (docs/decisions/0034). WORKER_OLD_SPACE_MB / WORKER_SEMI_SPACE_MB
 * override them; a flag already given (node's own command line, NODE_OPTIONS) is left as it is.
 */
export function workerHeapFlags(
  env: Record<string, string | undefined> = process.env,
  given: string[] = process.execArgv,
): string[] {
  // Node accepts V8's flags with underscores too (--max_old_space_size).
  const already = `${given.join(" ")} ${env.NODE_OPTIONS ?? ""}`.replace(/_/g, "-");
  const flags: string[] = [];
  const add = (flag: string, name: string, fallback: number) => {
    const value = Number(env[name]);
    const mb = env[name] && Number.isInteger(value) && value >= 0 ? value : fallback;
    if (mb > 0 && !already.includes(flag)) flags.push(`${flag}=${mb}`);
  };
  add("--max-old-space-size", "WORKER_OLD_SPACE_MB", WORKER_OLD_SPACE_MB);
  add("--max-semi-space-size", "WORKER_SEMI_SPACE_MB", WORKER_SEMI_SPACE_MB);
  return flags;
}
const WORKER_OLD_SPACE_MB = 512;
const WORKER_SEMI_SPACE_MB = 8;

const report = (message: string) => logError(new Error(message), { task: "workers" });

export async function runPrimary(options: PrimaryOptions): Promise<void> {
  await options.prepare();
  // The counters every worker's brakes use on SQLite (db/sqlite/engine.server.ts): in this process's memory.
  new RateLimiterClusterMaster();

  cluster.setupPrimary({ execArgv: [...process.execArgv, ...workerHeapFlags()] });

  let stopping = false;
  let failed = false;
  const slots = new Map<Worker, { slot: number; startedAt: number }>();
  const crashes = new Map<number, number>(); // slot -> quick crashes in a row

  const fork = (slot: number) => {
    const worker = cluster.fork({ ROUNDTABLE_WORKER_SLOT: String(slot), ROUNDTABLE_WORKERS: String(options.workers) });
    slots.set(worker, { slot, startedAt: Date.now() });
  };

  // Until one worker has listened, a worker that exits means the server cannot start (a port in use, a bad
  // setting): the primary gives up, as a single process would, rather than restarting it forever.
  let started = false;
  cluster.once("listening", () => {
    started = true;
  });

  cluster.on("exit", (worker, code, signal) => {
    const entry = slots.get(worker);
    slots.delete(worker);
    if (!entry) return;
    if (!started && !stopping) {
      report(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}) before listening.`);
      failed = true;
      stop("start-up failure");
      return;
    }
    if (stopping) {
      if (code !== 0) failed = true;
      if (slots.size === 0) void finish();
      return;
    }
    const quick = Date.now() - entry.startedAt < HEALTHY_AFTER_MS;
    const inARow = quick ? (crashes.get(entry.slot) ?? 0) + 1 : 1;
    crashes.set(entry.slot, inARow);
    const delay = quick ? Math.min(RESTART_FIRST_MS * 2 ** (inARow - 1), RESTART_MAX_MS) : 0;
    report(`Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); restarting in ${delay} ms.`);
    setTimeout(() => {
      if (!stopping) fork(entry.slot);
    }, delay);
  });

  const finish = async () => {
    try {
      await options.finish();
      logInfo("Closed.");
    } catch (error) {
      logError(error, { task: "closing the database" });
      failed = true;
    }
    process.exit(failed ? 1 : 0);
  };

  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logInfo(`${signal}: finishing requests in flight, then closing.`);
    if (slots.size === 0) return void finish();
    // A signal, not worker.kill() (which disconnects first): a worker keeps its channel to the primary, and so
    // its rate-limit counters, until its last request is answered.
    for (const worker of slots.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of slots.keys()) worker.process.kill("SIGKILL");
    }, STOP_TIMEOUT_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  for (let slot = 0; slot < options.workers; slot++) fork(slot);
  logInfo(`Started ${options.workers} workers (WEB_CONCURRENCY); the primary (pid ${process.pid}) serves no requests.`);
}
