// Renders members' Markdown off the main thread, with a deadline, so that no text can stall the server:
// a small pool of worker threads runs the synchronous renderer (markdown.server.ts) after the structure
// check (markdown-structure.server.ts); a render past its deadline ends its worker, which is replaced.
// How the worker starts in the bundled server, vitest and tsx scripts: docs/decisions/0010.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  MARKDOWN_MAX_LENGTH,
  MarkdownRefusedError,
  MarkdownTooLongError,
  type RenderedMarkdown,
  type RenderMarkdownOptions,
} from "./markdown.server";
import { MarkdownStructureError } from "./markdown-structure.server";
import type { RenderReply, RenderRequest, WorkerMessage } from "./markdown-worker.server";

export {
  MarkdownRefusedError,
  MarkdownStructureError,
  MarkdownTooLongError,
  type RenderedMarkdown,
  type RenderMarkdownOptions,
};

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** How long one render may take before its worker is ended (MARKDOWN_DEADLINE_MS). */
export const MARKDOWN_DEADLINE_MS = envNumber("MARKDOWN_DEADLINE_MS", 1_000);
/** Worker threads (MARKDOWN_WORKERS); by default one core stays free for the main thread. */
export const MARKDOWN_WORKERS = envNumber("MARKDOWN_WORKERS", Math.max(1, Math.min(2, availableParallelism() - 1)));
/**
 * Renders waiting for a worker; past this the writer is asked to try again rather than the queue growing. A
 * waiting render holds at most MARKDOWN_MAX_LENGTH characters, so 256 of them hold at most ~25 MB; an ordinary
 * post renders in about a millisecond, so a hundred members posting at once wait in it, not get a 503.
 */
export const MARKDOWN_QUEUE_MAX = Number(process.env.MARKDOWN_QUEUE_MAX ?? 256);
/** A worker's heap: a render that needs more ends the worker (and is "too complex"), not the server. */
const WORKER_HEAP_MB = 256;
const START_TIMEOUT_MS = 30_000;

export class MarkdownTooComplexError extends MarkdownRefusedError {
  override name = "MarkdownTooComplexError";
  constructor() {
    super(
      "This text is too complex to format. Please simplify its formatting (nesting, emphasis, tables) and try again.",
      { key: "composer:markdown.tooComplex" },
    );
  }
}

export class MarkdownBusyError extends MarkdownRefusedError {
  override name = "MarkdownBusyError";
  override readonly status = 503;
  constructor() {
    super("The server is busy formatting other posts. Your text is still here: please try again in a moment.", {
      key: "composer:markdown.busy",
    });
  }
}

export interface MarkdownPoolOptions {
  workers?: number;
  deadlineMs?: number;
  queueMax?: number;
}

interface Job {
  request: RenderRequest;
  resolve: (rendered: RenderedMarkdown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer?: NodeJS.Timeout;
}

export class MarkdownRenderPool {
  readonly #options: Required<MarkdownPoolOptions>;
  #slots: Slot[] = [];
  #queue: Job[] = [];
  #nextId = 0;
  #closed = false;

  constructor(options: MarkdownPoolOptions = {}) {
    this.#options = {
      workers: options.workers ?? MARKDOWN_WORKERS,
      deadlineMs: options.deadlineMs ?? MARKDOWN_DEADLINE_MS,
      queueMax: options.queueMax ?? MARKDOWN_QUEUE_MAX,
    };
  }

