// Migration 0009 on a database written before it: old revisions get the HTML they would have had and old posts
// their excerpts, from the backfill the server and `npm run db:migrate` run after migrating (decision 0013).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { migrateToLatest, openDatabase } from "~db/client.server";
import { migrationProvider } from "~db/migrations/index";
import { renderMarkdown, plainTextHtml } from "~/lib/markdown.server";
import { MARKDOWN_MAX_NESTING } from "~/lib/markdown-structure.server";
import { backfillRenderedText } from "~/models/rendered-backfill.server";

const { db } = openDatabase(join(mkdtempSync(join(tmpdir(), "rt-backfill-")), "old.db"));
afterAll(() => db.destroy());

const T = Date.UTC(2025, 0, 15);
const STORY = "### Context\n\nThe landlord sold the **building**.\n\n### What we did\n\nWe met.";
const DEEP = `${"> ".repeat(MARKDOWN_MAX_NESTING + 4)}refused by today's limits`;

/** What a database looked like at 0008 (before rendered revisions): a thread, its opening post and a reply, each edited once. */
async function writeOldForum() {
  const migrated = await new Migrator({ db, provider: migrationProvider }).migrateTo("0008_accounts");
  expect(migrated.error).toBeUndefined();
  await sql`INSERT INTO members (id, handle, email, display_name, password_hash, created_at, updated_at, password_changed_at)
    VALUES (1, 'old_timer', 'old@example.org', 'Old Timer', 'x', ${T}, ${T}, ${T})`.execute(db);
  await sql`INSERT INTO threads (id, kind, title, slug, author_id, created_at, last_activity_at)
    VALUES (1, 'story', 'Before the migration', 'before-the-migration', 1, ${T}, ${T})`.execute(db);
  await sql`INSERT INTO posts (id, thread_id, author_id, parent_id, depth, path, body_source, body_html, created_at, edited_at)
    VALUES (1, 1, 1, NULL, 0, '', ${STORY}, ${renderMarkdown(STORY)}, ${T}, ${T + 1}),
           (2, 1, 1, 1, 1, '0000002', 'Thanks @old_timer', ${renderMarkdown("Thanks @old_timer")}, ${T}, ${T + 1})`.execute(
    db,
  );
  await sql`INSERT INTO post_revisions (id, post_id, editor_id, body_source, title, created_at)
    VALUES (1, 1, 1, 'The *first* story', 'Before the migration', ${T + 1}),
           (2, 2, 1, ${DEEP}, NULL, ${T + 1})`.execute(db);
}

describe("0009_rendered_revisions and its backfill", () => {
  it("add empty columns, then the backfill fills them through the app's renderer, once", async () => {
    await writeOldForum();
    expect((await migrateToLatest(db))[0]).toBe("0009_rendered_revisions");
    const revisions = () => db.selectFrom("post_revisions").select(["id", "body_html"]).orderBy("id").execute();
    const posts = () => db.selectFrom("posts").select(["id", "excerpt"]).orderBy("id").execute();
    expect(await revisions()).toEqual([
      { id: 1, body_html: null },
      { id: 2, body_html: null },
    ]);
    expect(await posts()).toEqual([
      { id: 1, excerpt: null },
      { id: 2, excerpt: null },
    ]);

    expect(await backfillRenderedText(db)).toEqual({ revisions: 2, excerpts: 2 });
    expect(await revisions()).toEqual([
      { id: 1, body_html: renderMarkdown("The *first* story") },
      // Written before today's structure limits: kept as the words it is rather than lost.
      { id: 2, body_html: plainTextHtml(DEEP) },
    ]);
    expect(await posts()).toEqual([
      { id: 1, excerpt: "The landlord sold the building. We met." },
      { id: 2, excerpt: "Thanks @old_timer" },
    ]);
    expect(await backfillRenderedText(db)).toEqual({ revisions: 0, excerpts: 0 });
  });

  it("stops between rows when asked to", async () => {
    await db.updateTable("post_revisions").set({ body_html: null }).execute();
    const stop = new AbortController();
    stop.abort();
    expect(await backfillRenderedText(db, stop.signal)).toEqual({ revisions: 0, excerpts: 0 });
    expect(await db.selectFrom("post_revisions").select("id").where("body_html", "is", null).execute()).toHaveLength(2);
  });
});
