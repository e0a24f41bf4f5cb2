import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, inject, vi } from "vitest";

// A fresh, migrated SQLite file for this test file. Modules are isolated per file, so getDb() opens it.
const template = inject("templateDatabasePath");
const dir = mkdtempSync(join(tmpdir(), "roundtable-file-"));
process.env.DATABASE_PATH = join(dir, "test.db");
copyFileSync(template, process.env.DATABASE_PATH);
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
});
