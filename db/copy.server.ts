import { createHash, type Hash } from "node:crypto";
import { type Kysely, type RawBuilder, sql } from "kysely";
import { migrateToLatest, type DB } from "./client.server";
import { migrationProvider } from "./migrations/index";
import {
  advanceIdentity,
  inForeignKeyOrder,
  readTableShapes,
  tablesWithRows,
  type TableShape,
} from "./postgres/catalog.server";

// Moving a community from SQLite to PostgreSQL (npm run db:copy, README "Moving to PostgreSQL"): every table
// copied with its ids, in foreign-key order, a page at a time, inside one transaction on the target, so a copy
// that fails or does not verify leaves the target as empty as it found it. Then each table's rows are counted
// and hashed on both sides (docs/decisions/0026).

/** Rows per page: a page is one SELECT on the source and one INSERT on the target. */
export const PAGE_ROWS = 1000;
/** PostgreSQL takes at most 65,535 parameters in one statement; wide tables get shorter pages. */
const PAGE_PARAMETERS = 30_000;

/**
 * Not copied: the search index and its vocabulary are rebuilt from SQLite's index (the tsvector and the
 * vocabulary follow by themselves), Kysely's own bookkeeping is the target's migration, and rate_limits
 * (PostgreSQL only) holds throttle counters that expire within the hour.
 */
const NOT_COPIED = new Set([
  "search_index",
  "search_vocab",
  "kysely_migration",
  "kysely_migration_lock",
  "rate_limits",
]);
const KYSELY_TABLES = ["kysely_migration", "kysely_migration_lock"];
/**
 * Tables a migration fills with starting rows (0028: the directory's places). A freshly migrated target has
 * them, so they do not make it "not empty"; the copy replaces them with the source's rows (which started from
 * the same migration and hold the moderators' changes since).
 */
const SEEDED_BY_MIGRATIONS = ["places"];

/** SQLite's full-text table as the copy reads and writes it (its tsvector is generated on PostgreSQL). */
const SEARCH_INDEX: TableShape = {
  name: "search_index",
  columns: [
    { name: "rowid", type: "integer" },
    { name: "title", type: "text" },
    { name: "body", type: "text" },
  ],
  primaryKey: ["rowid"],
  selfReferences: [],
  references: [],
  identity: null,
};

/** Why a copy did not start: the message says what to do. */
export class CopyRefusal extends Error {}

/** The copy ran but a table differs between the two sides; nothing was committed. */
export class CopyMismatch extends Error {
  constructor(readonly report: TableCheck[]) {
    const tables = report.filter((t) => !tableMatches(t)).map((t) => t.table);
    super(`The copy did not verify (${tables.join(", ")}); it was rolled back and the target is empty.`);
  }
}

export interface TableSummary {
  rows: number;
  checksum: string;
}

export interface TableCheck {
  table: string;
  source: TableSummary;
  target: TableSummary;
}

export function tableMatches(check: TableCheck): boolean {
  return check.source.rows === check.target.rows && check.source.checksum === check.target.checksum;
}

export interface CopyOptions {
  /** A migrated SQLite database (opened with openDatabase on a file). */
  source: DB;
  /** An empty PostgreSQL database: no tables, or migrated with every table empty. */
  target: DB;
  /** Rows per page (PAGE_ROWS unless a test wants many pages from little data). */
  pageRows?: number;
  /** Told after each table is copied and after each step. */
  onProgress?: (message: string) => void;
}

