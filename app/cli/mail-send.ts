import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import { queueFacilitationSummaries } from "~/models/facilitation-mail.server";
import { runMailQueue } from "~/models/mail-run.server";

// npm run mail:send: one pass over the mail queue (reply alerts, the moderators' weekly summary), for cron. Safe beside the server's own
// timer and beside another run: each email is claimed by one sender (docs/decisions/0015).
async function main(): Promise<number> {
  await migrateToLatest(getDb());
  const origin = process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : "http://localhost:3000";
  await queueFacilitationSummaries();
  const report = await runMailQueue({ origin });
  for (const sent of report.sent) console.log(`sent to member ${sent.memberId}: ${sent.where}`);
  for (const failed of report.failed)
    console.error(`could not send to member ${failed.memberId}: ${failed.error} (retried later with backoff)`);
  const { requeued, foundSent, uncertain } = report.recovered;
  if (requeued + foundSent + uncertain)
    console.log(
      `after a stopped sender: ${requeued} queued again, ${foundSent} found sent, ${uncertain} uncertain (not resent)`,
    );
  console.log(`${report.sent.length} sent, ${report.skipped} skipped, ${report.failed.length} failed.`);
  return report.failed.length ? 1 : 0;
}

process.exitCode = await main();
await closeDatabase();
