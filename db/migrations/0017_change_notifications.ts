import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable";

// Frozen in time: this migration never imports application code.
// PostgreSQL only: a commit that changes what pages show notifies channel "roundtable_changes" with the
// writer's application_name (each app instance's own id, db/postgres/engine.server.ts). Every other instance
// LISTENs and drops its cached visitor pages, as SQLite's data_version tells one process of another's
// writes. Statement-level triggers, and PostgreSQL folds equal notifications of one transaction into one.
// Private bookkeeping (sessions, drafts, mail, notifications, flags, the log) changes no visitor page.
const SHOWN_ON_PAGES = [
  "members",
  "member_fields",
  "suspensions",
  "tags",
  "threads",
  "thread_tags",
  "posts",
  "post_revisions",
  "post_reactions",
  "topic_follows",
  "thread_follows",
  "rounds",
  "round_prompts",
  "round_tags",
  "round_answers",
  "consent_changes",
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE FUNCTION roundtable_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('roundtable_changes', current_setting('application_name'));
      RETURN NULL;
    END $$`.execute(db);
  for (const table of SHOWN_ON_PAGES)
    await sql`CREATE TRIGGER ${sql.id(`${table}_notify_change`)}
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION roundtable_notify_change()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
