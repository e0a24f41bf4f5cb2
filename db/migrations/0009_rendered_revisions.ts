import { sql, type Kysely } from "kysely";

// Frozen in time: this migration never imports application code.
// Markdown renders when a post is written, never when it is read: a revision keeps the HTML it had, and a post
// the plain-text excerpt that lists show. Rows from before this migration get them from a backfill through
// the app's renderer, which the server and `npm run db:migrate` run after migrating (docs/decisions/0013);
// until then the columns are NULL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("post_revisions").addColumn("body_html", "text").execute();
  await db.schema.alterTable("posts").addColumn("excerpt", "text").execute();
  // What the backfill has left to do; empty once it is done, and rows written since are never NULL.
  await sql`CREATE INDEX post_revisions_unrendered_idx ON post_revisions (id) WHERE body_html IS NULL`.execute(db);
  await sql`CREATE INDEX posts_no_excerpt_idx ON posts (id) WHERE excerpt IS NULL`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