/** Copies `source` into `target` and verifies it; throws CopyRefusal before starting, CopyMismatch after. */
export async function copySqliteToPostgres({
  source,
  target,
  pageRows = PAGE_ROWS,
  onProgress = () => {},
}: CopyOptions) {
  await assertSourceMigrated(source);
  await assertTargetEmpty(target);
  const applied = await migrateToLatest(target);
  onProgress(applied.length ? `Migrated the target (${applied.length} migrations).` : "The target was migrated.");

  const shapes = await readTableShapes(target);
  const tables = inForeignKeyOrder(shapes.filter((t) => !NOT_COPIED.has(t.name)));
  for (const table of tables) await assertSameColumns(source, table);

  // One read transaction on the source (a WAL snapshot: every table as of one moment), one write
  // transaction on the target.
  const report = await source.connection().execute(async (reader) => {
    await sql`BEGIN DEFERRED`.execute(reader);
    try {
      return await target.transaction().execute(async (writer) => {
        const copied: Array<[TableShape, TableSummary]> = [];
        // Children before parents: nothing else has rows yet, so these deletes touch only the seeded rows.
        for (const table of [...tables].reverse())
          if (SEEDED_BY_MIGRATIONS.includes(table.name))
            await sql`DELETE FROM ${sql.table(table.name)}`.execute(writer);
        for (const table of tables) {
          const summary = await copyTable(reader, writer, table, pageRows);
          onProgress(`${table.name}: ${summary.rows} rows`);
          copied.push([table, summary]);
        }
        const search = await rebuildSearchIndex(reader, writer, pageRows);
        onProgress(`search_index: ${search.rows} rows, and its vocabulary`);
        copied.push([SEARCH_INDEX, search]);
        for (const table of tables) if (table.identity) await advanceIdentity(writer, table.name, table.identity);
        onProgress("Verifying...");
        const report: TableCheck[] = [];
        for (const [table, summary] of copied)
          report.push({ table: table.name, source: summary, target: await summarizeTable(writer, table, pageRows) });
        if (!report.every(tableMatches)) throw new CopyMismatch(report);
        return report;
      });
    } finally {
      await sql`ROLLBACK`.execute(reader);
    }
  });
  // Planner statistics for the bulk-loaded tables now, not when autovacuum next gets to them: without them the
  // first searches on a large copy chose a full scan over the search index (seconds per query).
  await sql`ANALYZE`.execute(target);
  onProgress("Gathered the planner's statistics (ANALYZE).");
  return report;
}

/**
 * Inserts SQLite's index rows; PostgreSQL generates each tsvector. The vocabulary's row trigger (migration
 * 0003) would upsert every word of every post one at a time, which took minutes for 25,000 posts: it is off
 * for the bulk insert, and the vocabulary is counted once from the tsvectors, as the trigger would have.
 */
async function rebuildSearchIndex(reader: Kysely<any>, writer: Kysely<any>, pageRows: number) {
  await sql`ALTER TABLE search_index DISABLE TRIGGER search_vocab_count`.execute(writer);
  const summary = await copyTable(reader, writer, SEARCH_INDEX, pageRows);
  await sql`INSERT INTO search_vocab (term, doc)
    SELECT word.lexeme, count(*) FROM search_index CROSS JOIN unnest(document) AS word GROUP BY word.lexeme`.execute(
    writer,
  );
  await sql`ALTER TABLE search_index ENABLE TRIGGER search_vocab_count`.execute(writer);
  return summary;
}

async function assertSourceMigrated(source: DB): Promise<void> {
  const expected = Object.keys(await migrationProvider.getMigrations()).sort();
  // Kysely's bookkeeping table is not part of the Database type.
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`
    .execute(source)
    .then(({ rows }) => rows.map((r) => r.name))
    .catch(() => []);
  if (applied.join() !== expected.join())
    throw new CopyRefusal(
      "The SQLite database is not at this version's latest migration: run `npm run db:migrate` on it " +
        "(with DATABASE_PATH set to it), or use the Roundtable version that last ran on it.",
    );
}

async function assertTargetEmpty(target: DB): Promise<void> {
  const names = (await readTableShapes(target)).map((t) => t.name);
  if (!names.length) return;
  if (!KYSELY_TABLES.every((t) => names.includes(t)))
    throw new CopyRefusal(`The target database is not empty: it has tables Roundtable did not make (${names[0]}).`);
  const filled = await tablesWithRows(
    target,
    names.filter((t) => !KYSELY_TABLES.includes(t) && !SEEDED_BY_MIGRATIONS.includes(t)),
  );
  if (filled.length)
    throw new CopyRefusal(
      `The target database is not empty (rows in ${filled.join(", ")}). db:copy only writes into an empty ` +
        "database: create a new one (createdb) and copy into that.",
    );
}

async function assertSameColumns(source: DB, table: TableShape): Promise<void> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table.name})`.execute(source);
  const have = rows.map((r) => r.name).sort();
  const want = table.columns.map((c) => c.name).sort();
  if (have.join() !== want.join())
    throw new CopyRefusal(
      `Table ${table.name} has columns (${have.join(", ") || "none"}) on SQLite but (${want.join(", ")}) on ` +
        "PostgreSQL; both should be at the same migration.",
    );
}

