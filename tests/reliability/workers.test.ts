// Several workers behind one port (WEB_CONCURRENCY=2; docs/decisions/0028-workers.md): what one worker does,
// the others know; a worker that dies is replaced; workers never outlive their primary. Every request here
// goes on a connection of its own, and the primary hands connections to its workers in turn, so consecutive
// requests reach both workers (the /healthz checks prove it).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD } from "../factories/members";
import { createTestThread, openingPostId } from "../factories/threads";
import { sleep } from "./support";

const DAY = 24 * 60 * 60 * 1000;
// PostgreSQL tells the other workers of a write by LISTEN/NOTIFY, which lands within milliseconds; SQLite's
// data_version is read before each cached page is served, so there it holds at once.
const SETTLE_MS = process.env.DATABASE_URL ? 2_000 : 0;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    env: { DATABASE_PATH: process.env.DATABASE_PATH!, WEB_CONCURRENCY: "2", TRUST_PROXY: "1" },
  });
  await bothWorkersListening(server.url);
}, 120_000);

/** Ready means one worker answers; the other may still be starting. */
async function bothWorkersListening(base: string): Promise<number[]> {
  let pids: number[] = [];
  await until(async () => (pids = [...new Set(await workerPids(4, base))]).length === 2, 20_000);
  return pids;
}

afterAll(() => server?.stop());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request on a new connection (no keep-alive), so the primary picks the worker afresh. */
function send(
  path: string,
  init: { form?: Record<string, string>; cookie?: string; ip?: string; base?: string } = {},
): Promise<Answer> {
  const base = init.base ?? server.url;
  const headers: Record<string, string> = { "X-Forwarded-For": init.ip ?? "10.9.9.9", Connection: "close" };
  if (init.cookie) headers.Cookie = init.cookie;
  const body = init.form ? new URLSearchParams(init.form).toString() : undefined;
  if (body !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers.Origin = base;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method: body === undefined ? "GET" : "POST", headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`No answer to ${path} within 10 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

async function workerPids(requests = 6, base?: string): Promise<number[]> {
  const pids: number[] = [];
  for (let i = 0; i < requests; i++) {
    const answer = await send("/healthz", { base });
    expect(answer.status).toBe(200);
    pids.push((JSON.parse(answer.body) as { pid: number }).pid);
  }
  return pids;
}

/** Running, and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(50);
  }
}

describe("two workers on one database", () => {
  it("both workers answer, each for itself, and neither is the primary", async () => {
    const pids = new Set(await workerPids());
    expect(pids.size).toBe(2);
    expect(pids.has(server.pid)).toBe(false);
  });

  it("a log-in brake tripped through one worker holds on the other", async () => {
    const owner = await createMember();
    const ip = "10.77.0.1";
    // Five wrong guesses, alternating between the workers: shared counters see all five.
    for (let i = 0; i < 5; i++) {
      const wrong = await send("/login", { ip, form: { login: owner.handle, password: `guess ${i}` } });
      expect(wrong.status).toBe(400);
    }
    // Had each worker counted its own, the one that saw two or three would let these through as 400s.
    const next: number[] = [];
    for (let i = 0; i < 4; i++)
      next.push((await send("/login", { ip, form: { login: owner.handle, password: `guess ${5 + i}` } })).status);
    expect(next).toEqual([429, 429, 429, 429]);
    // The owner, from elsewhere, gets in through either worker.
    for (let i = 0; i < 2; i++) {
      const elsewhere = await send("/login", {
        ip: `10.78.0.${i + 1}`,
        form: { login: owner.handle, password: FACTORY_PASSWORD },
      });
      expect(elsewhere.status).toBe(302);
    }
  });

  it("a reply posted through one worker shows at once on the visitor page both had cached", async () => {
    const author = await createMember({ createdAt: Date.now() - 2 * DAY });
    const thread = await createTestThread({ authorId: author.id, title: "Phone trees across two workers" });
    const path = `/threads/${thread.id}/${thread.slug}`;
    const before: string[] = [];
    for (let i = 0; i < 4; i++) before.push(String((await send(path)).headers["x-page-cache"]));
    // The first visit to each worker renders; after that both serve the page from their caches.
    expect(before.slice(2)).toEqual(["hit", "hit"]);

    const login = await send("/login", { form: { login: author.handle, password: FACTORY_PASSWORD } });
    expect(login.status).toBe(302);
    const cookie = String(login.headers["set-cookie"]?.[0]).split(";")[0]!;
    const openingId = await openingPostId(thread.id);
    const text = "Posted through one worker, read through both.";
    const posted = await send(`/posts/${openingId}/reply`, { cookie, form: { bodySource: text, intent: "publish" } });
    expect(posted.status).toBe(302);

    // Four visits after the answer: two on each worker, each showing the reply.
    for (let i = 0; i < 4; i++) {
      let body = "";
      await until(async () => (body = (await send(path)).body).includes(text), SETTLE_MS);
      expect(body).toContain(text);
    }
  });

  it("the primary does not load the app", async () => {
    // docs/decisions/0034: the primary is a small entry (app/main.ts); only the workers load the server bundle,
    // and with it the packages' native code (the SQLite driver, mapped into each process that loads it).
    const mapped = (pid: number) => readFileSync(`/proc/${pid}/maps`, "utf8");
    const [worker] = await workerPids(1);
    // better-sqlite3 loads its native code at the first connection, so on PostgreSQL no process maps it.
    if (!process.env.DATABASE_URL) expect(mapped(worker!)).toContain("better_sqlite3.node");
    expect(mapped(server.pid)).not.toContain("better_sqlite3.node");
    // Resident memory, with room to spare: about 50 MB (a bare Node process is about 40); one that loads the
    // app is over 100.
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1]);
    expect(rssKb).toBeLessThan(90 * 1024);
  });

  it("a worker that dies is replaced, and the other answers meanwhile", { timeout: 60_000 }, async () => {
    const [victim] = await workerPids(1);
    process.kill(victim!, "SIGKILL");
    // A connection the primary hands over in the very moment the worker dies, before it hears of the death,
    // is lost with it (node:cluster's round robin; docs/decisions/0028). From then on every request is answered.
    expect(await until(() => !isRunning(victim!), 5_000)).toBe(true);
    await sleep(200);
    const replaced = await until(async () => {
      const pids = new Set(await workerPids(4));
      return pids.size === 2 && !pids.has(victim!);
    }, 20_000);
    expect(replaced).toBe(true);
    expect(isRunning(server.pid)).toBe(true);
  });
});

describe("workers and their primary", () => {
  it(
    "when the primary is killed (SIGKILL), its workers finish and exit instead of lingering",
    { timeout: 90_000 },
    async () => {
      const doomed = await startServer({ env: { WEB_CONCURRENCY: "2" } });
      try {
        const pids = await bothWorkersListening(doomed.url);
        expect(pids).toHaveLength(2);
        expect((await doomed.kill("SIGKILL")).signal).toBe("SIGKILL");
        expect(await until(() => pids.every((pid) => !isRunning(pid)), 15_000)).toBe(true);
      } finally {
        await doomed.stop();
      }
    },
  );

  it("a database that cannot be prepared stops the server with exit code 1, before any worker starts", async () => {
    // A path under a file cannot be created: the migrations fail in the one-off prepare step.
    const child = spawn(process.execPath, [join(REPO_ROOT, "build", "index.js")], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        WEB_CONCURRENCY: "2",
        PORT: "0",
        DATABASE_PATH: join(REPO_ROOT, "package.json", "nested", "roundtable.db"),
        DATABASE_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("prepare step exited");
    expect(output).not.toContain("Started 2 workers");
  });
});
