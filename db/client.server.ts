import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, Migrator, type Transaction } from "kysely";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./schema";
import { openSqliteEngine, type SqliteEngine } from "./sqlite/engine.server";

export type DB = Kysely<Database>;
/** What a model function runs its queries on: the database, or a transaction it was handed. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const DEFAULT_DATABASE_PATH = "./data/roundtable.db";

export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

export interface OpenDatabase {
  db: DB;
  engine: SqliteEngine;
  path: string;
  /** Tidies up after the engine (a WAL checkpoint on SQLite), then closes the connection. */
  close(): Promise<void>;
}

let current: OpenDatabase | undefined;

export function openDatabase(path = databasePath()): OpenDatabase {
  mkdirSync(dirname(path), { recursive: true });
  const engine = openSqliteEngine(path);
  const db = new Kysely<Database>({ dialect: engine.dialect });
  return {
    db,
    engine,
    path,
    close: async () => {
      engine.beforeClose();
      await db.destroy();
    },
  };
}

/** The process-wide database, opened on first use at DATABASE_PATH. */
export function getDb(): DB {
  current ??= openDatabase();
  return current.db;
}

/** The raw SQLite connection, for tools that work below Kysely (bench/generate.ts). */
export function getSqliteHandle(): SqliteEngine["handle"] {
  current ??= openDatabase();
  return current.engine.handle;
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

export async function closeDatabase(): Promise<void> {
  if (!current) return;
  const open = current;
  current = undefined;
  await open.close();
}
