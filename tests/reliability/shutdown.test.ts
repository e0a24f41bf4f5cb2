// Issue 7, reliability 4: SIGTERM in the middle of a write storm. The server finishes what it acknowledged,
// checkpoints, exits 0 and leaves no WAL behind: as one process, and with two workers (the signal goes to the
// primary, which stops each worker and exits after the last; docs/decisions/0028).
import { existsSync, statSync } from "node:fs";
import { afterAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { describeStatuses, inspectDatabase, logInAll, lostOrDuplicated, seedForum, sleep, startLoad } from "./support";

const CLIENTS = 20;

let server: RunningServer | undefined;
afterAll(() => server?.stop());

test.each([1, 2])(
  "SIGTERM under load with WEB_CONCURRENCY=%i loses no acknowledged reply, exits 0 and leaves no -wal",
  { timeout: 120_000 },
  async (workers) => {
    const forum = await seedForum(CLIENTS);
    server = await startServer({ env: { DATABASE_PATH: forum.databasePath, WEB_CONCURRENCY: String(workers) } });
    const cookies = await logInAll(server.url, forum.handles);

    const load = startLoad({
      url: server.url,
      cookies,
      openingPostId: forum.openingPostId,
      label: "shutdown",
      seconds: 60,
    });
    await sleep(1500);
    const acknowledgedBeforeSignal = load.acknowledged.length;
    const signalled = performance.now();
    const exit = await server.kill("SIGTERM");
    const exitMs = performance.now() - signalled;
    await load.stop();
    const output = server.output();

    const wal = `${forum.databasePath}-wal`;
    const walBytes = existsSync(wal) ? statSync(wal).size : null;
    const report = await inspectDatabase(forum);
    const lost = lostOrDuplicated(load.acknowledged, report);
    console.log(
      `[shutdown] ${workers} worker(s): SIGTERM after ${acknowledgedBeforeSignal} acknowledged replies; exited ${exit.code ?? exit.signal} in ${exitMs.toFixed(0)} ms; ` +
        `${load.acknowledged.length - acknowledgedBeforeSignal} more acknowledged while shutting down; answers ${describeStatuses(load)}, ` +
        `no answer ${load.networkErrors}; lost ${lost.length}; -wal ${walBytes === null ? "absent" : `${walBytes} bytes`}; integrity ${report.integrity}`,
    );
    expect(acknowledgedBeforeSignal).toBeGreaterThan(0);
    expect(exit).toEqual({ code: 0, signal: null });
    // Finished by draining, not by the 10 s cut-off that drops requests mid-way (kept-alive clients are told
    // "Connection: close" instead of being allowed to send more).
    expect(exitMs).toBeLessThan(5000);
    expect(output).toMatch(/SIGTERM: finishing requests in flight/);
    expect(output).toMatch(/Closed\./);
    expect(walBytes ?? 0).toBe(0);
    expect(lost).toEqual([]);
    // Requests that were answered were answered properly: a redirect, never a 500 from a closing database.
    expect([...load.statuses.keys()]).toEqual([302]);
    expect(report.integrity).toBe("ok");
    expect(report.foreignKeyViolations).toBe(0);
    expect(report.counterProblems).toEqual([]);
  },
);
