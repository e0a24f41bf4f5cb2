// The database the benchmark's server runs on (npm run bench -- --engine sqlite|postgres). SQLite: a copy of the
// generated file, made for each run, so the replies a run posts (and the notifications and follows they bring)
// never pile up in the data set that `--reuse` keeps: five runs had left 6,700 replies, 91,600 notifications and
// 1,606 unread for the member whose pages the benchmark asks for, and the same build measured 20-28% slower on
// them (docs/decisions/0034). PostgreSQL: a throwaway server (db/postgres/throwaway-server.ts, with production's durable
// commit settings, as SQLite runs synchronous=FULL) into which npm run db:copy's code copies the same file, so
// both engines serve the same data set with the same ids.
import { copyFileSync, existsSync, rmSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateToLatest, openDatabase } from "../db/client.server";
import { copySqliteToPostgres } from "../db/copy.server";
import { startPostgresServer } from "../db/postgres/throwaway-server";

export const ENGINES = ["sqlite", "postgres"] as const;
export type EngineName = (typeof ENGINES)[number];

export interface BenchEngine {
  name: EngineName;
  /** The engine and its version, for the results. */
  description: string;
  /** What the production server needs in its environment to open this engine's copy of the data set. */
  env: Record<string, string>;
  /** Seconds the data set took to copy for this run (SQLite: the file; PostgreSQL: copied in and verified). */
  copySeconds: number | null;
  /** The body_source of every benchmark reply stored after `afterPostId`, once per stored row. */
  storedReplies(afterPostId: number): Promise<string[]>;
  /** The database's size on disk: SQLite's file and WAL, PostgreSQL's pg_database_size (no WAL). */
  databaseBytes(): Promise<number>;
  /** Stops what setUpEngine started; synchronous, so it also runs from a signal handler. */
  stop(): void;
}

/** `--engine <name>`; sqlite when absent. */
export function engineOption(argv: string[]): EngineName {
  const at = argv.indexOf("--engine");
  if (at < 0) return "sqlite";
  const name = argv[at + 1];
  if (!ENGINES.includes(name as EngineName))
    throw new Error(`--engine takes ${ENGINES.join(" or ")}, not ${name ?? "nothing"}.`);
  return name as EngineName;
}

const REPLIES_SQL = "SELECT body_source FROM posts WHERE id > $1 AND body_source LIKE 'bench-reply-%'";

export async function setUpEngine(name: EngineName, dataPath: string): Promise<BenchEngine> {
  return name === "sqlite" ? setUpSqlite(dataPath) : setUpPostgres(dataPath);
}

function setUpSqlite(generatedPath: string): BenchEngine {
  const started = performance.now();
  // Everything in the file first (closing the last connection checkpoints the WAL), then a plain file copy.
  const source = new Database(generatedPath);
  const version = (source.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  source.pragma("wal_checkpoint(TRUNCATE)");
  source.close();
  const dataPath = generatedPath.replace(/\.db$/, "-run.db");
  const removeCopy = () => {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(dataPath + suffix, { force: true });
  };
  removeCopy();
  copyFileSync(generatedPath, dataPath);
  return {
    name: "sqlite",
    description: `SQLite ${version}`,
    // An empty DATABASE_URL: the server opens the file even if the shell has a PostgreSQL URL set.
    env: { DATABASE_PATH: dataPath, DATABASE_URL: "" },
    copySeconds: (performance.now() - started) / 1000,
    storedReplies: async (afterPostId) => {
      const check = new Database(dataPath, { readonly: true });
      try {
        const rows = check.prepare(REPLIES_SQL.replace("$1", "?")).all(afterPostId) as Array<{ body_source: string }>;
        return rows.map((r) => r.body_source);
      } finally {
        check.close();
      }
    },
    databaseBytes: async () =>
      ["", "-wal"].reduce((sum, s) => sum + (existsSync(dataPath + s) ? statSync(dataPath + s).size : 0), 0),
    stop: removeCopy,
  };
}

async function setUpPostgres(dataPath: string): Promise<BenchEngine> {
  const server = startPostgresServer({ durable: true });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    server.stop();
  };
  try {
    await query(server.url("postgres"), "CREATE DATABASE roundtable_bench");
    const url = server.url("roundtable_bench");
    console.log("Copying the data set into PostgreSQL (db:copy)...");
    const started = performance.now();
    const source = openDatabase(dataPath);
    const target = openDatabase(url);
    try {
      await migrateToLatest(source.db); // a data set kept with --reuse from an older version
      await copySqliteToPostgres({ source: source.db, target: target.db });
    } finally {
      await target.close();
      await source.close();
    }
    // Fresh planner statistics, as autovacuum would gather within a minute or two of the bulk load.
    await query(url, "VACUUM ANALYZE");
    const copySeconds = (performance.now() - started) / 1000;
    console.log(`Copied, verified and analyzed in ${copySeconds.toFixed(1)} s.`);
    const version = (await query(url, "SHOW server_version"))[0]!.server_version as string;
    return {
      name: "postgres",
      description: `PostgreSQL ${version.split(" ")[0]}`,
      env: { DATABASE_URL: url, DATABASE_PATH: dataPath },
      copySeconds,
      storedReplies: async (afterPostId) =>
        (await query(url, REPLIES_SQL, [afterPostId])).map((r) => r.body_source as string),
      databaseBytes: async () =>
        Number((await query(url, "SELECT pg_database_size(current_database()) AS bytes"))[0]!.bytes),
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

async function query(url: string, text: string, values: unknown[] = []): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}
