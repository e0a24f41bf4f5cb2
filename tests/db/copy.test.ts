import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateToLatest, openDatabase, type OpenDatabase } from "~db/client.server";
import { tsvectorSearch } from "~db/search/tsvector";
import { startServer, type RunningServer } from "../e2e/support/server";
import { runCli, type CliResult } from "../reliability/support";

// npm run db:copy (issue 15, point 6), run as the real command: a SQLite file seeded with the demo data by
// the app's own seed, copied into a fresh database on the test's PostgreSQL server, then both served side by
// side. Runs in the postgres project only (vitest.config.ts): it needs that server.

const serverUrl = inject("postgresServerUrl");
const dir = mkdtempSync(join(tmpdir(), "roundtable-copy-"));
const sourcePath = join(dir, "source.db");
let targetUrl: string;
let source: OpenDatabase;
let target: OpenDatabase;
let copy: CliResult;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const targetName = `copy_${process.pid}_${Date.now().toString(36)}`;

function copyTo(url: string) {
  // DATABASE_PATH is the source when --from is not given, as in the README.
  // Pages of 3 rows: every table of more than 3 rows is copied and checked in several keyset pages.
  return runCli("app/cli/db-copy.ts", ["--to", url], {
    DATABASE_PATH: sourcePath,
    DATABASE_URL: "",
    DB_COPY_PAGE_ROWS: "3",
  });
}

/** The report's lines: table, SQLite rows, PostgreSQL rows, and the checksum when both agree. */
function reportRows(stdout: string): Map<string, { sqlite: number; pg: number; checksum: string }> {
  const rows = new Map<string, { sqlite: number; pg: number; checksum: string }>();
  for (const match of stdout.matchAll(/^(\w+)\s+(\d+)\s+(\d+)\s+([0-9a-f]{16}) ok$/gm))
    rows.set(match[1]!, { sqlite: Number(match[2]), pg: Number(match[3]), checksum: match[4]! });
  return rows;
}

