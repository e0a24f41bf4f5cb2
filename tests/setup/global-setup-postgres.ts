import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrateToLatest, openDatabase } from "../../db/client.server";
import { startPostgresServer } from "../../db/postgres/throwaway-server";
import { INSTALL_WRITE_COUNTER } from "./writes";

// The PostgreSQL run (the "postgres" project in vitest.config.ts): one throwaway server for the whole run and
// one migrated template database; every test file gets its own copy (tests/setup/per-file.ts).
export const TEMPLATE_DATABASE = "roundtable_template";

export default async function setup(project: TestProject) {
  const server = startPostgresServer();
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const template = openDatabase(server.url(TEMPLATE_DATABASE));
  await migrateToLatest(template.db);
  await template.close();
  // Tests that prove nothing was written count rows through triggers (tests/setup/writes.ts).
  const client = new pg.Client({ connectionString: server.url(TEMPLATE_DATABASE) });
  await client.connect();
  await client.query(INSTALL_WRITE_COUNTER);
  await client.end();
  project.provide("postgresServerUrl", server.url("postgres"));
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}
