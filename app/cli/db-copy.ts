import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { databasePath, describeLocation, isPostgresUrl, openDatabase } from "~db/client.server";
import { CopyMismatch, CopyRefusal, copySqliteToPostgres, tableMatches, type TableCheck } from "~db/copy.server";

// npm run db:copy -- --to postgres://… [--from <file>]: copies the SQLite database (DATABASE_PATH, or --from)
// into an empty PostgreSQL database and verifies every table (README "Moving to PostgreSQL"). Exit codes:
// 0 copied and verified; 1 failed or did not verify (nothing committed); 2 refused before starting.
// DB_COPY_PAGE_ROWS: rows per page (default 1,000); the tests set it low to copy many pages from little data.
const USAGE = "Usage: npm run db:copy -- --to postgres://user@host/database [--from <sqlite-file>]";

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const to = option(args, "--to");
  const from = resolve(option(args, "--from") ?? databasePath());
  if (!to || !isPostgresUrl(to)) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(from)) {
    console.error(`No SQLite database at ${from} (set DATABASE_PATH or pass --from).`);
    return 2;
  }
  console.log(`Copying ${from} to ${describeLocation(to)}`);
  const source = openDatabase(from);
  const target = openDatabase(to);
  try {
    const pageRows = Number(process.env.DB_COPY_PAGE_ROWS) || undefined;
    const report = await copySqliteToPostgres({
      source: source.db,
      target: target.db,
      pageRows,
      onProgress: console.log,
    });
    printReport(report);
    console.log(`Copied and verified ${report.length} tables. Start Roundtable with DATABASE_URL set to the target.`);
    return 0;
  } catch (error) {
    if (error instanceof CopyRefusal) {
      console.error(error.message);
      return 2;
    }
    if (error instanceof CopyMismatch) {
      printReport(error.report);
      console.error(error.message);
      return 1;
    }
    console.error(`The copy failed; nothing was committed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await target.close();
    await source.close();
  }
}

function printReport(report: TableCheck[]): void {
  const width = Math.max(...report.map((t) => t.table.length));
  console.log(`${"table".padEnd(width)}  ${"sqlite rows".padStart(11)}  ${"pg rows".padStart(9)}  checksums`);
  for (const check of report) {
    const checksums = tableMatches(check)
      ? `${check.source.checksum.slice(0, 16)} ok`
      : `${check.source.checksum.slice(0, 16)} != ${check.target.checksum.slice(0, 16)} MISMATCH`;
    console.log(
      `${check.table.padEnd(width)}  ${String(check.source.rows).padStart(11)}  ${String(check.target.rows).padStart(9)}  ${checksums}`,
    );
  }
}

process.exitCode = await main(process.argv.slice(2));
