import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { logInAll, seedForum, startLoad } from "../reliability/support";

// PostgreSQL is another machine: it restarts, a failover cuts connections, an administrator terminates a
// backend. Whatever the pool held at that moment (idle, in a transaction between statements, in a query),
// the app instance must live on: the request in the middle fails, the pool opens new connections, and the
// next requests are served. Runs in the PostgreSQL project only (vitest.config.ts).

let server: RunningServer;
let forum: Awaited<ReturnType<typeof seedForum>>;

beforeAll(async () => {
  forum = await seedForum(20);
  server = await startServer({ env: { DATABASE_PATH: forum.databasePath } });
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** Ends every connection the app holds to its database, as a server restart would. */
async function terminateAppConnections(): Promise<number> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    const ended = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'roundtable-%' AND pid <> pg_backend_pid()`,
    );
    return ended.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

async function healthz(): Promise<number> {
  return (await fetch(`${server.url}/healthz`)).status;
}

describe("an app instance whose PostgreSQL connections are cut", () => {
  it("lives on through cuts under a write load, and serves again at once", async () => {
    const cookies = await logInAll(server.url, forum.handles);
    const load = startLoad({
      url: server.url,
      cookies,
      openingPostId: forum.openingPostId,
      label: "cut",
      seconds: 4,
    });
    let terminated = 0;
    for (let cut = 0; cut < 8; cut++) {
      await new Promise((r) => setTimeout(r, 300));
      terminated += await terminateAppConnections();
    }
    await load.done;
    expect(terminated, "connections were cut while replies were being written").toBeGreaterThan(8);

    // The process is still there and serves: health, a page that reads, a reply that writes.
    let status = 0;
    for (let i = 0; i < 20 && status !== 200; i++) {
      status = await healthz().catch(() => 0);
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status, server.output()).toBe(200);
    const page = await fetch(`${server.url}/threads/${forum.threadId}/everyone-answers-at-once`);
    expect(page.status).toBe(200);
    const after = startLoad({
      url: server.url,
      cookies: cookies.slice(0, 2),
      openingPostId: forum.openingPostId,
      label: "after",
      seconds: 0.5,
    });
    await after.done;
    expect(after.acknowledged.length).toBeGreaterThan(0);
    expect([...after.statuses.keys()]).toEqual([302]);
    // Cut in the middle, a request may fail (a 500 is the honest answer to a lost transaction); none crashed us.
    expect(load.acknowledged.length).toBeGreaterThan(0);
  });
});
