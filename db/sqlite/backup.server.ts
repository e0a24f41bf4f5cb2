import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { integrityCheck } from "./maintenance.server";

// Online backup and restore (npm run db:backup / db:restore, app/cli/). SQLite's backup API copies a
// consistent snapshot while the server keeps writing; restore swaps files with every server stopped.

const SQLITE_HEADER = "SQLite format 3\0";
const SIDE_FILES = ["-wal", "-shm", "-journal"];

/** A refusal the CLI reports as one plain sentence (exit code 1), not a stack trace. */
export class BackupRefusal extends Error {}

export interface BackupResult {
  target: string;
  bytes: number;
  pages: number;
  ms: number;
}

/**
 * Copies the live database at `source` to `target` with SQLite's online backup API. All pages go in one
 * step, so the copy is the snapshot of one moment: in WAL mode that read never blocks the server's writes,
 * whereas a copy in small steps restarts each time another process commits, and may never finish under load.
 * The copy is written beside the target, checked, turned into a single self-contained file (journal mode
 * DELETE) and only then renamed into place, so `target` is never a half-written backup.
 */
export async function backupDatabase(
  source: string,
  target: string,
  options: { overwrite?: boolean } = {},
): Promise<BackupResult> {
  const started = performance.now();
  if (!existsSync(source)) throw new BackupRefusal(`There is no database at ${source} (set DATABASE_PATH).`);
  if (resolvePath(source) === resolvePath(target))
    throw new BackupRefusal("The backup file must not be the database itself.");
  if (existsSync(target) && !options.overwrite) {
    throw new BackupRefusal(`${target} already exists. Choose another name, or add --force to replace it.`);
  }
  if (!existsSync(dirname(resolvePath(target))))
    throw new BackupRefusal(`The folder ${dirname(resolvePath(target))} does not exist.`);
  const partial = `${target}.partial-${process.pid}`;
  removeWithSideFiles(partial);
  const handle = new BetterSqlite3(source, { fileMustExist: true });
  try {
    handle.pragma("busy_timeout = 5000");
    await handle.backup(partial, { progress: () => 0x7fffffff });
  } catch (error) {
    removeWithSideFiles(partial);
    throw error;
  } finally {
    handle.close();
  }
  let pages = 0;
  const copy = new BetterSqlite3(partial, { fileMustExist: true });
  try {
    const integrity = integrityCheck(copy);
    if (integrity !== "ok") throw new Error(`The backup copy failed its integrity check: ${integrity}`);
    copy.pragma("journal_mode = DELETE");
    pages = Number(copy.pragma("page_count", { simple: true }));
  } catch (error) {
    copy.close();
    removeWithSideFiles(partial);
    throw error;
  }
  copy.close();
  syncFile(partial);
  renameSync(partial, target);
  syncFile(dirname(resolvePath(target)));
  return { target, bytes: statSync(target).size, pages, ms: performance.now() - started };
}

export interface BackupCheck {
  migrations: string[];
  pages: number;
}

/**
 * Is this file a database we can restore: SQLite, intact (`PRAGMA integrity_check`), with our migrations
 * table, and made by migrations this version knows (a backup from a newer version would be misread)?
 */
export function checkBackupFile(path: string, knownMigrations: readonly string[], label = path): BackupCheck {
  requireSqliteHeader(path, label);
  // Read-write, so a copy still in WAL mode (made by hand from a live file) opens too; callers pass a copy.
  const handle = new BetterSqlite3(path, { fileMustExist: true });
  try {
    let integrity: string;
    try {
      integrity = integrityCheck(handle);
    } catch (error) {
      // A file damaged badly enough (truncated, say) fails before the check can report anything.
      if (error instanceof BetterSqlite3.SqliteError) throw new BackupRefusal(`${label} is damaged: ${error.message}.`);
      throw error;
    }
    if (integrity !== "ok") throw new BackupRefusal(`${label} fails PRAGMA integrity_check: ${integrity}`);
    const table = handle
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
      .get();
    if (!table)
      throw new BackupRefusal(`${label} is a SQLite database, but not a Roundtable one (it has no migrations table).`);
    const migrations = handle.prepare("SELECT name FROM kysely_migration ORDER BY name").pluck().all() as string[];
    const unknown = migrations.filter((name) => !knownMigrations.includes(name));
    if (unknown.length) {
      throw new BackupRefusal(
        `${label} was made by a newer version of Roundtable (migrations ${unknown.join(", ")}); restore it with that version.`,
      );
    }
    return { migrations, pages: Number(handle.pragma("page_count", { simple: true })) };
  } finally {
    handle.close();
  }
}

