import { setTimeout as sleep } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type SelectQueryNode,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  SqliteQueryCompiler,
} from "kysely";
import { queryCounter } from "../engine";

// Kysely's own SQLite dialect and driver, with two changes (docs/decisions/0009-sqlite-driver.md): write
// transactions begin IMMEDIATE, and each SQL text is prepared once. Everything else is the library's: the
// mutex that lets one transaction hold the single connection until it ends, savepoints, streaming.

const STATEMENT_CACHE_SIZE = 500;

/**
 * The better-sqlite3 handle as Kysely's driver sees it, with `prepare` answered from a bounded cache (least
 * recently used out). Kysely compiles the same SQL text for the same query shape, and preparing is most of
 * the cost of a small query. A wrapper, not a patch on the handle: code that prepares its own statements on
 * the handle (pluck(), raw()) must not change the ones the driver shares.
 */
export class StatementCache {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  constructor(
    readonly handle: BetterSqlite3.Database,
    readonly size = STATEMENT_CACHE_SIZE,
  ) {}

  prepare(sqlText: string): BetterSqlite3.Statement {
    queryCounter.count++; // Kysely prepares once per statement it runs
    const cached = this.#statements.get(sqlText);
    if (cached) {
      // A statement being iterated by a stream cannot run again until the stream ends: use a fresh one.
      if (cached.busy) return this.handle.prepare(sqlText);
      this.#statements.delete(sqlText);
      this.#statements.set(sqlText, cached);
      return cached;
    }
    const statement = this.handle.prepare(sqlText);
    if (this.#statements.size >= this.size) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sqlText, statement);
    return statement;
  }

  get cachedCount(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    if (this.handle.open) this.handle.close();
  }
}

// With several server processes on one file (app/lib/cluster.server.ts), a BEGIN may find another process
// holding the write lock for longer than the busy timeout (5 s) under a long burst of writes. Nothing has been
// done yet at BEGIN, so trying again is always safe: after a short pause that lets this process's event loop
// run, for up to this long in all, so a busy database is a wait for the member, never an error.
const BEGIN_RETRY_MS = 20_000;

function isBusy(error: unknown): boolean {
  return String((error as { code?: unknown })?.code ?? "").startsWith("SQLITE_BUSY");
}

/** IMMEDIATE takes the write lock at BEGIN, so a transaction never fails half-way on SQLITE_BUSY. */
export class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const giveUpAt = Date.now() + BEGIN_RETRY_MS;
    for (;;) {
      try {
        await connection.executeQuery(CompiledQuery.raw("begin immediate"));
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() >= giveUpAt) throw error;
        await sleep(5 + Math.random() * 20);
      }
    }
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
  override createQueryCompiler(): QueryCompiler {
    return new SqliteCompilerWithoutRowLocks();
  }
}

const ROW_LOCKS = new Set(["ForUpdate", "ForNoKeyUpdate", "ForShare", "ForKeyShare", "NoWait", "SkipLocked"]);

/**
 * Models lock the rows a check-then-write depends on with Kysely's forUpdate() (PostgreSQL runs transactions
 * side by side). SQLite has no row locks and needs none: every write transaction here is BEGIN IMMEDIATE, so
 * it already runs alone. The lock clauses are left out of SQLite's SQL.
 */
class SqliteCompilerWithoutRowLocks extends SqliteQueryCompiler {
  protected override visitSelectQuery(node: SelectQueryNode): void {
    const endModifiers = node.endModifiers?.filter((m) => !(m.modifier && ROW_LOCKS.has(m.modifier)));
    super.visitSelectQuery({ ...node, endModifiers: endModifiers?.length ? endModifiers : undefined });
  }
}
