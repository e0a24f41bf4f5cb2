// npm run bench [-- --quick] [-- --reuse]: builds the data set (bench/data/), starts the production server
// on it, and measures pages with wrk and reply POSTs with a small keep-alive client. Prints a table and
// writes bench/results/latest.json. Not part of npm test.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { BENCH_PASSWORD, COMMON_WORD, FULL, generate, QUICK, RARE_WORD } from "./generate";

const quick = process.argv.includes("--quick");
const reuse = process.argv.includes("--reuse");
const size = quick ? QUICK : FULL;
const seconds = quick ? 3 : 10;
const CONNECTIONS = 50;
const root = resolve(import.meta.dirname, "..");
const dataPath = join(root, "bench", "data", quick ? "quick.db" : "full.db");
mkdirSync(join(root, "bench", "data"), { recursive: true });
mkdirSync(join(root, "bench", "results"), { recursive: true });

function bar(done: number, total: number, label: string) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(
    `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${Math.round((done / total) * 100)}% ${label}   `,
  );
}

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => res(port));
    });
  });
}

function ensureWrk() {
  if (spawnSync("which", ["wrk"]).status === 0) return;
  console.log("Installing wrk (Debian package)...");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "wrk"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

interface Result {
  name: string;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

function parseMs(text: string): number {
  const m = /([\d.]+)(us|ms|s)/.exec(text);
  if (!m) return NaN;
  const value = Number(m[1]);
  return m[2] === "us" ? value / 1000 : m[2] === "s" ? value * 1000 : value;
}

function runWrk(name: string, url: string, headers: string[] = []): Result {
  // Browsers always accept gzip; so do we here, as the server then sends its pre-compressed copy.
  const all = ["Accept-Encoding: gzip", ...headers];
  const args = ["-t2", `-c${CONNECTIONS}`, `-d${seconds}s`, "--latency", ...all.flatMap((h) => ["-H", h]), url];
  const out = execFileSync("wrk", args, { encoding: "utf8" });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const p50 = parseMs(/\s50%\s+(\S+)/.exec(out)?.[1] ?? "");
  const p99 = parseMs(/\s99%\s+(\S+)/.exec(out)?.[1] ?? "");
  const errors = [...out.matchAll(/(connect|read|write|timeout) (\d+)/g)].reduce((sum, m) => sum + Number(m[2]), 0);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  return { name, requestsPerSec: rps, p50Ms: p50, p99Ms: p99, errors, non2xx };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((res, rej) => {
    const req = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (c) => chunks.push(c));
      response.on("end", () =>
        res({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", rej);
    req.end(options.body);
  });
}

async function logIn(base: string, handle: string): Promise<string> {
  const body = new URLSearchParams({ login: handle, password: BENCH_PASSWORD }).toString();
  const response = await request(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body,
  });
  const cookie = String(response.headers["set-cookie"]?.[0] ?? "").split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`log-in as ${handle} failed: ${response.status}`);
  return cookie;
}

async function postReplies(base: string, cookies: string[], threadIds: number[], openingIds: Map<number, number>) {
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const acknowledged: string[] = [];
  let counter = 0;
  await Promise.all(
    cookies.map(async (cookie) => {
      while (Date.now() < deadline) {
        const threadId = threadIds[counter % threadIds.length]!;
        const marker = `bench-reply-${process.pid}-${counter++}`;
        const body = new URLSearchParams({
          bodySource: `${marker} a reply from the benchmark`,
          intent: "publish",
        }).toString();
        const started = performance.now();
        try {
          const response = await request(`${base}/posts/${openingIds.get(threadId)}/reply`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base, Cookie: cookie },
            body,
          });
          latencies.push(performance.now() - started);
          if (response.status === 302) acknowledged.push(marker);
          else non2xx++;
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    result: {
      name: "POST reply (logged in)",
      requestsPerSec: latencies.length / seconds,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      errors,
      non2xx,
    } as Result,
    acknowledged,
  };
}

async function main() {
  if (!existsSync(join(root, "build", "index.js"))) throw new Error("Run npm run build first (npm run bench does).");
  let generateSeconds: number | null = null;
  if (!reuse || !existsSync(dataPath)) {
    console.log(
      `Generating ${quick ? "the quick" : "the full"} data set: ${size.members} members, ${size.topics} topics, ${size.threads} threads, ${size.posts} posts...`,
    );
    const started = performance.now();
    await generate(dataPath, size, bar);
    generateSeconds = (performance.now() - started) / 1000;
    console.log(`\nGenerated in ${generateSeconds.toFixed(1)} s.`);
  }
  ensureWrk();
  const sqlite = new Database(dataPath, { readonly: true });
  const big = sqlite
    .prepare("SELECT id, slug FROM threads WHERE title = 'The long conversation: two thousand replies'")
    .get() as { id: number; slug: string };
  const topic = sqlite.prepare("SELECT slug FROM tags ORDER BY thread_count DESC LIMIT 1").get() as { slug: string };
  const handles = (
    sqlite
      .prepare("SELECT handle FROM members WHERE handle LIKE 'bench_%' ORDER BY id LIMIT ?")
      .all(CONNECTIONS) as Array<{ handle: string }>
  ).map((r) => r.handle);
  const postThreads = sqlite
    .prepare(
      "SELECT t.id, p.id AS opening FROM threads t JOIN posts p ON p.thread_id = t.id AND p.depth = 0 WHERE t.id != ? ORDER BY t.id DESC LIMIT 200",
    )
    .all(big.id) as Array<{ id: number; opening: number }>;
  const maxPostBefore = (sqlite.prepare("SELECT MAX(id) AS id FROM posts").get() as { id: number }).id;
  sqlite.close();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [join(root, "build", "index.js")], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_PATH: dataPath,
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIGIN: base,
      LOG_REQUESTS: "0",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let peakRss = 0;
  const rssTimer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
      peakRss = Math.max(peakRss, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      /* the server has exited */
    }
  }, 250);
  try {
    for (let i = 0; i < 200; i++) {
      const ok = await request(`${base}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const threadPath = `/threads/${big.id}/${big.slug}`;
    // Warm up each page once, so the first measured request is not a cold render.
    for (const path of ["/", `/topics/${topic.slug}`, threadPath]) await request(`${base}${path}`);
    const results: Result[] = [];
    results.push(runWrk("GET / (visitor)", `${base}/`));
    results.push(runWrk(`GET /topics/${topic.slug} (visitor)`, `${base}/topics/${topic.slug}`));
    results.push(runWrk("GET 2,000-reply thread (visitor)", `${base}${threadPath}`));
    results.push(runWrk(`GET /search?q=${RARE_WORD}`, `${base}/search?q=${RARE_WORD}`));
    results.push(runWrk(`GET /search?q=${COMMON_WORD}`, `${base}/search?q=${COMMON_WORD}`));
    const cookies = await Promise.all(handles.map((h) => logIn(base, h)));
    results.push(runWrk("GET 2,000-reply thread (logged in)", `${base}${threadPath}`, [`Cookie: ${cookies[0]}`]));
    const posting = await postReplies(
      base,
      cookies,
      postThreads.map((t) => t.id),
      new Map(postThreads.map((t) => [t.id, t.opening])),
    );
    results.push(posting.result);

    // What a browser downloads for the thread page, gzipped.
    const page = await request(`${base}${threadPath}`);
    const html = page.body.toString("utf8");
    const assets = [...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.(js|css))"/g)].map((m) => ({
      path: m[1]!,
      type: m[2]!,
    }));
    let js = 0;
    let css = 0;
    for (const asset of new Map(assets.map((a) => [a.path, a])).values()) {
      const bytes = gzipSync((await request(`${base}${asset.path}`)).body).length;
      if (asset.type === "js") js += bytes;
      else css += bytes;
    }
    const htmlGzip = gzipSync(page.body).length;

    // Every acknowledged reply is stored exactly once.
    const check = new Database(dataPath, { readonly: true });
    const stored = check
      .prepare("SELECT body_source FROM posts WHERE id > ? AND body_source LIKE 'bench-reply-%'")
      .all(maxPostBefore) as Array<{ body_source: string }>;
    check.close();
    const counts = new Map<string, number>();
    for (const row of stored) {
      const marker = row.body_source.split(" ")[0]!;
      counts.set(marker, (counts.get(marker) ?? 0) + 1);
    }
    const missing = posting.acknowledged.filter((m) => counts.get(m) !== 1).length;
    const dbBytes = ["", "-wal"].reduce(
      (sum, s) => sum + (existsSync(dataPath + s) ? statSync(dataPath + s).size : 0),
      0,
    );

    const summary = {
      when: new Date().toISOString(),
      quick,
      size,
      seconds,
      connections: CONNECTIONS,
      generateSeconds,
      results,
      replies: {
        acknowledged: posting.acknowledged.length,
        storedOnceEach: posting.acknowledged.length - missing,
        missingOrDuplicated: missing,
      },
      serverPeakRssMB: Math.round(peakRss / 1024 / 1024),
      databaseMB: Math.round(dbBytes / 1024 / 1024),
      threadPageGzipBytes: { html: htmlGzip, js, css, total: htmlGzip + js + css },
    };
    console.log("\n| measure | requests/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|");
    for (const r of results)
      console.log(
        `| ${r.name} | ${r.requestsPerSec.toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} | ${r.errors} | ${r.non2xx} |`,
      );
    console.log(
      `\nReplies acknowledged: ${summary.replies.acknowledged}, stored exactly once: ${summary.replies.storedOnceEach}, missing or duplicated: ${missing}`,
    );
    console.log(
      `Server peak RSS: ${summary.serverPeakRssMB} MB · database: ${summary.databaseMB} MB${generateSeconds ? ` · generated in ${generateSeconds.toFixed(1)} s` : ""}`,
    );
    console.log(`Thread page, gzip: HTML ${htmlGzip} B, JS ${js} B, CSS ${css} B, total ${htmlGzip + js + css} B`);
    writeFileSync(join(root, "bench", "results", "latest.json"), `${JSON.stringify(summary, null, 2)}\n`);
    console.log("Written to bench/results/latest.json");
  } finally {
    clearInterval(rssTimer);
    server.kill("SIGTERM");
    agent.destroy();
  }
}

await main();