function requireSqliteHeader(path: string, label: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new BackupRefusal(`There is no file at ${label}.`);
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, "r");
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") !== SQLITE_HEADER) throw new BackupRefusal(`${label} is not a SQLite database.`);
}

/**
 * Fails unless no other process has the database open. Leaving WAL mode needs the only connection to the
 * file, so the attempt is a reliable test for a running server (or a cron script) that needs no lock file
 * of our own; a BEGIN EXCLUSIVE would not do, as WAL lets readers in beside it. On success the WAL has been
 * folded into the main file, so the file alone is the whole database.
 */
export function requireNoOtherConnection(path: string): void {
  const handle = new BetterSqlite3(path, { fileMustExist: true });
  try {
    handle.pragma("busy_timeout = 1000");
    let mode: unknown;
    try {
      mode = handle.pragma("journal_mode = DELETE", { simple: true });
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) mode = "busy";
      else throw error;
    }
    if (mode !== "delete") {
      throw new BackupRefusal(
        `${path} is open in another process: stop the server (and any cron script using it) first.`,
      );
    }
  } finally {
    handle.close();
  }
}

export interface RestoreResult {
  /** Where the database that was replaced now is, or null when there was none. */
  previous: string | null;
  bytes: number;
  migrations: string[];
  ms: number;
}

/**
 * Replaces the database at `target` with the backup at `source`, with every server stopped. The backup is
 * copied beside the target and checked there (what is checked is what goes live); the old database is kept
 * as `<target>.before-restore-<timestamp>`, and stale -wal/-shm files are removed, since SQLite would
 * otherwise replay an old WAL onto the restored file.
 */
export function restoreDatabase(
  source: string,
  target: string,
  knownMigrations: readonly string[],
  now = new Date(),
): RestoreResult {
  const started = performance.now();
  if (resolvePath(source) === resolvePath(target)) throw new BackupRefusal("The backup file is the database itself.");
  requireSqliteHeader(source, source);
  mkdirSync(dirname(resolvePath(target)), { recursive: true });
  const incoming = `${target}.restoring-${process.pid}`;
  removeWithSideFiles(incoming);
  copyFileSync(source, incoming);
  let check: BackupCheck;
  try {
    check = checkBackupFile(incoming, knownMigrations, source);
    syncFile(incoming);
    // Only now, with a good backup in hand, is the live database touched at all.
    if (existsSync(target)) requireNoOtherConnection(target);
  } catch (error) {
    removeWithSideFiles(incoming);
    throw error;
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    const stamp = `${target}.before-restore-${now
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z")}`;
    // Two restores in one second must not overwrite the first one's kept database.
    previous = stamp;
    for (let n = 2; existsSync(previous); n++) previous = `${stamp}-${n}`;
    renameSync(target, previous);
  }
  for (const suffix of SIDE_FILES) rmSync(target + suffix, { force: true });
  renameSync(incoming, target);
  syncFile(dirname(resolvePath(target)));
  return { previous, bytes: statSync(target).size, migrations: check.migrations, ms: performance.now() - started };
}

function removeWithSideFiles(path: string): void {
  for (const suffix of ["", ...SIDE_FILES]) rmSync(path + suffix, { force: true });
}

/** fsync a file or a folder, so a rename survives a power loss along with the bytes it names. */
function syncFile(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