  render(source: string, options: RenderMarkdownOptions = {}): Promise<RenderedMarkdown> {
    if (this.#closed) return Promise.reject(new Error("The Markdown pool is closed."));
    if (this.#queue.length >= this.#options.queueMax) return Promise.reject(new MarkdownBusyError());
    return new Promise((resolve, reject) => {
      const request = {
        id: ++this.#nextId,
        source,
        linkMentions: options.linkMentions !== false,
        uploads: options.uploads ?? {},
      };
      this.#queue.push({ request, resolve, reject });
      this.start();
      this.#dispatch();
    });
  }

  /** Starts the workers now rather than at the first render (loading one takes a moment). */
  start(): void {
    while (!this.#closed && this.#slots.length < this.#options.workers) this.#slots.push(this.#spawn());
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0)) job.reject(new Error("The Markdown pool was closed."));
    await Promise.all(
      this.#slots.splice(0).map((slot) => {
        clearTimeout(slot.timer);
        slot.job?.reject(new Error("The Markdown pool was closed."));
        return this.#retire(slot);
      }),
    );
  }

  stats(): { workers: number; ready: number; busy: number; queued: number } {
    const ready = this.#slots.filter((s) => s.ready).length;
    const busy = this.#slots.filter((s) => s.job).length;
    return { workers: this.#slots.length, ready, busy, queued: this.#queue.length };
  }

  #spawn(): Slot {
    const worker = new Worker(workerEntry(), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, ready: false, job: null };
    const startTimer = setTimeout(() => {
      this.#lose(slot, new Error(`The Markdown worker did not start within ${START_TIMEOUT_MS / 1000} s.`));
    }, START_TIMEOUT_MS);
    startTimer.unref();
    worker.on("message", (message: WorkerMessage) => {
      if ("ready" in message) {
        clearTimeout(startTimer);
        slot.ready = true;
        // An idle worker does not keep a script alive; a render in progress does, through its deadline timer.
        worker.unref();
        this.#dispatch();
      } else this.#settle(slot, message);
    });
    worker.on("error", (error) => this.#lose(slot, error));
    worker.on("exit", (code) => this.#lose(slot, new Error(`The Markdown worker exited with code ${code}.`)));
    return slot;
  }

  #dispatch(): void {
    for (const slot of this.#slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.#queue.shift();
      if (!job) return;
      slot.job = job;
      slot.timer = setTimeout(() => this.#expire(slot), this.#options.deadlineMs);
      slot.worker.postMessage(job.request);
    }
  }

  #settle(slot: Slot, reply: RenderReply): void {
    const job = slot.job;
    if (!job || job.request.id !== reply.id) return;
    clearTimeout(slot.timer);
    slot.job = null;
    if (reply.ok) job.resolve({ html: reply.html, mentions: reply.mentions, images: reply.images });
    else if ("refused" in reply) {
      const { structure, found, limit } = reply.refused;
      job.reject(new MarkdownStructureError(structure, found, limit));
    } else job.reject(new Error(`The Markdown worker failed: ${reply.error}`));
    this.#dispatch();
  }

  /** Past the deadline: the worker cannot be interrupted, only ended. */
  #expire(slot: Slot): void {
    const job = slot.job;
    slot.job = null;
    job?.reject(new MarkdownTooComplexError());
    this.#replace(slot);
  }

  /** The worker failed or exited on its own ("error" and then "exit": only the first one counts). */
  #lose(slot: Slot, error: Error): void {
    if (!this.#slots.includes(slot)) return;
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
    job?.reject(outOfMemory ? new MarkdownTooComplexError() : error);
    if (slot.ready) return this.#replace(slot);
    // It never started. Unless another worker is running, waiting renders would never run: fail them now,
    // and start afresh at the next render rather than in a loop.
    this.#slots = this.#slots.filter((s) => s !== slot);
    void this.#retire(slot);
    if (!this.#slots.some((s) => s.ready)) for (const queued of this.#queue.splice(0)) queued.reject(error);
  }

  #replace(slot: Slot): void {
    this.#slots = this.#slots.filter((s) => s !== slot);
    void this.#retire(slot);
    this.start();
  }

  async #retire(slot: Slot): Promise<void> {
    slot.worker.removeAllListeners();
    slot.worker.on("error", () => {}); // it is being ended; nothing it says now matters
    await slot.worker.terminate();
  }
}

let entry: string | undefined;

/**
 * In the bundled server, build/markdown-worker.js next to build/server.js: the worker compiled to plain
 * JavaScript by `npm run build`, which starts without tsx and holds about 20 MB less (docs/decisions/0028).
 * Otherwise (vitest, tsx scripts) app/lib/markdown-worker.mjs, found from this module's own file or else
 * from the working directory.
 */
function workerEntry(): string {
  if (entry) return entry;
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, "markdown-worker.js");
  if (existsSync(join(here, "server.js")) && existsSync(bundled)) return (entry = bundled);
  const relative = join("app", "lib", "markdown-worker.mjs");
  const starts = [here, process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, relative))) return (entry = join(dir, relative));
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`Cannot find ${relative} above ${starts.join(" or ")}: the Markdown worker cannot start.`);
}

let pool: MarkdownRenderPool | undefined;

/**
 * A member's Markdown as HTML (sanitized) and the handles it mentions, rendered in a worker thread.
 * Throws a MarkdownRefusedError whose message is for the writer: MarkdownTooLongError,
 * MarkdownStructureError (refused before rendering), MarkdownTooComplexError (past the deadline or the
 * worker's memory) or MarkdownBusyError (status 503: too many renders waiting).
 */
export function renderMarkdownBounded(source: string, options: RenderMarkdownOptions = {}): Promise<RenderedMarkdown> {
  if (source.length > MARKDOWN_MAX_LENGTH) return Promise.reject(new MarkdownTooLongError(source.length));
  pool ??= new MarkdownRenderPool();
  return pool.render(source, options);
}

/** Starts the shared pool's workers ahead of the first render (the server calls this as it starts). */
export function startMarkdownWorkers(): void {
  pool ??= new MarkdownRenderPool();
  pool.start();
}

/** The shared pool's workers (started, ready to render, rendering) and renders waiting, for /healthz. */
export function markdownWorkerStats(): ReturnType<MarkdownRenderPool["stats"]> {
  return pool?.stats() ?? { workers: 0, ready: 0, busy: 0, queued: 0 };
}

export async function stopMarkdownWorkers(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
