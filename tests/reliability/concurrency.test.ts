// Issue 7, reliability 1: many members reply to the same thread at once, against the production server: once
// as one process, once with two workers sharing the database (docs/decisions/0028).
import { afterAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { describeStatuses, inspectDatabase, logInAll, lostOrDuplicated, seedForum, startLoad, STRESS } from "./support";

const MEMBERS = 100;
const SECONDS = STRESS ? 30 : 5;

let server: RunningServer | undefined;
afterAll(() => server?.stop());

test.each([1, 2])(
  `${MEMBERS} members reply to one thread for ${SECONDS} s with WEB_CONCURRENCY=%i: no errors, every acknowledged reply stored once, counters true`,
  { timeout: (SECONDS + 90) * 1000 },
  async (workers) => {
    const forum = await seedForum(MEMBERS);
    // A busy machine may slow a render past its deadline (a refusal, tested elsewhere); here the database is tested.
    server = await startServer({
      env: { DATABASE_PATH: forum.databasePath, MARKDOWN_DEADLINE_MS: "10000", WEB_CONCURRENCY: String(workers) },
    });
    const cookies = await logInAll(server.url, forum.handles);

    const started = performance.now();
    const load = startLoad({
      url: server.url,
      cookies,
      openingPostId: forum.openingPostId,
      label: "concurrent",
      seconds: SECONDS,
    });
    await load.done;
    const elapsed = (performance.now() - started) / 1000;
    const output = server.output();
    await server.stop();

    const report = await inspectDatabase(forum);
    const lost = lostOrDuplicated(load.acknowledged, report);
    console.log(
      `[concurrency] ${workers} worker(s), ${MEMBERS} members, ${elapsed.toFixed(1)} s: ${load.acknowledged.length} replies acknowledged ` +
        `(${(load.acknowledged.length / elapsed).toFixed(0)}/s), answers ${describeStatuses(load)}, no answer ${load.networkErrors}; ` +
        `lost or duplicated ${lost.length}; thread has ${report.replies} replies; counter mismatches ${report.counterProblems.length}`,
    );

    expect(load.acknowledged.length).toBeGreaterThan(MEMBERS);
    // Every request answered, and answered with the redirect of a stored reply: no 500, no busy error.
    expect(describeStatuses(load)).toBe(`302×${load.acknowledged.length}`);
    expect(load.networkErrors).toBe(0);
    expect(output).not.toMatch(/SQLITE_BUSY|database is locked/i);
    expect(lost).toEqual([]);
    // Nothing was stored that was not acknowledged either: every reply in the thread is one we were told about.
    expect(report.replies).toBe(load.acknowledged.length);
    expect(report.counterProblems).toEqual([]);
    expect(report.integrity).toBe("ok");
    expect(report.foreignKeyViolations).toBe(0);
  },
);
