import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { type ControlledTransaction, type Kysely, sql } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client.server";
import { StatementCache } from "~db/sqlite/driver.server";

// The SQLite engine (db/sqlite/, docs/decisions/0009): Kysely's own driver, with transactions that begin
// IMMEDIATE and a statement cache. What the app relies on: one transaction at a time on the single connection,
// the write lock taken at BEGIN, a change version that notices other processes' writes; and what the library
// gives besides: savepoints and streaming.

const path = join(mkdtempSync(join(tmpdir(), "roundtable-driver-")), "driver.db");
const open = openDatabase(path);
const db = open.db.withTables<{ items: { id: number; label: string } }>();
type ScratchDb = typeof db extends Kysely<infer T> ? T : never;
afterAll(async () => {
  await open.close();
  rmSync(dirname(path), { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A controlled transaction, ended whatever happens: one left open would hold the connection for every later test. */
async function controlled(
  steps: (trx: ControlledTransaction<ScratchDb>) => Promise<ControlledTransaction<ScratchDb, any[]>>,
) {
  const trx = await db.startTransaction().execute();
  try {
    await (await steps(trx)).commit().execute();
  } finally {
    if (!trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute();
  }
}
const labels = async () => (await db.selectFrom("items").select("label").orderBy("id").execute()).map((r) => r.label);

beforeEach(async () => {
  await sql`create table if not exists items (id integer primary key, label text not null)`.execute(db);
  await db.deleteFrom("items").execute();
});

describe("transactions", () => {
  it("run one at a time on the single connection, in the order they were started", async () => {
    await db.insertInto("items").values({ id: 1, label: "0" }).execute();
    const events: string[] = [];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          events.push(`begin ${i}`);
          const row = await trx.selectFrom("items").select("label").where("id", "=", 1).executeTakeFirstOrThrow();
          await sleep(2); // let the event loop run others' code in the middle of this transaction
          await trx
            .updateTable("items")
            .set({ label: String(Number(row.label) + 1) })
            .where("id", "=", 1)
            .execute();
          events.push(`end ${i}`);
        }),
      ),
    );
    expect(events).toEqual(Array.from({ length: 10 }, (_, i) => [`begin ${i}`, `end ${i}`]).flat());
    expect(await labels()).toEqual(["10"]);
  });

  it("keep a query from outside waiting until they commit, so it never sees their uncommitted rows", async () => {
    const events: string[] = [];
    const writing = db.transaction().execute(async (trx) => {
      await trx.insertInto("items").values({ id: 1, label: "draft" }).execute();
      await sleep(20);
      await trx.updateTable("items").set({ label: "final" }).where("id", "=", 1).execute();
      events.push("committing");
    });
    await sleep(5);
    const reading = labels().then((seen) => events.push(`read ${seen.join()}`));
    await Promise.all([writing, reading]);
    expect(events).toEqual(["committing", "read final"]);
  });

  it("take the write lock at BEGIN, so another process cannot write in between", async () => {
    const other = new BetterSqlite3(path);
    other.pragma("busy_timeout = 0");
    const otherInserts = () => {
      try {
        other.prepare("insert into items (id, label) values (1, 'other')").run();
        return "written";
      } catch (error) {
        return (error as Error).message;
      }
    };
    let meanwhile = "";
    await controlled(async (trx) => {
      meanwhile = otherInserts();
      await trx.insertInto("items").values({ id: 2, label: "ours" }).execute();
      return trx;
    });
    const afterwards = otherInserts();
    other.close();
    expect(meanwhile).toMatch(/database is locked/);
    expect(afterwards).toBe("written");
    expect(await labels()).toEqual(["other", "ours"]);
  });

  it("roll back to a savepoint, keeping what came before it and after it", async () => {
    await controlled(async (trx) => {
      await trx.insertInto("items").values({ id: 1, label: "before" }).execute();
      const inner = await trx.savepoint("attempt").execute();
      await inner.insertInto("items").values({ id: 2, label: "undone" }).execute();
      const after = await inner.rollbackToSavepoint("attempt").execute();
      await after.insertInto("items").values({ id: 3, label: "after" }).execute();
      return after;
    });
    expect(await labels()).toEqual(["before", "after"]);
  });

  it("roll back whole when the callback throws", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("items").values({ id: 1, label: "lost" }).execute();
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await labels()).toEqual([]);
  });
});

describe("streaming", () => {
  it("yields a select's rows one by one, and frees the connection when the loop stops early", async () => {
    await db
      .insertInto("items")
      .values(Array.from({ length: 50 }, (_, i) => ({ id: i + 1, label: `item ${i + 1}` })))
      .execute();
    const query = db.selectFrom("items").select("id").orderBy("id");
    const ids: number[] = [];
    for await (const row of query.stream()) ids.push(row.id);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    let seen = 0;
    for await (const _row of query.stream()) if (++seen === 3) break;
    expect(seen).toBe(3);
    // Were the stream still holding the connection, these would wait for ever.
    expect(await query.execute()).toHaveLength(50);
    await db.transaction().execute((trx) => trx.deleteFrom("items").where("id", ">", 10).execute());
    expect(await labels()).toHaveLength(10);
  });
});

describe("statement cache", () => {
  it("prepares each SQL text once, keeps the most recently used, and never hands out a statement in use", () => {
    const handle = new BetterSqlite3(":memory:");
    const cache = new StatementCache(handle, 2);
    const first = cache.prepare("select 1");
    expect(cache.prepare("select 1")).toBe(first);
    cache.prepare("select 2");
    cache.prepare("select 1"); // now the most recently used
    cache.prepare("select 3"); // pushes out "select 2"
    expect(cache.cachedCount).toBe(2);
    expect(cache.prepare("select 1")).toBe(first);

    const iterating = first.iterate();
    iterating.next();
    const meanwhile = cache.prepare("select 1");
    expect(meanwhile).not.toBe(first);
    expect(meanwhile.all()).toEqual([{ 1: 1 }]);
    iterating.return?.();
    cache.close();
    expect(handle.open).toBe(false);
  });
});

describe("change version (what the visitor page cache polls)", () => {
  it("stays put for our own writes and moves when another process commits", async () => {
    const before = open.engine.readChangeVersion();
    await db.insertInto("items").values({ id: 1, label: "ours" }).execute();
    expect(open.engine.readChangeVersion()).toBe(before);
    const other = new BetterSqlite3(path);
    other.prepare("insert into items (id, label) values (2, 'theirs')").run();
    other.close();
    expect(open.engine.readChangeVersion()).not.toBe(before);
  });
});

describe("row locks", () => {
  it("are left out of SQLite's SQL (every write transaction already runs alone), and the query still runs", async () => {
    const query = db.selectFrom("items").select("id").where("id", "=", 1).forUpdate();
    expect(query.compile().sql).not.toMatch(/for update/i);
    await expect(
      db.transaction().execute((trx) => trx.selectFrom("items").select("id").forUpdate().execute()),
    ).resolves.toBeDefined();
  });
});
