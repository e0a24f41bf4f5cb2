import { type Kysely, sql } from "kysely";
import { isPostgres } from "./portable";

// Frozen in time: this migration never imports application code.
// PostgreSQL only: the brakes on log-in, joining, email and writes count in one table every app instance
// shares (rate-limiter-flexible's RateLimiterPostgres layout), so a limit tripped through one instance holds on
// all of them. SQLite runs one process, which keeps its counters in memory.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE TABLE rate_limits (
    key text PRIMARY KEY, -- a log-in key holds what was typed as the login: no length to overflow
    points integer NOT NULL DEFAULT 0,
    expire bigint
  )`.execute(db);
  await sql`CREATE INDEX rate_limits_expire_idx ON rate_limits (expire)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("Migrations are forward-only.");
}
