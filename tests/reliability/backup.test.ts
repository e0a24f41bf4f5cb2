// Issue 7, reliability 3: an online backup taken while members keep replying, restored with the server
// stopped, holds every reply acknowledged before the backup began.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, inject, test } from "vitest";
import { migrationProvider } from "~db/migrations/index";
import { backupDatabase, restoreDatabase } from "~db/sqlite/backup.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { inspectDatabase, logInAll, lostOrDuplicated, runCli, seedForum, sleep, startLoad } from "./support";

const CLIENTS = 10;

let server: RunningServer | undefined;
afterAll(() => server?.stop());

test(
  "a backup taken under load and restored holds every reply acknowledged before it began",
  { timeout: 120_000 },
  async () => {
    const forum = await seedForum(CLIENTS);
    const env = { DATABASE_PATH: forum.databasePath };
    const backupFile = join(mkdtempSync(join(tmpdir(), "roundtable-backup-")), "roundtable-backup.db");
    server = await startServer({ env });
    const cookies = await logInAll(server.url, forum.handles);

    const load = startLoad({
      url: server.url,
      cookies,
      openingPostId: forum.openingPostId,
      label: "backup",
      seconds: 60,
    });
    await sleep(1500);
    const beforeBackup = [...load.acknowledged];
    const backup = await runCli("app/cli/db-backup.ts", [backupFile], env);
    const whenBackupEnded = load.acknowledged.length;
    await sleep(1000);
    await load.stop();
    const afterBackup = load.acknowledged.slice(whenBackupEnded);
    console.log(`[backup] ${backup.stdout || backup.stderr} (CLI run ${(backup.ms / 1000).toFixed(1)} s)`);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .+: [\d.]+ MB \(\d+ pages\) in [\d.]+ s; integrity check ok\.$/);
    // The server kept serving writes while the backup ran.
    expect(load.acknowledged.length - beforeBackup.length).toBeGreaterThan(0);
    expect(afterBackup.length).toBeGreaterThan(0);

    // A second backup to the same name is refused without --force.
    const again = await runCli("app/cli/db-backup.ts", [backupFile], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*--force/);

    // Restoring under a running server is refused, and changes nothing.
    const refused = await runCli("app/cli/db-restore.ts", [backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/open in another process: stop the server/);

    await server.stop();
    const restore = await runCli("app/cli/db-restore.ts", [backupFile], env);
    console.log(`[backup] ${restore.stdout || restore.stderr}`);
    expect(restore.code, restore.stderr).toBe(0);
    const kept = readdirSync(dirname(forum.databasePath)).filter((f) =>
      f.startsWith(`${basename(forum.databasePath)}.before-restore-`),
    );
    expect(kept).toHaveLength(1);
    expect(existsSync(`${forum.databasePath}-wal`)).toBe(false);

    // The server starts on the restored file and serves it: a reply from before the backup has its permalink,
    // one acknowledged after the backup ended is gone (the restore really put the backup in place).
    server = await startServer({ env });
    const permalink = (id: number) => fetch(`${server!.url}/posts/${id}`, { redirect: "manual" }).then((r) => r.status);
    expect(await permalink(beforeBackup.at(-1)!.postId)).toBe(302);
    expect(await permalink(afterBackup.at(-1)!.postId)).toBe(404);
    const report = await inspectDatabase(forum);
    await server.stop();

    const lost = lostOrDuplicated(beforeBackup, report);
    const missingAfter = afterBackup.filter((a) => !report.tokens.has(a.token)).length;
    console.log(
      `[backup] acknowledged before the backup began ${beforeBackup.length}, lost ${lost.length}; ` +
        `acknowledged during it ${whenBackupEnded - beforeBackup.length}; after it ${afterBackup.length} (absent after restore: ${missingAfter}); ` +
        `restored thread has ${report.replies} replies`,
    );
    expect(beforeBackup.length).toBeGreaterThan(0);
    expect(lost).toEqual([]);
    expect(missingAfter).toBe(afterBackup.length);
    expect(report.integrity).toBe("ok");
    expect(report.foreignKeyViolations).toBe(0);
    expect(report.counterProblems).toEqual([]);
  },
);

test("a restore refuses anything but a sound Roundtable database, and then leaves the database alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), "roundtable-restore-"));
  const live = join(dir, "live.db");
  copyFileSync(inject("templateDatabasePath"), live);
  const liveBytes = readFileSync(live);
  const known = Object.keys(await migrationProvider.getMigrations());
  const good = join(dir, "good.db");
  await backupDatabase(live, good);
  await expect(backupDatabase(live, good)).rejects.toThrow(/already exists/);

  const junk = join(dir, "junk.db");
  writeFileSync(junk, "these are not the pages you are looking for\n");
  const plain = join(dir, "plain.db");
  new Database(plain).exec("CREATE TABLE notes (body TEXT)").close();
  const future = join(dir, "future.db");
  copyFileSync(good, future);
  const db = new Database(future);
  db.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', ?)").run(
    new Date().toISOString(),
  );
  db.close();
  const truncated = join(dir, "truncated.db");
  writeFileSync(truncated, readFileSync(good).subarray(0, Math.floor(readFileSync(good).length / 2)));

  expect(() => restoreDatabase(join(dir, "missing.db"), live, known)).toThrow(/There is no file/);
  expect(() => restoreDatabase(junk, live, known)).toThrow(/is not a SQLite database/);
  expect(() => restoreDatabase(plain, live, known)).toThrow(/not a Roundtable one/);
  expect(() => restoreDatabase(future, live, known)).toThrow(
    /newer version of Roundtable \(migrations 9999_from_the_future\)/,
  );
  expect(() => restoreDatabase(truncated, live, known)).toThrow(/is damaged|fails PRAGMA integrity_check/);
  // Nothing was swapped, kept or left behind.
  expect(readdirSync(dir).sort()).toEqual(["future.db", "good.db", "junk.db", "live.db", "plain.db", "truncated.db"]);
  expect(readFileSync(live).equals(liveBytes)).toBe(true);

  const restored = restoreDatabase(good, live, known);
  expect(restored.previous).toMatch(/live\.db\.before-restore-\d{8}T\d{6}Z$/);
  expect(restored.migrations).toEqual(known);
});
