import { closeDatabase, describeLocation, getDb, migrateToLatest } from "./client.server";
import { stopMarkdownWorkers } from "../app/lib/markdown-bounded.server";
import { backfillRenderedText } from "../app/models/rendered-backfill.server";

const applied = await migrateToLatest(getDb());
console.log(
  applied.length ? `Applied ${applied.join(", ")} to ${describeLocation()}` : `${describeLocation()} is up to date.`,
);
// Rows older than 0009 get their revision HTML and excerpts through the app's renderer (docs/decisions/0013).
const filled = await backfillRenderedText(getDb());
if (filled.revisions || filled.excerpts)
  console.log(`Rendered ${filled.revisions} earlier revisions and wrote ${filled.excerpts} excerpts.`);
await stopMarkdownWorkers();
await closeDatabase();
