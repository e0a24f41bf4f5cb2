import { setTimeout as sleep } from "node:timers/promises";
import type { DB } from "~db/client.server";
import { MarkdownBusyError, MarkdownRefusedError, renderMarkdownBounded } from "~/lib/markdown-bounded.server";
import { plainTextHtml } from "~/lib/markdown.server";
import { postExcerpt } from "./posts.server";

// Rows from before migration 0009_rendered_revisions: revisions without the HTML they had, posts without their
// excerpt. Migrations never import app code, so they are filled here, after migrating, through the app's own
// renderer (docs/decisions/0013): `npm run db:migrate` runs it to the end; the server runs it in the
// background as it starts, and until it is done a revision shows its words unformatted and a list shows no
// excerpt. Nothing renders on a read either way.

const BATCH = 50;
const BUSY_WAIT_MS = 1_000;

export interface BackfillCounts {
  revisions: number;
  excerpts: number;
}

/** Fills every missing revision HTML and post excerpt, a batch at a time; stops early when `signal` aborts. */
export async function backfillRenderedText(db: DB, signal?: AbortSignal): Promise<BackfillCounts> {
  const counts: BackfillCounts = { revisions: 0, excerpts: 0 };
  for (let after = 0; !signal?.aborted;) {
    const done = await renderRevisions(db, after, signal);
    if (!done.count) break;
    counts.revisions += done.count;
    after = done.lastId;
  }
  for (let after = 0; !signal?.aborted;) {
    const done = await excerptPosts(db, after);
    if (!done.count) break;
    counts.excerpts += done.count;
    after = done.lastId;
    // Between batches, requests waiting for the main thread go first.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return counts;
}

/** One batch of revisions, rendered in the worker before a short transaction stores them. */
async function renderRevisions(db: DB, after: number, signal?: AbortSignal) {
  const rows = await db
    .selectFrom("post_revisions")
    .select(["id", "body_source"])
    .where("body_html", "is", null)
    .where("id", ">", after)
    .orderBy("id")
    .limit(BATCH)
    .execute();
  const rendered: Array<{ id: number; html: string }> = [];
  for (const row of rows) {
    if (signal?.aborted) break;
    rendered.push({ id: row.id, html: await renderOld(row.body_source) });
  }
  await db.transaction().execute(async (trx) => {
    for (const { id, html } of rendered) {
      await trx
        .updateTable("post_revisions")
        .set({ body_html: html })
        .where("id", "=", id)
        .where("body_html", "is", null)
        .execute();
    }
  });
  return { count: rendered.length, lastId: rendered.at(-1)?.id ?? after };
}

/**
 * Old words as HTML. Text the renderer now refuses (written before its limits) is kept as the text it is:
 * the revision stays readable, and no one is there to simplify it.
 */
async function renderOld(source: string): Promise<string> {
  for (;;) {
    try {
      return (await renderMarkdownBounded(source)).html;
    } catch (error) {
      if (error instanceof MarkdownBusyError) await sleep(BUSY_WAIT_MS);
      else if (error instanceof MarkdownRefusedError) return plainTextHtml(source);
      else throw error;
    }
  }
}

/** One batch of posts' excerpts, from the HTML they already store (no Markdown renders). */
async function excerptPosts(db: DB, after: number) {
  const rows = await db
    .selectFrom("posts")
    .select(["id", "body_html"])
    .where("excerpt", "is", null)
    .where("id", ">", after)
    .orderBy("id")
    .limit(BATCH)
    .execute();
  const excerpts = rows.map((row) => ({ id: row.id, excerpt: postExcerpt(row.body_html) }));
  await db.transaction().execute(async (trx) => {
    for (const { id, excerpt } of excerpts) {
      await trx.updateTable("posts").set({ excerpt }).where("id", "=", id).where("excerpt", "is", null).execute();
    }
  });
  return { count: rows.length, lastId: rows.at(-1)?.id ?? after };
}
