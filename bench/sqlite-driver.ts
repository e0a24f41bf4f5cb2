// Times the app's SQLite driver (db/sqlite/) against Kysely's stock SqliteDialect, with the same pragmas:
// 20,000 point reads, 20,000 small joins, 2,000 single-row write transactions one after another, in waves of
// 100 started together, and all started at once. Drivers take turns within each run; each figure is the
// median of RUNS runs, wall-clock and CPU. SQLITE_SYNCHRONOUS=NORMAL leaves out the fsync per commit, so the
// write figures show the driver rather than the disk. Figures: docs/decisions/0009-sqlite-driver.md.
// Run: npx tsx bench/sqlite-driver.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, sql, SqliteDialect } from "kysely";
import { openDatabase } from "../db/client.server";
import { openSqlite } from "../db/sqlite/engine.server";

const RUNS = Number(process.env.RUNS ?? 5);
const READS = 20_000;
const WRITES = 2_000;
const ROWS = 1_000;

interface Row {
  id: number;
  n: number;
  body: string;
}
type BenchDb = Kysely<{ bench_rows: Row }>;

/** Kysely's stock driver on a connection opened as db/ opens it, so only the driver differs. */
function stock(path: string): BenchDb {
  return new Kysely({ dialect: new SqliteDialect({ database: openSqlite(path) }) });
}

async function prepare(db: BenchDb) {
  await sql`create table bench_rows (id integer primary key, n integer not null, body text not null)`.execute(db);
  await db.transaction().execute(async (trx) => {
    for (let i = 1; i <= ROWS; i++)
      await trx
        .insertInto("bench_rows")
        .values({ id: i, n: i, body: `row ${i}` })
        .execute();
  });
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall-clock and CPU time (user + system) in ms: on a shared machine the CPU time is the steadier one. */
async function time(fn: () => Promise<void>): Promise<Timing> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000 };
}

async function measure(db: BenchDb): Promise<Record<string, Timing>> {
  const pointReads = await time(async () => {
    for (let i = 0; i < READS; i++) {
      await db
        .selectFrom("bench_rows")
        .select(["id", "n", "body"])
        .where("id", "=", (i % ROWS) + 1)
        .executeTakeFirst();
    }
  });
  const joinReads = await time(async () => {
    for (let i = 0; i < READS; i++) {
      await db
        .selectFrom("bench_rows as a")
        .innerJoin("bench_rows as b", "b.id", "a.n")
        .select(["a.id", "b.body"])
        .where("a.id", ">", i % ROWS)
        .where("b.body", "like", "row%")
        .orderBy("a.id")
        .limit(5)
        .execute();
    }
  });
  const writeOne = (i: number) =>
    db.transaction().execute(async (trx) => {
      await trx
        .updateTable("bench_rows")
        .set({ n: sql`n + 1` })
        .where("id", "=", (i % ROWS) + 1)
        .execute();
    });
  const sequentialWrites = await time(async () => {
    for (let i = 0; i < WRITES; i++) await writeOne(i);
  });
  const wavesOfWrites = await time(async () => {
    for (let wave = 0; wave < WRITES; wave += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeOne(wave + i)));
    }
  });
  const concurrentWrites = await time(async () => {
    await Promise.all(Array.from({ length: WRITES }, (_, i) => writeOne(i)));
  });
  return {
    "20,000 point reads": pointReads,
    "20,000 join reads": joinReads,
    "2,000 write transactions, one by one": sequentialWrites,
    "2,000 write transactions, 100 at once": wavesOfWrites,
    "2,000 write transactions, all at once": concurrentWrites,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), "roundtable-driver-bench-"));
const drivers: Record<string, (path: string) => BenchDb> = {
  "roundtable (db/sqlite)": (path) => openDatabase(path).db as unknown as BenchDb,
  "kysely stock": stock,
};
const results: Record<string, Record<string, Timing[]>> = {};
for (let run = 0; run < RUNS; run++) {
  for (const [name, open] of Object.entries(drivers)) {
    const path = join(dir, `${name.replace(/\W/g, "-")}-${run}.db`);
    const db = open(path);
    await prepare(db);
    for (const [label, ms] of Object.entries(await measure(db))) ((results[name] ??= {})[label] ??= []).push(ms);
    await db.destroy();
  }
}
rmSync(dir, { recursive: true, force: true });
const ms = (x: number) => x.toFixed(0).padStart(6);
console.log(`median of ${RUNS} runs, ms: wall-clock, then CPU (user + system)`);
for (const [name, byLabel] of Object.entries(results)) {
  console.log(name);
  for (const [label, runs] of Object.entries(byLabel)) {
    const wall = median(runs.map((r) => r.wall));
    const cpu = median(runs.map((r) => r.cpu));
    console.log(`  ${label.padEnd(40)} wall ${ms(wall)}   cpu ${ms(cpu)}`);
  }
}
