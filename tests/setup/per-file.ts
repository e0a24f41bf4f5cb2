import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";
// Every language's words, as the server holds them (tr() and i18nFor read them).
import "~/lib/catalogs.server";

// A fresh, migrated database for this test file: a copy of the template SQLite file, or on the PostgreSQL run a
// database created from the migrated template. Modules are isolated per file, so getDb() opens it.
const dir = mkdtempSync(join(tmpdir(), "roundtable-file-"));
// On PostgreSQL the file is never created; tests still place their outboxes and spare files beside it.
process.env.DATABASE_PATH = join(dir, "test.db");
const postgresServerUrl = inject("postgresServerUrl");
let dropDatabase: (() => Promise<void>) | undefined;
if (postgresServerUrl) {
  const name = `test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE roundtable_template`);
  await admin.end();
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const client = new pg.Client({ connectionString: postgresServerUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };
} else {
  copyFileSync(inject("templateDatabasePath"), process.env.DATABASE_PATH);
}
process.env.ORIGIN ??= "http://localhost:3000";
// Email (verification links, password resets) goes to .eml files here, never into the checkout's data/outbox.
process.env.OUTBOX_DIR ??= join(dir, "outbox");
// A console.error during a test is a failure: it means something went wrong that the test did not expect.
let consoleErrors: unknown[][] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (consoleErrors.length)
    throw new Error(`console.error was called: ${consoleErrors.map((a) => a.join(" ")).join("\n")}`);
});

afterAll(async () => {
  const { closeDatabase } = await import("../../db/client.server");
  await closeDatabase();
  await dropDatabase?.();
});
