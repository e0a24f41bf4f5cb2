import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../db/client.server";

// Migrates one template database; every test file copies it (tests/setup/per-file.ts) instead of migrating.
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "roundtable-tests-"));
  const templatePath = join(dir, "template.db");
  const template = openDatabase(templatePath);
  await migrateToLatest(template.db);
  await template.close(); // checkpointed: the copies need no -wal file
  project.provide("templateDatabasePath", templatePath);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabasePath: string;
  }
}
