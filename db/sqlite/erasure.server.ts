import { type Kysely, sql } from "kysely";

// What SQLite keeps of data a transaction erased, and how it goes (docs/decisions/0016). With secure_delete
// on (every connection, see engine.server.ts) the erased cells and freed pages are zeroed in the pages the
// transaction writes. Until a checkpoint, though, the WAL still holds the earlier versions of those pages, and
// a checkpoint that does not truncate leaves old frames in the file to be overwritten some day.

/**
 * Folds the WAL into the main file and truncates it to nothing. Run through Kysely, so it waits for the
 * transaction or stream that holds the connection; false when a reader in another process kept it from
 * finishing (the frames it could not fold stay until the next checkpoint that can).
 */
export async function scrubAfterErasure(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}
