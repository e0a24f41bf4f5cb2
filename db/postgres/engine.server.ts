import { randomUUID } from "node:crypto";
import {
  type BinaryOperationNode,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  type OperatorNode,
  PostgresDialect,
  PostgresQueryCompiler,
  type QueryCompiler,
  sql,
} from "kysely";
import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { queryCounter, type DatabaseEngine } from "../engine";
import { tsvectorSearch } from "../search/tsvector";

// PostgreSQL as Roundtable runs it: a pg pool behind Kysely's PostgresDialect, one listening connection for
// other instances' changes, and the type parsing that keeps rows shaped as they are on SQLite.

// bigint (epoch milliseconds, COUNT(*)) and numeric (SUM) arrive as strings by default. Every value we store
// fits a double exactly (milliseconds until the year 285,000; counts far below 2^53), so they become numbers,
// as better-sqlite3 returns them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** The channel the change triggers (migration 0017) notify, with the writer's instance id. */
export const CHANGE_CHANNEL = "roundtable_changes";

export interface PostgresEngine extends DatabaseEngine {
  readonly name: "postgres";
  readonly pool: pg.Pool;
  /** This process's id, sent as application_name, so it can tell its own changes from other instances'. */
  readonly instanceId: string;
}

/**
 * SQL as SQLite reads it, where PostgreSQL's grammar is stricter: `x IN ()` (an empty list, which models pass
 * when there is nothing to look for) is a syntax error in PostgreSQL, and always false in SQLite.
 */
class PortablePostgresCompiler extends PostgresQueryCompiler {
  protected override visitBinaryOperation(node: BinaryOperationNode): void {
    const operator = node.operator.kind === "OperatorNode" ? (node.operator as OperatorNode).operator : null;
    const list = node.rightOperand;
    const empty =
      (list.kind === "PrimitiveValueListNode" || list.kind === "ValueListNode") &&
      (list as unknown as { values: readonly unknown[] }).values.length === 0;
    if (empty && (operator === "in" || operator === "not in")) {
      this.append(operator === "in" ? "false" : "true");
      return;
    }
    super.visitBinaryOperation(node);
  }
}

/**
 * PostgreSQL's text can't hold U+0000; SQLite's can. What members write is refused with a NUL in it before it
 * gets here (lib/validation); what still carries one is a lookup from a crafted address (`/members/%00`), which
 * finds nothing on either engine. Here it becomes U+FFFD, so that lookup finds nothing instead of failing.
 */
function withoutNul<R>(query: CompiledQuery<R>): CompiledQuery<R> {
  if (!query.parameters.some((p) => typeof p === "string" && p.includes("\u0000"))) return query;
  const parameters = query.parameters.map((p) => (typeof p === "string" ? p.replaceAll("\u0000", "\ufffd") : p));
  return { ...query, parameters };
}

/** Counts every statement, as the SQLite driver does, so "a page costs N queries" tests hold on both. */
class CountingPostgresDialect extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new PortablePostgresCompiler();
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const counted = new WeakSet<DatabaseConnection>();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async () => {
      const connection = await acquire();
      if (!counted.has(connection)) {
        counted.add(connection);
        const execute = connection.executeQuery.bind(connection);
        connection.executeQuery = (query) => {
          queryCounter.count++;
          return execute(withoutNul(query));
        };
      }
      return connection;
    };
    return driver;
  }
}

export function openPostgresEngine(url: string): PostgresEngine {
  const instanceId = `roundtable-${randomUUID()}`;
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE) || 10,
    application_name: instanceId,
  });
  // A client that loses its server (a restart, a failover, a terminated backend) must not crash the process.
  // The pool listens only to its idle clients; a client checked out (a transaction between statements) emits
  // "error" with nobody listening, which Node turns into an exception. So every client gets a listener of its
  // own: the query in flight still fails and its request with it, the pool drops the client and opens another.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));

  let changeVersion = 0;
  let listener: pg.Client | undefined;
  let listening: Promise<void> | undefined;
  let closed = false;
  const listen = () => {
    if (listening || closed) return;
    const client = new pg.Client({ connectionString: url, application_name: `${instanceId}-listener` });
    listener = client;
    client.on("notification", (message) => {
      if (message.payload !== instanceId) changeVersion++;
    });
    client.on("error", () => {
      // Lost the connection: changes may have been missed, so count one, and listen again on next read.
      changeVersion++;
      listening = undefined;
      listener = undefined;
    });
    listening = client
      .connect()
      .then(() => client.query(`LISTEN ${CHANGE_CHANNEL}`))
      .then(() => undefined)
      .catch(() => {
        changeVersion++;
        listening = undefined;
        listener = undefined;
      });
  };

  return {
    name: "postgres",
    pool,
    instanceId,
    dialect: new CountingPostgresDialect({ pool }),
    readChangeVersion: () => {
      listen();
      return changeVersion;
    },
    /** Resolves when this process listens for other instances' changes (tests wait for it). */
    ready: async () => {
      listen();
      await listening;
    },
    beforeClose: () => {
      closed = true;
      void listener?.end().catch(() => {});
    },
    // Erased rows leave dead tuples until VACUUM reclaims them; a plain VACUUM (not in a transaction) marks
    // them free at once so new rows overwrite them (docs/decisions/0016).
    search: tsvectorSearch,
    // The lock belongs to one pooled connection, held while `work` runs its queries on others.
    exclusively: (db, name, work) =>
      db.connection().execute(async (connection) => {
        await sql`SELECT pg_advisory_lock(hashtext(${name}))`.execute(connection);
        try {
          return await work();
        } finally {
          await sql`SELECT pg_advisory_unlock(hashtext(${name}))`.execute(connection);
        }
      }),
    createCounter: (options) =>
      new RateLimiterPostgres({
        ...options,
        storeClient: pool,
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true, // by migration 0018, with the app's own rights
      }),
    afterErasure: async (db: Kysely<any>) => {
      await sql`VACUUM`.execute(db);
      return true;
    },
  };
}
