// npm run stress:markdown: builds, starts the production server on a fresh database, and sends every input
// of the pathological Markdown corpus (tests/fixtures/markdown-pathological.json) as a preview, a reply and
// an edit, as a logged-in member, while a second client asks for /healthz every 50 ms (one at a time). Prints how slow
// /healthz got (target: no answer slower than 200 ms) and exits 1 if it missed. Not part of npm test.
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadMarkdownCorpus } from "../tests/lib/markdown-corpus";
import { startServer } from "../tests/e2e/support/server";

const POLL_EVERY_MS = 50;
const TARGET_MS = 200;
const DAY = 24 * 60 * 60 * 1000;

const dir = mkdtempSync(join(tmpdir(), "roundtable-markdown-stress-"));
process.env.DATABASE_PATH = join(dir, "roundtable.db");

/** A member past the new-member limits, a thread, and a reply of theirs to edit; written before the server starts. */
async function seed() {
  const { closeDatabase, getDb, migrateToLatest } = await import("~db/client.server");
  const { createMember, FACTORY_PASSWORD } = await import("../tests/factories/members");
  const { createTestReply, createTestThread } = await import("../tests/factories/threads");
  await migrateToLatest(getDb());
  const member = await createMember({ createdAt: Date.now() - 2 * DAY });
  const thread = await createTestThread({ authorId: member.id, title: "Formatting under stress" });
  const opening = await getDb()
    .selectFrom("posts")
    .select("id")
    .where("thread_id", "=", thread.id)
    .where("depth", "=", 0)
    .executeTakeFirstOrThrow();
  const replyId = await createTestReply({ threadId: thread.id, parentId: opening.id, authorId: member.id });
  await closeDatabase();
  return { handle: member.handle, password: FACTORY_PASSWORD, openingId: opening.id, replyId };
}

interface Answer {
  status: number;
  ms: number;
  location?: string;
  setCookie?: string[];
}

function request(
  agent: http.Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          location: res.headers.location,
          setCookie: res.headers["set-cookie"],
        }),
      );
      res.on("error", reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * Asks for /healthz every 50 ms on its own kept-alive connection, as a load balancer's health check would:
 * the next question when the last answer is in and 50 ms have passed since it was asked. A stuck server
 * shows as one slow answer as long as the stall.
 */
function pollHealth(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: Array<{ at: number; ms: number; ok: boolean }> = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const at = performance.now();
      try {
        const answer = await request(agent, `${url}/healthz`);
        samples.push({ at, ms: answer.ms, ok: answer.status === 200 });
      } catch {
        samples.push({ at, ms: performance.now() - at, ok: false });
      }
      const wait = at + POLL_EVERY_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    samples,
    async stop() {
      stopped = true;
      await loop;
      agent.destroy();
    },
  };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function main() {
  const forum = await seed();
  // One member sends every input three ways: the per-member limits would refuse most before they render.
  const limits = { PREVIEW_LIMIT: "10000", EDIT_LIMIT: "10000" };
  const server = await startServer({
    env: { DATABASE_PATH: process.env.DATABASE_PATH!, LOG_REQUESTS: "0", ...limits },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const login = await request(agent, `${server.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: new URLSearchParams({ login: forum.handle, password: forum.password }).toString(),
    });
    const cookie = String(login.setCookie?.[0] ?? "").split(";")[0];
    if (login.status !== 302 || !cookie) throw new Error(`Log-in answered ${login.status}.`);
    const post = (path: string, form: Record<string, string>) =>
      request(agent, `${server.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, Cookie: cookie },
        body: new URLSearchParams(form).toString(),
      });

    const corpus = loadMarkdownCorpus();
    const poller = pollHealth(server.url);
    const rows: Array<{ cells: string[]; from: number; to: number }> = [];
    for (const input of corpus) {
      const from = performance.now();
      const preview = await post(`/posts/${forum.openingId}/reply`, { bodySource: input.source, intent: "preview" });
      const reply = await post(`/posts/${forum.openingId}/reply`, { bodySource: input.source, intent: "publish" });
      const edit = await post(`/posts/${forum.replyId}/edit`, { bodySource: input.source });
      const cells = [input.name, String(input.source.length), input.expect];
      rows.push({
        cells: [...cells, ...[preview, reply, edit].map((a) => `${a.status} ${ms(a.ms)}`)],
        from,
        to: performance.now(),
      });
    }
    await poller.stop();
    for (const row of rows) {
      const during = poller.samples.filter((s) => s.at >= row.from && s.at <= row.to).map((s) => s.ms);
      row.cells.push(during.length ? ms(Math.max(...during)) : "-"); // the polls asked while this input was sent
    }

    const header = ["input", "chars", "expected", "preview", "reply", "edit", "/healthz max"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
    console.log(line(header));
    for (const row of rows) console.log(line(row.cells));

    const latencies = poller.samples.map((s) => s.ms).sort((a, b) => a - b);
    const over = latencies.filter((v) => v > TARGET_MS).length;
    const failed = poller.samples.filter((s) => !s.ok).length;
    console.log(
      `\n/healthz every ${POLL_EVERY_MS} ms while ${corpus.length} inputs went through preview, reply and edit: ` +
        `${latencies.length} answers, p50 ${ms(percentile(latencies, 0.5))}, p99 ${ms(percentile(latencies, 0.99))}, ` +
        `max ${ms(latencies.at(-1) ?? NaN)}; ${over} over ${TARGET_MS} ms; ${failed} failed.`,
    );
    const met = over === 0 && failed === 0;
    console.log(met ? `Target met: no /healthz answer over ${TARGET_MS} ms.` : `Target missed.`);
    process.exitCode = met ? 0 : 1;
  } finally {
    agent.destroy();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
