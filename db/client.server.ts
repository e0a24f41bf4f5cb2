import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, Migrator, type Transaction } from "kysely";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./schema";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { CloseOptions, CounterOptions, DatabaseEngine } from "./engine";
import type { SearchDialect } from "./search/dialect";
import { openPostgresEngine, type PostgresEngine } from "./postgres/engine.server";
import { openSqliteEngine, type SqliteEngine } from "./sqlite/engine.server";

export type DB = Kysely<Database>;
/** What a model function runs its queries on: the database, or a transaction it was handed. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const DEFAULT_DATABASE_PATH = "./data/roundtable.db";

export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

/** True for a PostgreSQL connection string (postgres:// or postgresql://). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Where the process's database is: DATABASE_URL (PostgreSQL) when set, else the SQLite file at DATABASE_PATH.
 * One switch; nothing else in the app asks which engine it runs on.
 */
export function databaseLocation(): string {
  const url = process.env.DATABASE_URL;
  if (url) {
    if (!isPostgresUrl(url)) throw new Error("DATABASE_URL must be a postgres:// URL (or unset, for SQLite).");
    return url;
  }
  return databasePath();
}

/** The location for logs: a PostgreSQL URL without its password. */
export function describeLocation(location = databaseLocation()): string {
  if (!isPostgresUrl(location)) return location;
  const url = new URL(location);
  if (url.password) url.password = "***";
  return url.toString();
}

export interface OpenDatabase {
  db: DB;
  engine: SqliteEngine | PostgresEngine;
  /** The SQLite file, or the PostgreSQL URL. */
  path: string;
  /** Tidies up after the engine (a WAL checkpoint on SQLite, unless told not to), then closes the connection. */
  close(options?: CloseOptions): Promise<void>;
}

let current: OpenDatabase | undefined;

export function openDatabase(path = databaseLocation()): OpenDatabase {
  const engine = isPostgresUrl(path) ? openPostgresEngine(path) : openSqliteFile(path);
  const db = new Kysely<Database>({ dialect: engine.dialect });
  return {
    db,
    engine,
    path,
    close: async (options = {}) => {
      engine.beforeClose(options);
      await db.destroy();
      // Kysely closes a SQLite connection only if a query ever ran through it (its driver starts on the first);
      // the engine opened the file at once. Left open, the -wal file would outlive the process that checkpointed.
      if (engine.name === "sqlite" && engine.handle.open) engine.handle.close();
    },
  };
}

function openSqliteFile(path: string): SqliteEngine {
  mkdirSync(dirname(path), { recursive: true });
  return openSqliteEngine(path);
}

/** The process-wide database, opened on first use (DATABASE_URL, else DATABASE_PATH). */
export function getDb(): DB {
  current ??= openDatabase();
  return current.db;
}

/** The raw SQLite connection, for tools that work below Kysely (bench/generate.ts). */
export function getSqliteHandle(): SqliteEngine["handle"] {
  current ??= openDatabase();
  if (current.engine.name !== "sqlite") throw new Error("This tool works on SQLite only.");
  return current.engine.handle;
}

/** The process-wide database's engine (for /healthz and the tools in db/; models never ask). */
export function getEngine(): DatabaseEngine {
  current ??= openDatabase();
  return current.engine;
}

/** Changes when another process commits to the process-wide database (see DatabaseEngine). */
export function readChangeVersion(): number {
  current ??= openDatabase();
  return current.engine.readChangeVersion();
}

/**
 * After a committed erasure (an account deletion): no earlier version of what it erased stays in the engine's
 * files (docs/decisions/0016). False when another process held it back; the next call, or the next checkpoint
 * at shutdown, finishes it.
 */
export function scrubErasedData(): Promise<boolean> {
  current ??= openDatabase();
  return current.engine.afterErasure(current.db);
}

export async function migrateToLatest(db: DB = getDb()): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function closeDatabase(options: CloseOptions = {}): Promise<void> {
  if (!current) return;
  const open = current;
  current = undefined;
  await open.close(options);
}

/** The part of a rate-limiter-flexible counter the brakes use. */
export type SharedCounter = Pick<RateLimiterAbstract, "consume" | "reward" | "delete">;

/**
 * A counter all app processes share (see DatabaseEngine.createCounter), made on first use so that importing a
 * module with brakes opens no database.
 */
export function sharedCounter(options: CounterOptions): SharedCounter {
  let counter: RateLimiterAbstract | undefined;
  const get = () => (counter ??= getEngine().createCounter(options));
  return {
    consume: (key, points, ...rest) => get().consume(key, points, ...rest),
    reward: (key, points, ...rest) => get().reward(key, points, ...rest),
    delete: (key, ...rest) => get().delete(key, ...rest),
  };
}

/** How the process-wide database matches and ranks full-text searches. */
export function searchDialect(): SearchDialect {
  return getEngine().search;
}

/** Runs `work` while no other process runs work under the same name (see DatabaseEngine.exclusively). */
export function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
  current ??= openDatabase();
  return current.engine.exclusively(current.db, name, work);
}