/** Copies one table a page at a time and returns what it read from the source (row count and checksum). */
async function copyTable(
  reader: Kysely<any>,
  writer: Kysely<any>,
  table: TableShape,
  pageRows: number,
): Promise<TableSummary> {
  const hash = new RowHash(table);
  // A self-reference to a row of a later page (a tag merged into a newer tag) waits, null, until that row
  // is there. Only those wait, so memory grows with forward references, never with the table.
  const pending: Array<{ key: unknown; column: string; value: unknown }> = [];
  await readPages(reader, table, { engine: "sqlite", pageRows }, async (rows) => {
    for (const row of rows) hash.add(row);
    const lastKey = table.selfReferences.length ? keyOf(table, rows[rows.length - 1]!) : null;
    const values = rows.map((row) => {
      const copy = { ...row };
      for (const column of table.selfReferences) {
        const value = row[column];
        if (value !== null && Number(value) > Number(lastKey)) {
          pending.push({ key: keyOf(table, row), column, value });
          copy[column] = null;
        }
      }
      return copy;
    });
    await writer.insertInto(table.name).values(values).execute();
  });
  for (const { key, column, value } of pending)
    await writer
      .updateTable(table.name)
      .set({ [column]: value })
      .where(table.primaryKey[0]!, "=", key)
      .execute();
  return hash.summary();
}

function keyOf(table: TableShape, row: Record<string, unknown>): unknown {
  if (table.primaryKey.length !== 1)
    throw new Error(`${table.name} refers to itself but has a composite primary key; db:copy cannot order it.`);
  return row[table.primaryKey[0]!];
}

/** A table's row count and checksum as stored on the target, read in primary-key order. */
async function summarizeTable(db: Kysely<any>, table: TableShape, pageRows: number): Promise<TableSummary> {
  const hash = new RowHash(table);
  await readPages(db, table, { engine: "postgres", pageRows }, (rows) => {
    for (const row of rows) hash.add(row);
  });
  return hash.summary();
}

/**
 * Reads a table in keyset pages ordered by its primary key, byte order for text on both engines (SQLite's
 * BINARY, PostgreSQL's "C"), so both sides hash their rows in the same order.
 */
async function readPages(
  db: Kysely<any>,
  table: TableShape,
  { engine, pageRows }: { engine: "sqlite" | "postgres"; pageRows: number },
  onPage: (rows: Array<Record<string, unknown>>) => Promise<void> | void,
): Promise<void> {
  const limit = Math.max(1, Math.min(pageRows, Math.floor(PAGE_PARAMETERS / table.columns.length)));
  const collation = sql.raw(engine === "sqlite" ? "BINARY" : '"C"');
  const keys: RawBuilder<unknown>[] = table.primaryKey.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    return isText(column?.type) ? sql`${sql.ref(name)} COLLATE ${collation}` : sql`${sql.ref(name)}`;
  });
  const selected = sql.join(table.columns.map((c) => sql.ref(c.name)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = after ? sql`WHERE (${sql.join(keys)}) > (${sql.join(after)})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      SELECT ${selected} FROM ${sql.table(table.name)} ${where}
      ORDER BY ${sql.join(keys)} LIMIT ${sql.lit(limit)}`.execute(db);
    if (!rows.length) return;
    await onPage(rows);
    if (rows.length < limit) return;
    const last = rows[rows.length - 1]!;
    after = table.primaryKey.map((name) => last[name]);
  }
}

function isText(type: string | undefined): boolean {
  return type === "text" || type === "character varying";
}

/**
 * sha256 over the rows in order, each a JSON array of its values in column order. Integers are numbers on
 * both sides (PostgreSQL's bigint arrives as a number, see db/postgres/engine.server.ts; Number() makes sure).
 */
class RowHash {
  private readonly hash: Hash = createHash("sha256");
  private rows = 0;
  constructor(private readonly table: TableShape) {}

  add(row: Record<string, unknown>): void {
    const values = this.table.columns.map(({ name, type }) => {
      const value = row[name];
      if (value === null || value === undefined) return null;
      if (type === "integer" || type === "bigint" || type === "smallint") return Number(value);
      return value;
    });
    this.hash.update(JSON.stringify(values) + "\n");
    this.rows++;
  }

  summary(): TableSummary {
    return { rows: this.rows, checksum: this.hash.digest("hex") };
  }
}
