import { closeDatabase, getDb, migrateToLatest } from "./client.server";
import { DEMO_PASSWORD, seedBaseline, seedDemo } from "../app/models/seed.server";

// npm run db:seed [-- --demo]: migrates, then adds what is missing. Safe to run again.
const db = getDb();
await migrateToLatest(db);
if (process.argv.includes("--demo")) {
  const counts = await seedDemo(db);
  console.log(
    `Demo data: ${counts.members} members, ${counts.threads} threads, ${counts.replies} replies added. ` +
      `Demo members log in with the password "${DEMO_PASSWORD}".`,
  );
} else {
  console.log((await seedBaseline(db)) ? "Seeded the focus-group prompts and starter topics." : "Nothing to seed.");
}
await closeDatabase();
