import { sql } from "kysely";
import { getDb, getEngine, getSqliteHandle } from "~db/client.server";

// "Was anything written?" for tests that prove a refused request changed nothing, on either engine.
// SQLite: data_version moves when another process (the server under test) commits; total_changes() counts
// this connection's rows. PostgreSQL: a row trigger on every table draws from the sequence test_writes
// (installed in the template database by tests/setup/global-setup-postgres.ts), which any process sees and no
// lock guards (a counter row would make concurrent writers wait on each other). The brakes' counters
// (rate_limits) are not counted: on SQLite they live in memory, and counting an attempt is not a write.

/** Rows the server's process wrote (SQLite: any commit by another connection); compare two readings. */
export async function writesByServer(): Promise<number> {
  if (getEngine().name === "sqlite") return getSqliteHandle().pragma("data_version", { simple: true }) as number;
  return writesCounted();
}

/** Rows this process wrote (the routes run in the test's process); compare two readings. */
export async function writesHere(): Promise<number> {
  if (getEngine().name === "sqlite")
    return (await sql<{ n: number }>`SELECT total_changes() AS n`.execute(getDb())).rows[0]!.n;
  return writesCounted();
}

async function writesCounted(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT last_value AS n FROM test_writes`.execute(getDb());
  return Number(rows[0]!.n);
}

/** The PostgreSQL side: run once on the migrated template. */
export const INSTALL_WRITE_COUNTER = `
  CREATE SEQUENCE test_writes;
  CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM nextval('test_writes'); RETURN NULL; END $$;
  DO $$ DECLARE t text; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'rate_limits' LOOP
      EXECUTE format('CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE ON %I
        FOR EACH ROW EXECUTE FUNCTION test_count_write()', t);
    END LOOP;
  END $$;`;
