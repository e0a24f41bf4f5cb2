import type { Dialect, Kysely } from "kysely";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { SearchDialect } from "./search/dialect";

// What the app needs from a database engine. db/client.server.ts opens one; each engine's code lives in its
// own folder (db/sqlite/ today, db/postgres/ later), so models and routes never ask which one they run on.

export interface DatabaseEngine {
  readonly name: "sqlite" | "postgres";
  /** Kysely's dialect for this engine, set up as we run it (connection settings, transaction mode). */
  readonly dialect: Dialect;
  /**
   * A number that changes when another process commits to the database (SQLite: `PRAGMA data_version`).
   * The visitor page cache polls it to notice writes it did not make.
   */
  readChangeVersion(): number;
  /** Resolves once change detection is running (PostgreSQL: LISTEN is set up); at once on SQLite. */
  ready(): Promise<void>;
  /**
   * Runs before Kysely's destroy() closes the connection (SQLite: fold the WAL into the main file, unless
   * `checkpoint` is false: a server worker leaves that to its primary, which does it once for all).
   */
  beforeClose(options?: CloseOptions): void;
  /**
   * Runs after a transaction that erased personal data has committed (an account deletion), through `db` so
   * that it waits its turn: whatever the engine keeps of earlier versions of the changed pages goes (SQLite:
   * the WAL is checkpointed and truncated). False when something held it back (another process reading).
   */
  afterErasure(db: Kysely<any>): Promise<boolean>;
  /**
   * A rate-limiter-flexible counter every app process sees: PostgreSQL's rate_limits table (migration 0018),
   * so a brake tripped on one instance holds on all; on SQLite, the server's memory: this process's, or with
   * workers (app/lib/cluster.server.ts) the primary's, which every worker asks over IPC.
   */
  createCounter(options: CounterOptions): RateLimiterAbstract;
  /**
   * Runs `work` while no other process runs work under the same name: start-up's migrations and seed when
   * several instances start at once. PostgreSQL: a session advisory lock; SQLite: at once (one server serves;
   * with workers, its primary prepares the database before forking them, and writes run one at a time).
   */
  exclusively<T>(db: Kysely<any>, name: string, work: () => Promise<T>): Promise<T>;
  /** How this engine matches and ranks full-text searches (db/search/). */
  readonly search: SearchDialect;
}

export interface CloseOptions {
  /** SQLite: checkpoint the WAL before closing (default true). */
  checkpoint?: boolean;
}

export interface CounterOptions {
  keyPrefix: string;
  /** How many a key may take within `duration`. */
  points: number;
  /** Seconds. */
  duration: number;
}

/**
 * Statements run so far, counted by every engine's driver (transaction control included); tests use it to
 * prove a page costs a constant number of queries.
 */
export const queryCounter = { count: 0 };
