import { databasePath } from "~db/client.server";
import { migrationProvider } from "~db/migrations/index";
import { BackupRefusal, restoreDatabase } from "~db/sqlite/backup.server";

// npm run db:restore -- <file>: puts a backup in place of DATABASE_PATH. Stop the server first: the restore
// refuses while any process has the database open. The replaced database is kept beside it.
async function main(): Promise<number> {
  const files = process.argv.slice(2);
  if (files.length !== 1 || files[0]!.startsWith("-")) {
    console.error("Usage: npm run db:restore -- <backup-file>   (with the server stopped)");
    return 2;
  }
  const target = databasePath();
  const known = Object.keys(await migrationProvider.getMigrations());
  try {
    const result = restoreDatabase(files[0]!, target, known);
    console.log(
      `Restored ${files[0]} to ${target}: ${(result.bytes / 1024 / 1024).toFixed(2)} MB, integrity check ok, migrations up to ${result.migrations.at(-1) ?? "(none)"}, in ${(result.ms / 1000).toFixed(2)} s.`,
    );
    console.log(
      result.previous
        ? `The database it replaced is kept as ${result.previous}.`
        : "There was no database there before.",
    );
    console.log("Start the server again; it applies any newer migrations on start.");
    return 0;
  } catch (error) {
    if (error instanceof BackupRefusal) {
      console.error(`Not restored: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
