import { databasePath } from "~db/client.server";
import { backupDatabase, BackupRefusal } from "~db/sqlite/backup.server";

// npm run db:backup -- <file> [--force]: an online backup of DATABASE_PATH while the server keeps serving
// (SQLite's backup API; see README "Backups" for a schedule). Refuses to replace a file unless --force.
const args = process.argv.slice(2);
const force = args.includes("--force");
const files = args.filter((a) => a !== "--force");

async function main(): Promise<number> {
  if (files.length !== 1 || files[0]!.startsWith("-")) {
    console.error("Usage: npm run db:backup -- <backup-file> [--force]");
    return 2;
  }
  const source = databasePath();
  try {
    const result = await backupDatabase(source, files[0]!, { overwrite: force });
    console.log(
      `Backed up ${source} to ${result.target}: ${(result.bytes / 1024 / 1024).toFixed(2)} MB (${result.pages} pages) in ${(result.ms / 1000).toFixed(2)} s; integrity check ok.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupRefusal) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
