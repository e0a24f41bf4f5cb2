import { closeDatabase, databasePath, getDb, migrateToLatest } from "./client.server";

const applied = await migrateToLatest(getDb());
console.log(applied.length ? `Applied ${applied.join(", ")} to ${databasePath()}` : `${databasePath()} is up to date.`);
await closeDatabase();
