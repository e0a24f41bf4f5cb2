import type BetterSqlite3 from "better-sqlite3";

// SQLite's housekeeping on an open handle: checkpoint, integrity check, change detection.

/** Checkpoints the WAL into the main file; called at shutdown so no -wal file is left behind. */
export function checkpoint(handle: BetterSqlite3.Database): void {
  handle.pragma("wal_checkpoint(TRUNCATE)");
}

export function integrityCheck(handle: BetterSqlite3.Database): string {
  return String(handle.pragma("integrity_check", { simple: true }));
}

/**
 * SQLite's data_version: it changes when another connection (another process, such as a CLI script)
 * commits to the database. The server's page cache uses it to notice writes it did not make.
 */
export function dataVersionReader(handle: BetterSqlite3.Database): () => number {
  // Prepared here, not through the driver's statement cache: pluck() changes the statement it is called on.
  const statement = handle.prepare("PRAGMA data_version").pluck();
  return () => statement.get() as number;
}