beforeAll(async () => {
  const seeded = await runCli("db/seed.ts", ["--demo"], { DATABASE_PATH: sourcePath, DATABASE_URL: "" });
  expect(seeded.code, seeded.stderr).toBe(0);
  source = openDatabase(sourcePath);
  await addRowsTheSeedLeavesOut(source);
  // Sorted by a language's rules (ICU), as most servers' databases are: keyset pages and checksums must not depend on it.
  await admin(
    `CREATE DATABASE ${targetName} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
  );
  const url = new URL(serverUrl);
  url.pathname = `/${targetName}`;
  targetUrl = url.toString();
  target = openDatabase(targetUrl);
  copy = await copyTo(targetUrl);
});

/**
 * What the demo seed does not write: a topic merged into a topic several pages later (a self-reference
 * forward), text primary keys that sort differently by locale than byte by byte, composite keys.
 */
async function addRowsTheSeedLeavesOut({ db }: OpenDatabase): Promise<void> {
  const now = Date.now();
  // Named as topics are, capitalized (lists order them by sort_key, the same on both engines: decision 0027).
  const tag = (slug: string) =>
    db
      .insertInto("tags")
      .values({
        slug,
        name: `Topic ${slug}`,
        sort_key: `topic ${slug}`,
        created_at: now,
        last_activity_at: null,
        merged_into_id: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const older = await tag("old-name");
  for (let i = 0; i < 8; i++) await tag(`filler-${i}`);
  const newer = await tag("new-name");
  await db.updateTable("tags").set({ merged_into_id: newer.id }).where("id", "=", older.id).execute();

  const words = ["Zeta", "alpha", "Émile", "émile", "beta", "_under", "0zero", "Ärger", "zz"];
  await db
    .insertInto("reserved_handles")
    .values(words.map((handle) => ({ handle, reserved_until: now + 1000, created_at: now })))
    .execute();
  await db
    .insertInto("app_secrets")
    .values(words.map((name, i) => ({ name: `copy-test-${name}`, value: `secret ${i}`, created_at: now })))
    .execute();
  const members = await db.selectFrom("members").select("id").orderBy("id").limit(3).execute();
  const posts = await db.selectFrom("posts").select("id").orderBy("id").limit(5).execute();
  for (const member of members) {
    await db
      .insertInto("post_reactions")
      .values(posts.map((post) => ({ post_id: post.id, member_id: member.id, created_at: now })))
      .execute();
    await db
      .insertInto("bookmarks")
      .values(posts.map((post) => ({ member_id: member.id, post_id: post.id, created_at: now })))
      .execute();
    await db
      .insertInto("sessions")
      .values(words.map((w) => ({ id: `${w}-${member.id}`, member_id: member.id, expires_at: now, created_at: now })))
      .execute();
  }
}

afterAll(async () => {
  await target?.close();
  await source?.close();
  await admin(`DROP DATABASE IF EXISTS ${targetName} WITH (FORCE)`);
  rmSync(dir, { recursive: true, force: true });
});

describe("db:copy", () => {
  it("copies every table and prints equal counts and checksums", async () => {
    expect(copy.code, copy.stderr).toBe(0);
    const report = reportRows(copy.stdout);
    // Every table of the Database type but the search vocabulary, which PostgreSQL rebuilds from the index.
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
        AND table_name NOT IN ('kysely_migration', 'kysely_migration_lock', 'rate_limits', 'search_vocab')`.execute(
      target.db,
    );
    expect([...report.keys()].sort()).toEqual(rows.map((r) => r.table_name).sort());
    for (const [table, line] of report) expect(line.pg, table).toBe(line.sqlite);
    expect(report.get("members")!.sqlite).toBeGreaterThan(5);
    expect(report.get("posts")!.sqlite).toBeGreaterThan(20);
    expect(report.get("search_index")!.sqlite).toBe(report.get("posts")!.sqlite);
    for (const table of ["reserved_handles", "app_secrets", "post_reactions", "bookmarks", "sessions"])
      expect(report.get(table)!.sqlite, table).toBeGreaterThan(3);
    expect(copy.stdout).toMatch(/^posts: \d+ rows$/m);
  });

  it("keeps ids, including a self-reference to a later row", async () => {
    const members = (db: OpenDatabase) =>
      db.db.selectFrom("members").select(["id", "handle", "created_at"]).orderBy("id").execute();
    expect(await members(target)).toEqual(await members(source));
    const posts = (db: OpenDatabase) =>
      db.db.selectFrom("posts").select(["id", "thread_id", "parent_id", "path", "body_source"]).orderBy("id").execute();
    expect(await posts(target)).toEqual(await posts(source));
    const tags = (db: OpenDatabase) =>
      db.db.selectFrom("tags").select(["id", "slug", "merged_into_id"]).orderBy("id").execute();
    expect(await tags(target)).toEqual(await tags(source));
  });

  it("advances the sequences: the next member and post get fresh ids", async () => {
    const maxMember = (await target.db
      .selectFrom("members")
      .select(sql<number>`max(id)`.as("max"))
      .executeTakeFirst())!;
    const maxPost = (await target.db
      .selectFrom("posts")
      .select(sql<number>`max(id)`.as("max"))
      .executeTakeFirst())!;
    // In a transaction that is rolled back, so the round trip below serves the copy as it was made.
    await target.db
      .transaction()
      .execute(async (trx) => {
        const member = await insertCopyOfFirst(trx, "members", {
          handle: "'fresh-' || handle",
          email: "'fresh-' || email",
        });
        expect(member).toBeGreaterThan(maxMember.max);
        const post = await insertCopyOfFirst(trx, "posts", { path: "path || 'x'" });
        expect(post).toBeGreaterThan(maxPost.max);
        throw new Error("roll back");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back"));
  });

  it("rebuilds the search index: a word from a copied post is found on PostgreSQL", async () => {
    const post = await source.db
      .selectFrom("search_index")
      .select(["rowid", "body"])
      .orderBy("rowid", "desc")
      .executeTakeFirstOrThrow();
    const word = post.body.match(/\b[a-z]{8,}\b/i)![0].toLowerCase();
    const found = await target.db
      .selectFrom("search_index")
      .select("rowid")
      .where(tsvectorSearch.matches({ terms: [[word]], partialLast: null }))
      .execute();
    expect(found.map((r) => r.rowid)).toContain(post.rowid);
    // The vocabulary (did-you-mean) followed the index by itself, through its trigger.
    const vocabulary = await sql<{ doc: number }>`SELECT doc FROM search_vocab
      WHERE term IN (SELECT lexeme FROM unnest(to_tsvector('roundtable', ${word})))`.execute(target.db);
    expect(vocabulary.rows[0]?.doc).toBeGreaterThan(0);
    // Counted in one statement by the copy, whose trigger is on again for the server's writes.
    const trigger = await sql<{ enabled: string }>`
      SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'search_vocab_count'`.execute(target.db);
    expect(trigger.rows[0]?.enabled).toBe("O");
  });

  it("leaves the planner statistics of the copied tables gathered, so the first searches use their index", async () => {
    const analyzed = await sql<{ table: string; at: Date | null }>`
      SELECT relname AS table, last_analyze AS at FROM pg_stat_user_tables
      WHERE relname IN ('posts', 'threads', 'search_index', 'members')`.execute(target.db);
    expect(analyzed.rows).toHaveLength(4);
    for (const row of analyzed.rows) expect(row.at, row.table).not.toBeNull();
  });

  it("refuses a target that is not empty, and leaves it as it was", async () => {
    const before = await target.db
      .selectFrom("posts")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    const again = await copyTo(targetUrl);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/target database is not empty \(rows in .*members/);
    const after = await target.db
      .selectFrom("posts")
      .select(sql<number>`count(*)`.as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("rolls a failed copy back, leaving the target empty for another try", async () => {
    const badPath = join(dir, "bad.db");
    const bad = openDatabase(badPath);
    const badTarget = `${targetName}_bad`;
    await admin(`CREATE DATABASE ${badTarget}`);
    const url = new URL(serverUrl);
    url.pathname = `/${badTarget}`;
    const copied = openDatabase(url.toString());
    try {
      await migrateToLatest(bad.db);
      const now = Date.now();
      // app_secrets is copied before reserved_handles, whose time SQLite took as text and PostgreSQL refuses.
      await bad.db.insertInto("app_secrets").values({ name: "session", value: "x", created_at: now }).execute();
      await bad.db
        .insertInto("reserved_handles")
        .values({ handle: "late", reserved_until: "soon" as unknown as number, created_at: now })
        .execute();
      const failed = await runCli("app/cli/db-copy.ts", ["--to", url.toString(), "--from", badPath], {});
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(
        /The copy failed; nothing was committed: invalid input syntax for type bigint: "soon"/,
      );
      expect(await copied.db.selectFrom("app_secrets").selectAll().execute()).toEqual([]);

      // Migrated and empty is still empty: once the source is mended, the copy goes through.
      await bad.db.updateTable("reserved_handles").set({ reserved_until: now }).execute();
      const retried = await runCli("app/cli/db-copy.ts", ["--to", url.toString(), "--from", badPath], {});
      expect(retried.code, retried.stderr).toBe(0);
      expect(reportRows(retried.stdout).get("reserved_handles")?.pg).toBe(1);
    } finally {
      await copied.close();
      await bad.close();
      await admin(`DROP DATABASE IF EXISTS ${badTarget} WITH (FORCE)`);
    }
  });

  it("serves the same pages from the SQLite file and from the PostgreSQL copy", async () => {
    const thread = await source.db
      .selectFrom("threads")
      .select(["id", "title"])
      .where("reply_count", ">", 1)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const topic = await source.db
      .selectFrom("tags")
      .select("slug")
      .where("thread_count", ">", 0)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const member = await source.db
      .selectFrom("members")
      .innerJoin("posts", "posts.author_id", "members.id")
      .select("handle")
      .where("handle", "!=", "roundtable")
      .orderBy("members.id")
      .executeTakeFirstOrThrow();
    const pages = ["/", `/threads/${thread.id}`, `/topics/${topic.slug}`, `/members/${member.handle}`];

    const servers: RunningServer[] = [];
    try {
      servers.push(await startServer({ env: { DATABASE_PATH: sourcePath, DATABASE_URL: "" } }));
      servers.push(await startServer({ env: { DATABASE_URL: targetUrl } }));
      for (const page of pages) {
        const [onSqlite, onPostgres] = await Promise.all([
          mainText(`${servers[0]!.url}${page}`),
          mainText(`${servers[1]!.url}${page}`),
        ]);
        expect(onSqlite.length, page).toBeGreaterThan(200);
        expect(onPostgres, page).toBe(onSqlite);
        if (page.startsWith("/threads/")) expect(onPostgres).toContain(thread.title);
      }
    } finally {
      for (const server of servers) await server.stop();
    }
  });
});

/** Inserts a copy of a table's first row, `changes` (SQL expressions) applied, without its id; returns the new id. */
async function insertCopyOfFirst(db: Kysely<any>, table: string, changes: Record<string, string>): Promise<number> {
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = ${table} AND column_name <> 'id'
    ORDER BY ordinal_position`.execute(db);
  const columns = rows.map((r) => r.column_name);
  const inserted = await sql<{ id: number }>`
    INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT ${sql.join(columns.map((c) => (changes[c] ? sql.raw(changes[c]) : sql.ref(c))))}
    FROM ${sql.table(table)} ORDER BY id LIMIT 1 RETURNING id`.execute(db);
  return inserted.rows[0]!.id;
}

/** The text of a page's <main>, tags and times (relative to the moment of the request) left out. */
async function mainText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  const html = await response.text();
  const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
  return main
    .replace(/<time\b[^>]*>[\s\S]*?<\/time>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
