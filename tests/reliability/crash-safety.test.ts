// Issue 7, reliability 2: the server is killed (SIGKILL, no chance to clean up) in the middle of a write
// storm, again and again on the same file. Every acknowledged reply must survive, the file must stay sound.
import { afterAll, expect, test } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import {
  type Acknowledged,
  inspectDatabase,
  logInAll,
  lostOrDuplicated,
  seedForum,
  sleep,
  startLoad,
  STRESS,
} from "./support";

const KILLS = STRESS ? 10 : 3;
const CLIENTS = 12;

let server: RunningServer | undefined;
afterAll(() => server?.stop());

test(
  `${KILLS} SIGKILLs during a write storm lose no acknowledged reply and leave the database sound`,
  { timeout: KILLS * 20_000 + 60_000 },
  async () => {
    const forum = await seedForum(CLIENTS);
    const env = { DATABASE_PATH: forum.databasePath };
    server = await startServer({ env });
    // Sessions live in the database, so the cookies hold across restarts.
    const cookies = await logInAll(server.url, forum.handles);
    const acknowledged: Acknowledged[] = [];
    let survived = 0;

    for (let round = 1; round <= KILLS; round++) {
      if (round > 1) server = await startServer({ env });
      const load = startLoad({
        url: server.url,
        cookies,
        openingPostId: forum.openingPostId,
        label: `crash${round}`,
        seconds: 30,
      });
      // A random moment: sometimes early in the storm, sometimes well into it.
      const killAfter = 300 + Math.floor(Math.random() * 1500);
      await sleep(killAfter);
      const exit = await server.kill("SIGKILL");
      await load.stop();
      acknowledged.push(...load.acknowledged);

      // Read the file as the killed server left it (-wal and -shm still there), before anything recovers it.
      const report = await inspectDatabase(forum);
      const lost = lostOrDuplicated(acknowledged, report);
      console.log(
        `[crash-safety] kill ${round}/${KILLS} after ${killAfter} ms (${exit.signal}): ${load.acknowledged.length} acknowledged this round, ` +
          `${acknowledged.length} in all, ${load.networkErrors} requests cut off; stored but never answered so far ${report.replies - acknowledged.length}; lost ${lost.length}; integrity ${report.integrity}; ` +
          `foreign key violations ${report.foreignKeyViolations}; counter mismatches ${report.counterProblems.length}`,
      );
      expect(exit.signal).toBe("SIGKILL");
      expect(report.integrity).toBe("ok");
      expect(report.foreignKeyViolations).toBe(0);
      expect(lost).toEqual([]);
      // A reply is one transaction: a kill never leaves a post without its counters.
      expect(report.counterProblems).toEqual([]);
      survived++;
    }

    // Restarted on the same file once more, the server recovers it and keeps taking replies.
    server = await startServer({ env });
    const after = startLoad({
      url: server.url,
      cookies: cookies.slice(0, 2),
      openingPostId: forum.openingPostId,
      label: "after",
      seconds: 0.5,
    });
    await after.done;
    await server.stop();
    const final = await inspectDatabase(forum);
    console.log(
      `[crash-safety] kills survived ${survived}/${KILLS}; replies acknowledged ${acknowledged.length}, lost ${lostOrDuplicated(acknowledged, final).length}`,
    );
    expect(after.acknowledged.length).toBeGreaterThan(0);
    expect(lostOrDuplicated([...acknowledged, ...after.acknowledged], final)).toEqual([]);
    expect(final.integrity).toBe("ok");
    expect(final.counterProblems).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  },
);
