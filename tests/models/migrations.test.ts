import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { Migrator } from "kysely";
import { getDb, migrateToLatest, openDatabase } from "~db/client.server";
import { migrationProvider } from "~db/migrations/index";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";

/** An empty database of the engine this file runs on: a SQLite file, or a new PostgreSQL database. */
async function emptyDatabase(name: string): Promise<string> {
  const server = inject("postgresServerUrl");
  if (!server) return join(mkdtempSync(join(tmpdir(), "rt-mig-")), `${name}.db`);
  const database = `${name}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

describe("migrations", () => {
  it("apply to an empty database and create every table", async () => {
    const { db } = openDatabase(await emptyDatabase("empty"));
    const applied = await migrateToLatest(db);
    expect(applied).toEqual([
      "0001_init",
      "0002_moderation",
      "0003_search",
      "0004_following",
      "0005_secrets",
      "0006_rounds",
      "0007_posts_created_idx",
      "0008_accounts",
      "0009_rendered_revisions",
      "0010_mail_jobs",
      "0011_account_deletion",
      "0012_thread_reads",
      "0013_member_time_zone",
      "0014_rules_accepted",
      "0015_bookmarks",
      "0016_search_stemming",
      "0017_change_notifications",
      "0018_shared_rate_limits",
      "0019_sort_keys",
      "0020_thread_list_indexes",
      "0021_uploads",
      "0022_member_language",
      "0023_post_language",
      "0025_inbound_mail",
      "0026_unread_notifications_idx",
      "0027_topic_mail",
      "0028_member_directory",
      "0029_shelf",
      "0030_facilitation_reviews",
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
      "email_tokens",
      "mail_jobs",
      "reserved_handles",
      "thread_reads",
      "bookmarks",
      "uploads",
      "post_uploads",
    ]) {
      expect(names).toContain(table);
    }
    // Running again applies nothing.
    expect(await migrateToLatest(db)).toEqual([]);
    await db.destroy();
  });

  it("count members from before 0008 as verified since they joined, and approved", async () => {
    const { db } = openDatabase(await emptyDatabase("before_accounts"));
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo("0007_posts_created_idx");
    expect(error).toBeUndefined();
    const joined = Date.UTC(2025, 3, 1);
    await db
      .insertInto("members")
      .values({
        handle: "early_member",
        email: "early@example.org",
        display_name: "Early Member",
        password_hash: "x",
        created_at: joined,
        updated_at: joined,
        password_changed_at: joined,
      } as never)
      .execute();
    expect((await migrateToLatest(db))[0]).toBe("0008_accounts");
    const member = await db
      .selectFrom("members")
      .select(["email_verified_at", "approval_state"])
      .where("handle", "=", "early_member")
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ email_verified_at: joined, approval_state: "approved" });
    await db.destroy();
  });

  it("count members from before 0014 as having accepted the community rules when they joined", async () => {
    const { db } = openDatabase(await emptyDatabase("before_rules"));
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo("0011_account_deletion");
    expect(error).toBeUndefined();
    const joined = Date.UTC(2025, 5, 1);
    await db
      .insertInto("members")
      .values({
        handle: "rules_member",
        email: "rules@example.org",
        display_name: "Rules Member",
        password_hash: "x",
        created_at: joined,
        updated_at: joined,
        password_changed_at: joined,
      } as never)
      .execute();
    await migrateToLatest(db);
    const member = await db
      .selectFrom("members")
      .select("rules_accepted_at")
      .where("handle", "=", "rules_member")
      .executeTakeFirstOrThrow();
    expect(member.rules_accepted_at).toBe(joined);
    await db.destroy();
  });

  it("give topics from before 0019 their sort key: the name lower-cased, without accents", async () => {
    const { db } = openDatabase(await emptyDatabase("before_sort_keys"));
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo("0018_shared_rate_limits");
    expect(error).toBeUndefined();
    const names = ["Zoning", "Éducation Populaire", "ﬁnance", "affordable housing"];
    await db
      .insertInto("tags")
      .values(names.map((name, i) => ({ slug: `before-${i}`, name, created_at: 1 })) as never)
      .execute();
    expect(await migrateToLatest(db)).toEqual([
      "0019_sort_keys",
      "0020_thread_list_indexes",
      "0021_uploads",
      "0022_member_language",
      "0023_post_language",
      "0025_inbound_mail",
      "0026_unread_notifications_idx",
      "0027_topic_mail",
      "0028_member_directory",
      "0029_shelf",
      "0030_facilitation_reviews",
    ]);
    const tags = await db.selectFrom("tags").select(["name", "sort_key"]).orderBy("sort_key").execute();
    expect(tags).toEqual([
      { name: "affordable housing", sort_key: "affordable housing" },
      { name: "Éducation Populaire", sort_key: "education populaire" },
      { name: "ﬁnance", sort_key: "finance" },
      { name: "Zoning", sort_key: "zoning" },
    ]);
    await db.destroy();
  });

  it("leave the per-file test database migrated", async () => {
    expect(await migrateToLatest(getDb())).toEqual([]);
  });
});
