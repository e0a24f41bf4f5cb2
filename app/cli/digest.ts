import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import { runDigests } from "~/models/digest-run.server";

// npm run digest -- --period daily|weekly   (see README: run it from cron once a day / once a week)
const periodIndex = process.argv.indexOf("--period");
const period = periodIndex >= 0 ? process.argv[periodIndex + 1] : undefined;

async function main(): Promise<number> {
  if (period !== "daily" && period !== "weekly") {
    console.error("Usage: npm run digest -- --period daily|weekly");
    return 2;
  }
  await migrateToLatest(getDb());
  const origin = process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : "http://localhost:3000";
  const report = await runDigests(period, { origin });
  for (const sent of report.sent)
    console.log(`sent ${period} digest ${report.key} to member ${sent.memberId}: ${sent.where}`);
  for (const failed of report.failed)
    console.error(`could not send to member ${failed.memberId}: ${failed.error} (will retry next run)`);
  console.log(
    `${period} digest ${report.key}: ${report.sent.length} sent, ${report.nothingNew} with nothing new, ${report.failed.length} failed.`,
  );
  return report.failed.length ? 1 : 0;
}

process.exitCode = await main();
await closeDatabase();
