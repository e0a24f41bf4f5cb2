import { describe, expect, it } from "vitest";
import { getDb, migrateToLatest, openDatabase } from "~db/client.server";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

describe("migrations", () => {
  it("apply to an empty database and create every table", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "rt-mig-")), "empty.db");
    const { db } = openDatabase(path);
    const applied = await migrateToLatest(db);
    expect(applied).toEqual([
      "0001_init",
      "0002_moderation",
      "0003_search",
      "0004_following",
      "0005_secrets",
      "0006_rounds",
      "0007_posts_created_idx",
      "0011_account_deletion",
    ]);
    const tables = await db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const table of [
      "members",
      "sessions",
      "threads",
      "posts",
      "tags",
      "thread_tags",
      "rounds",
      "round_answers",
      "consent_changes",
      "reserved_handles",
    ]) {
      expect(names).toContain(table);
    }
    // Running again applies nothing.
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
  });

  it("leave the per-file test database migrated", async () => {
    expect(await migrateToLatest(getDb())).toEqual([]);
  });
});
