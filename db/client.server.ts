import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Kysely, Migrator, type Transaction } from "kysely";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./schema";
import { createSqliteDialect, openSqlite, type SqliteHandle } from "./sqlite/driver.server";
import { checkpoint } from "./sqlite/maintenance.server";

export type DB = Kysely<Database>;
/** What a model function runs its queries on: the database, or a transaction it was handed. */
export type Executor = Kysely<Database> | Transaction<Database>;

export const DEFAULT_DATABASE_PATH = "./data/roundtable.db";

export function databasePath(): string {
  return resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
}

interface OpenDatabase {
  db: DB;
  handle: SqliteHandle;
  path: string;
}

let current: OpenDatabase | undefined;

export function openDatabase(path = databasePath()): OpenDatabase {
  mkdirSync(dirname(path), { recursive: true });
  const handle = openSqlite(path);
  const db = new Kysely<Database>({ dialect: createSqliteDialect(handle) });
  return { db, handle, path };
}

/** The process-wide database, opened on first use at DATABASE_PATH. */
export function getDb(): DB {
  current ??= openDatabase();
  return current.db;
}

export function getSqliteHandle(): SqliteHandle {
  current ??= openDatabase();
  return current.handle;
}

export async function migrateToLatest(db: DB = getDb()): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function closeDatabase(): Promise<void> {
  if (!current) return;
  const { db, handle } = current;
  current = undefined;
  if (handle.open) checkpoint(handle);
  await db.destroy();
}
