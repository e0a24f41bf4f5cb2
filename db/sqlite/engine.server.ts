import cluster from "node:cluster";
import BetterSqlite3 from "better-sqlite3";
import { RateLimiterCluster, RateLimiterMemory } from "rate-limiter-flexible";
import type { DatabaseEngine } from "../engine";
import { fts5Search } from "../search/fts5";
import { ImmediateSqliteDialect, StatementCache } from "./driver.server";
import { scrubAfterErasure } from "./erasure.server";
import { checkpoint, dataVersionReader } from "./maintenance.server";

// SQLite as Roundtable runs it: one better-sqlite3 connection per process with the pragmas below, behind
// Kysely's SQLite driver (./driver.server.ts). Backup and restore are in ./backup.server.ts.

/** How long a worker waits for its primary to answer a counter (it answers from memory, within a millisecond). */
const COUNTER_TIMEOUT_MS = 5_000;

/** How many server processes share this machine (set for each worker by its primary); 1 elsewhere. */
function serverProcesses(): number {
  return cluster.isWorker ? Number(process.env.ROUNDTABLE_WORKERS) || 1 : 1;
}

/** SQLITE_CACHE_MB, the page cache of all the server's connections together, in MiB. */
function sqliteCacheMb(): number {
  const value = Number(process.env.SQLITE_CACHE_MB);
  return process.env.SQLITE_CACHE_MB && Number.isFinite(value) && value > 0 ? value : DEFAULT_CACHE_MB;
}
const DEFAULT_CACHE_MB = 64;

export interface SqliteEngine extends DatabaseEngine {
  readonly name: "sqlite";
  /** The raw connection, for the few tools that work below Kysely (bench/generate.ts, housekeeping). */
  readonly handle: BetterSqlite3.Database;
}

export function openSqlite(path: string): BetterSqlite3.Database {
  const handle = new BetterSqlite3(path);
  // WAL: readers never wait for the writer. synchronous=FULL: a commit is fsynced to the WAL before we
  // answer, so an acknowledged write survives a killed process and a power loss (docs/decisions/0002).
  handle.pragma("journal_mode = WAL");
  handle.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL"}`);
  handle.pragma("foreign_keys = ON");
  handle.pragma("busy_timeout = 5000");
  // The server's page cache (SQLITE_CACHE_MB): each of its workers (app/lib/cluster.server.ts) keeps its share.
  handle.pragma(`cache_size = -${Math.floor((sqliteCacheMb() * 1024) / serverProcesses())}`);
  handle.pragma("temp_store = MEMORY");
  // Deleted and overwritten content is zeroed, not left in free space (docs/decisions/0016): an erased
  // account, post or bio leaves no readable copy in the file, whenever it was last changed.
  handle.pragma("secure_delete = ON");
  return handle;
}

export function openSqliteEngine(path: string): SqliteEngine {
  const handle = openSqlite(path);
  let readDataVersion: (() => number) | undefined;
  return {
    name: "sqlite",
    handle,
    dialect: new ImmediateSqliteDialect({ database: new StatementCache(handle) }),
    readChangeVersion: () => (readDataVersion ??= dataVersionReader(handle))(),
    ready: async () => {},
    beforeClose: (options) => {
      if (handle.open && options?.checkpoint !== false) checkpoint(handle);
    },
    afterErasure: scrubAfterErasure,
    // A server worker's counters live in its primary (RateLimiterClusterMaster), so all workers share them.
    createCounter: (options) =>
      cluster.isWorker
        ? new RateLimiterCluster({ ...options, timeoutMs: COUNTER_TIMEOUT_MS })
        : new RateLimiterMemory(options),
    search: fts5Search,
    exclusively: (_db, _name, work) => work(),
  };
}
