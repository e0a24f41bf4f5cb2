import { afterAll, describe, expect, it } from "vitest";
import { databaseLocation, getDb, getEngine, openDatabase } from "~db/client.server";
import { createMember } from "../factories/members";

// The visitor page cache drops its pages when another process (a CLI script, another app instance) commits a
// change: SQLite's data_version, PostgreSQL's LISTEN/NOTIFY (migration 0017). The same test on both engines.

const other = openDatabase(databaseLocation());
afterAll(() => other.close());

async function eventually(check: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return check();
}

describe("the change version", () => {
  it("stays put for this process's own writes and moves when another connection commits", async () => {
    const engine = getEngine();
    await engine.ready();
    await getDb().selectFrom("members").select("id").execute();
    const before = engine.readChangeVersion();
    await createMember(); // through getDb(): our own write
    await new Promise((r) => setTimeout(r, 200)); // a notification of our own would have come by now
    expect(engine.readChangeVersion()).toBe(before);

    await other.db
      .insertInto("tags")
      .values({ slug: "from-elsewhere", name: "From elsewhere", sort_key: "from elsewhere", created_at: Date.now() })
      .execute();
    expect(await eventually(() => engine.readChangeVersion() !== before)).toBe(true);
  });

  // SQLite's data_version moves for any commit; PostgreSQL's triggers sit only on tables that pages show.
  it("on PostgreSQL, ignores private bookkeeping that no visitor page shows (SQLite can't tell)", async () => {
    const engine = getEngine();
    const member = await createMember();
    await new Promise((r) => setTimeout(r, 200));
    const before = engine.readChangeVersion();
    await other.db
      .insertInto("drafts")
      .values({ member_id: member.id, kind: "discussion", created_at: Date.now(), updated_at: Date.now() })
      .execute();
    await new Promise((r) => setTimeout(r, 300));
    expect(engine.readChangeVersion() === before).toBe(engine.name === "postgres");
  });
});
