import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import { runRoundNotifications } from "~/models/round-notify.server";

// npm run rounds:notify   (see README: run it from cron every 15 minutes or so)
// Tells topic followers when a round opens, reminds them two days before it closes, and notes closes so the
// server's cached pages refresh. Each notice goes out once however often this runs.
async function main(): Promise<number> {
  await migrateToLatest(getDb());
  const report = await runRoundNotifications();
  for (const r of report.opened)
    console.log(`round ${r.roundId} opened: told ${r.notified} topic followers (“${r.title}”)`);
  for (const r of report.reminded)
    console.log(`round ${r.roundId} closes within two days: reminded ${r.notified} topic followers (“${r.title}”)`);
  for (const r of report.closed) console.log(`round ${r.roundId} closed (“${r.title}”)`);
  console.log(
    `rounds:notify: ${report.opened.length} opened, ${report.reminded.length} reminded, ${report.closed.length} closed.`,
  );
  return 0;
}

process.exitCode = await main();
await closeDatabase();
