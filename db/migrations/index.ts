import type { Migration, MigrationProvider } from "kysely";
import * as m0001 from "./0001_init";

// Listed statically (not read from the file system) so the bundled server and the tsx scripts share them.
const migrations: Record<string, Migration> = {
  "0001_init": m0001,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
