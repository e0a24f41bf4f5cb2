// npm run bench [-- --quick] [-- --reuse] [-- --engine sqlite|postgres] [-- --lighthouse] [-- --only <text>]: builds
// the data set (bench/data/),
// starts the production server on a copy of it made for the run (the replies it posts never pile up in the data
// set; on PostgreSQL: a copy in a throwaway server, see bench/engine.ts), and measures pages
// with wrk and reply POSTs with a small keep-alive client. Prints a table and writes
// bench/results/latest.json and latest-<engine>.json. Not part of npm test.
//
// Each row says how its pages were served: "cached" (every answer came from the visitor page cache, by the
// server's X-Page-Cache header), "rendered" (none did) or "mixed". Rates are answers divided by the elapsed
// time of the run. The benchmark exits non-zero if any request errored or was answered outside 2xx/3xx, a row
// got no answer at all, or an acknowledged reply was not stored exactly once: a fast row built on error pages
// is no result.
import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { type BenchEngine, engineOption, setUpEngine } from "./engine";
import { BENCH_PASSWORD, COMMON_WORD, FULL, generate, QUICK, RARE_WORD } from "./generate";

const quick = process.argv.includes("--quick");
const reuse = process.argv.includes("--reuse");
// Opt-in: Lighthouse (mobile, simulated slow 4G) on the home page and the 2,000-reply thread, run through npx
// on demand (not a dependency) with the system's Chromium (CHROME_PATH, else /usr/bin/chromium).
const lighthouse = process.argv.includes("--lighthouse");
const engineName = engineOption(process.argv);
// `--only search`: only the rows whose name holds that text (case aside), for comparing one area quickly; the
// results then go to bench/results/only-<engine>.json, leaving latest*.json to whole runs.
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt < 0 ? null : (process.argv[onlyAt + 1] ?? "").toLowerCase();
if (only === "") throw new Error("--only takes the text of the rows to run, for example --only search.");
const wanted = (name: string) => only === null || name.toLowerCase().includes(only);
const size = quick ? QUICK : FULL;
const seconds = quick ? 3 : 10;
const CONNECTIONS = 50;
const WRK_THREADS = 2;
// wrk's default (2 s) counts a slow answer as a socket error and leaves it out of the latencies; with this,
// slow answers show in p99.9 and max, and only one that never comes is an error.
const WRK_TIMEOUT = "30s";
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
  /** "cached", "rendered" or "mixed: N% cached" (see served()). */
  served: string;
  /** Answers received, whatever their status. */
  requests: number;
  elapsedSeconds: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** Requests that got no answer: connect, read and write errors, and timeouts. */
  errors: number;
  /** Answers outside 2xx/3xx (for the reply POST: any answer but the 302 that acknowledges the reply). */
  non2xx: number;
  /** The server's peak resident and proportional memory (summed over its processes) during this row, in MB. */
  peakRssMB?: number;
  peakPssMB?: number;
  /** CPU time the server's processes used during this row, per answer (less noisy than rates on a busy machine). */
  cpuMsPerRequest?: number;
}

/** How a row's answers were made, from the server's X-Page-Cache header ("hit" for the visitor page cache). */
function served(cacheHits: number, answers: number): string {
  if (answers > 0 && cacheHits === answers) return "cached";
  if (cacheHits === 0) return "rendered";
  return `mixed: ${((100 * cacheHits) / answers).toFixed(1)}% cached`;
}

/** What bench/wrk-report.lua prints after a run. */
interface WrkReport {
  requests: number;
  durationUs: number;
  connectErrors: number;
  readErrors: number;
  writeErrors: number;
  timeouts: number;
  outside2xx3xx: number;
  cacheHits: number;
  cacheMisses: number;
  noCacheHeader: number;
  p50Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
}

/** `paths`: ask for these in turn (each wrk thread its share, see wrk-report.lua) rather than `url`'s path. */
async function runWrk(name: string, url: string, headers: string[] = [], paths?: string[]): Promise<Result> {
  // Browsers always accept gzip; so do we here, as the server then sends its pre-compressed copy.
  const all = ["Accept-Encoding: gzip", ...headers];
  // The script sees every answer (to read X-Page-Cache), which costs wrk some CPU on a 2-core machine: cached
  // rows read about 10-20% lower than wrk without it (quick set, 5,800-6,600 against 6,500-7,900 req/s).
  const script = join(root, "bench", "wrk-report.lua");
  const args = [`-t${WRK_THREADS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, "--timeout", WRK_TIMEOUT, "-s", script];
  const pathsFile = join(root, "bench", "data", "wrk-paths.txt");
  if (paths) writeFileSync(pathsFile, `${paths.join("\n")}\n`);
  const rest = paths ? ["--", pathsFile, String(WRK_THREADS)] : [];
  // Not execFileSync: the event loop stays free, so the server's memory is sampled during the row too.
  const { stdout: out } = await promisify(execFile)("wrk", [...args, ...all.flatMap((h) => ["-H", h]), url, ...rest], {
    encoding: "utf8",
  });
  const line = /^BENCH (\{.*\})$/m.exec(out)?.[1];
  if (!line) throw new Error(`wrk printed no report for ${name}:\n${out}`);
  const r = JSON.parse(line) as WrkReport;
  const elapsedSeconds = r.durationUs / 1e6;
  return {
    name,
    served: served(r.cacheHits, r.cacheHits + r.cacheMisses + r.noCacheHeader),
    requests: r.requests,
    elapsedSeconds,
    requestsPerSec: r.requests / elapsedSeconds,
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    p999Ms: r.p999Us / 1000,
    maxMs: r.maxUs / 1000,
    errors: r.connectErrors + r.readErrors + r.writeErrors + r.timeouts,
    non2xx: r.outside2xx3xx,
  };
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

/** A single GET that must succeed (a warm-up, an asset): anything outside 2xx/3xx stops the benchmark. */
async function get(url: string, headers: Record<string, string> = {}) {
  const response = await request(url, { headers });
  if (response.status < 200 || response.status > 399) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
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
  const runStarted = performance.now();
  const deadline = Date.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let cacheHits = 0;
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
          if (response.headers["x-page-cache"] === "hit") cacheHits++;
          if (response.status === 302) acknowledged.push(marker);
          else non2xx++;
        } catch {
          errors++;
        }
      }
    }),
  );
  // The last requests end after the deadline: divide by the time it all took.
  const elapsedSeconds = (performance.now() - runStarted) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  const result: Result = {
    name: "POST reply (logged in)",
    served: served(cacheHits, latencies.length),
    requests: latencies.length,
    elapsedSeconds,
    requestsPerSec: latencies.length / elapsedSeconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    p999Ms: at(0.999),
    maxMs: latencies.at(-1) ?? NaN,
    errors,
    non2xx,
  };
  return { result, acknowledged };
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
  // Visitor pages no request has asked for yet, so none is in the page cache: what a visitor gets after a write
  // dropped the page (every thread but the big one, which rows before this one ask for).
  const uncachedPaths = (
    sqlite
      .prepare("SELECT id, slug FROM threads WHERE id != ? AND hidden_at IS NULL AND deleted_at IS NULL ORDER BY id")
      .all(big.id) as Array<{ id: number; slug: string }>
  ).map((t) => `/threads/${t.id}/${t.slug}`);
  sqlite.close();

  const engine = await setUpEngine(engineName, dataPath);
  // Ctrl-C or a kill still stops the app server, then a throwaway PostgreSQL server.
  const onSignal = (signal: NodeJS.Signals) => {
    appServer?.kill("SIGKILL");
    engine.stop();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    await measureOn(engine, { big, topic, handles, postThreads, maxPostBefore, uncachedPaths }, generateSeconds);
  } finally {
    engine.stop();
  }
}

/** The app server of the run in progress, for the signal handler. */
let appServer: ChildProcess | undefined;

/** What the rows ask for, read from the generated SQLite file (the same ids on PostgreSQL's copy). */
interface Targets {
  big: { id: number; slug: string };
  topic: { slug: string };
  handles: string[];
  postThreads: Array<{ id: number; opening: number }>;
  maxPostBefore: number;
  uncachedPaths: string[];
}

async function measureOn(engine: BenchEngine, targets: Targets, generateSeconds: number | null) {
  const { big, topic, handles, postThreads, maxPostBefore, uncachedPaths } = targets;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = (appServer = spawn(process.execPath, [join(root, "build", "index.js")], {
    cwd: root,
    env: {
      ...process.env,
      ...engine.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIGIN: base,
      LOG_REQUESTS: "0",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  }));
  // With workers (WEB_CONCURRENCY, default one per core) the server is several processes: its resident
  // memory is the sum over the primary and its children, sampled together. Each process's own peak (VmHWM)
  // is kept too; their sum bounds the whole from above.
  const serverPids = () => [server.pid!, ...childPids(server.pid!)];
  // Resident memory counts the pages processes share (Node's own code) once per process; proportional memory
  // (PSS) divides each shared page among them, so its sum is what the server as a whole holds.
  let peakRss = 0;
  let peakPss = 0;
  // The same, since the last row ended: which rows the memory goes to.
  let rowPeakRss = 0;
  let rowPeakPss = 0;
  const peakByPid = new Map<number, number>();
  const rssTimer = setInterval(() => {
    let total = 0;
    let proportional = 0;
    for (const pid of serverPids()) {
      const status = procStatus(pid);
      if (!status) continue;
      total += status.rss;
      proportional += status.pss;
      peakByPid.set(pid, Math.max(peakByPid.get(pid) ?? 0, status.hwm));
    }
    peakRss = Math.max(peakRss, total);
    peakPss = Math.max(peakPss, proportional);
    rowPeakRss = Math.max(rowPeakRss, total);
    rowPeakPss = Math.max(rowPeakPss, proportional);
  }, 250);
  const MB = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const serverCpuMs = () => serverPids().reduce((sum, pid) => sum + cpuMs(pid), 0);
  let rowCpuStart = serverCpuMs();
  const withRowPeak = (result: Result): Result => {
    const cpu = serverCpuMs();
    const cpuMsPerRequest = Number(((cpu - rowCpuStart) / Math.max(1, result.requests)).toFixed(3));
    rowCpuStart = cpu;
    const row = { ...result, peakRssMB: MB(rowPeakRss), peakPssMB: MB(rowPeakPss), cpuMsPerRequest };
    rowPeakRss = 0;
    rowPeakPss = 0;
    return row;
  };
  try {
    for (let i = 0; i < 200; i++) {
      const ok = await request(`${base}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const threadPath = `/threads/${big.id}/${big.slug}`;
    const results: Result[] = [];
    // Each page is asked for once first, so the first measured request is not a cold render (and a page the
    // cache serves is in it).
    // With workers, each has its own cache: the page is asked for on a new connection each time, as many times
    // as there are processes, so the primary hands one to every worker.
    const measure = async (name: string, path: string, cookie?: string) => {
      if (!wanted(name)) return;
      for (let i = 0; i < Math.max(1, serverPids().length - 1); i++)
        await get(`${base}${path}`, {
          "Accept-Encoding": "gzip",
          Connection: "close",
          ...(cookie ? { Cookie: cookie } : {}),
        });
      results.push(withRowPeak(await runWrk(name, `${base}${path}`, cookie ? [`Cookie: ${cookie}`] : [])));
    };
    await measure("GET / (visitor)", "/");
    await measure(`GET /topics/${topic.slug} (visitor)`, `/topics/${topic.slug}`);
    await measure("GET 2,000-reply thread (visitor)", threadPath);
    await measure(`GET /search?q=${RARE_WORD}`, `/search?q=${RARE_WORD}`);
    await measure(`GET /search?q=${COMMON_WORD}`, `/search?q=${COMMON_WORD}`);
    // A few log-ins at a time: the log-in brake allows 20 unfinished attempts per address (docs/decisions/0011).
    const cookies: string[] = new Array(handles.length);
    let nextLogIn = 0;
    const logInSome = async () => {
      for (let i = nextLogIn++; i < handles.length; i = nextLogIn++) cookies[i] = await logIn(base, handles[i]!);
    };
    const postingName = "POST reply (logged in)";
    const memberRows: Array<[string, string]> = [
      ["GET / (logged in)", "/"],
      [`GET /topics/${topic.slug} (logged in)`, `/topics/${topic.slug}`],
      ["GET 2,000-reply thread (logged in)", threadPath],
      // Members' searches are rendered every time (the page cache serves visitors only).
      [`GET /search?q=${RARE_WORD} (logged in)`, `/search?q=${RARE_WORD}`],
      [`GET /search?q=${COMMON_WORD} (logged in)`, `/search?q=${COMMON_WORD}`],
    ];
    if ([...memberRows.map(([name]) => name), postingName].some(wanted))
      await Promise.all(Array.from({ length: 8 }, logInSome));
    for (const [name, path] of memberRows) await measure(name, path, cookies[0]);
    const posting = wanted(postingName)
      ? await postReplies(
          base,
          cookies,
          postThreads.map((t) => t.id),
          new Map(postThreads.map((t) => [t.id, t.opening])),
        )
      : { result: null, acknowledged: [] };
    if (posting.result) results.push(withRowPeak(posting.result));
    // Last: it fills the page cache with a thousand pages, whose memory would weigh on the rows after it. No
    // warm-up request: each path is asked for once; served() says whether any came from the cache.
    const uncachedName = "GET a thread never asked for (visitor, cache miss)";
    if (wanted(uncachedName)) results.push(withRowPeak(await runWrk(uncachedName, base, [], uncachedPaths)));

    // What a browser downloads for the thread page: the HTML gzipped, the scripts and styles as the server
    // sends them to a browser that accepts brotli and gzip (its pre-compressed copies, docs/decisions/0029).
    const page = await get(`${base}${threadPath}`);
    const html = page.body.toString("utf8");
    const assets = [...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.(js|css))"/g)].map((m) => ({
      path: m[1]!,
      type: m[2]!,
    }));
    let js = 0;
    let css = 0;
    for (const asset of new Map(assets.map((a) => [a.path, a])).values()) {
      const bytes = (await get(`${base}${asset.path}`, { "Accept-Encoding": "gzip, deflate, br" })).body.length;
      if (asset.type === "js") js += bytes;
      else css += bytes;
    }
    const htmlGzip = gzipSync(page.body).length;
    const lighthouseScores = lighthouse
      ? [runLighthouse("/", `${base}/`), runLighthouse("2,000-reply thread", `${base}${threadPath}`)]
      : null;

    // Every acknowledged reply is stored exactly once.
    const counts = new Map<string, number>();
    for (const body of await engine.storedReplies(maxPostBefore)) {
      const marker = body.split(" ")[0]!;
      counts.set(marker, (counts.get(marker) ?? 0) + 1);
    }
    const missing = posting.acknowledged.filter((m) => counts.get(m) !== 1).length;
    const dbBytes = await engine.databaseBytes();

    const failures = [
      ...results
        .filter((r) => r.errors > 0 || r.non2xx > 0)
        .map((r) => `${r.name}: ${r.errors} requests errored, ${r.non2xx} answered outside 2xx/3xx`),
      // Requests still in flight when wrk stops are neither answers nor errors: a row can end with none at all.
      ...results.filter((r) => r.requests === 0).map((r) => `${r.name}: no answer within the run`),
      ...(missing > 0 ? [`${missing} acknowledged replies were missing or stored more than once`] : []),
    ];
    const summary = {
      when: new Date().toISOString(),
      engine: engine.name,
      engineVersion: engine.description,
      ok: failures.length === 0,
      failures,
      quick,
      only,
      size,
      seconds,
      connections: CONNECTIONS,
      // WEB_CONCURRENCY as the server reads it (app/lib/cluster.server.ts): unset, one worker per core.
      webConcurrency: process.env.WEB_CONCURRENCY || `one per core (${availableParallelism()})`,
      generateSeconds,
      copySeconds: engine.copySeconds,
      results,
      replies: {
        acknowledged: posting.acknowledged.length,
        storedOnceEach: posting.acknowledged.length - missing,
        missingOrDuplicated: missing,
      },
      serverProcesses: peakByPid.size,
      serverPeakRssMB: MB(peakRss),
      serverPeakPssMB: MB(peakPss),
      serverSumOfPeaksMB: Math.round([...peakByPid.values()].reduce((a, b) => a + b, 0) / 1024 / 1024),
      databaseMB: Math.round(dbBytes / 1024 / 1024),
      threadPageGzipBytes: { html: htmlGzip, js, css, total: htmlGzip + js + css },
      lighthouse: lighthouseScores,
    };
    console.log(
      `\n| measure, on ${engine.description} | served |` +
        " requests/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | outside 2xx/3xx | server peak RSS, PSS MB | server CPU ms/request |" +
        "\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    const ms = (value: number) => value.toFixed(2);
    for (const r of results)
      console.log(
        `| ${r.name} | ${r.served} | ${r.requestsPerSec.toFixed(0)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ` +
          `${ms(r.p999Ms)} | ${ms(r.maxMs)} | ${r.errors} | ${r.non2xx} | ${r.peakRssMB}, ${r.peakPssMB} | ${r.cpuMsPerRequest} |`,
      );
    console.log(
      `\nReplies acknowledged: ${summary.replies.acknowledged}, stored exactly once: ${summary.replies.storedOnceEach}, missing or duplicated: ${missing}`,
    );
    console.log(
      `WEB_CONCURRENCY: ${summary.webConcurrency} · server peak RSS: ${summary.serverPeakRssMB} MB over ${summary.serverProcesses} processes (sum of each one's peak ${summary.serverSumOfPeaksMB} MB; peak PSS ${summary.serverPeakPssMB} MB) · database: ${summary.databaseMB} MB` +
        (generateSeconds ? ` · generated in ${generateSeconds.toFixed(1)} s` : "") +
        (engine.copySeconds ? ` · copied into ${engine.name} in ${engine.copySeconds.toFixed(1)} s` : ""),
    );
    console.log(
      `Thread page over the wire: HTML ${htmlGzip} B (gzip), JS ${js} B, CSS ${css} B (as sent), total ${htmlGzip + js + css} B`,
    );
    for (const l of lighthouseScores ?? [])
      console.log(
        `Lighthouse (mobile, simulated slow 4G), ${l.page}: performance ${l.performance}, FCP ${l.fcpMs} ms, LCP ${l.lcpMs} ms`,
      );
    // latest.json is the last run on either engine; latest-<engine>.json keeps each engine's, side by side.
    const files = only === null ? ["latest.json", `latest-${engine.name}.json`] : [`only-${engine.name}.json`];
    for (const file of files)
      writeFileSync(join(root, "bench", "results", file), `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`Written to ${files.map((f) => `bench/results/${f}`).join(" and ")}`);
    if (failures.length) {
      console.error(`\nThe benchmark failed:\n- ${failures.join("\n- ")}`);
      process.exitCode = 1;
    }
  } finally {
    clearInterval(rssTimer);
    agent.destroy();
    // The server lets go of its database before the caller stops it (PostgreSQL).
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((res) => server.once("exit", res));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((res) => setTimeout(res, 10_000))]);
    }
  }
}

/** Resident, peak resident and proportional bytes of a process, from /proc; null once it has exited. */
interface LighthouseScore {
  page: string;
  performance: number;
  fcpMs: number;
  lcpMs: number;
}

/** One Lighthouse run (lighthouse@12 through npx) on a page of the running server: its performance score and paints. */
function runLighthouse(page: string, url: string): LighthouseScore {
  const run = spawnSync(
    "npx",
    [
      "--yes",
      "lighthouse@12",
      url,
      "--form-factor=mobile",
      "--throttling-method=simulate",
      "--only-categories=performance",
      "--chrome-flags=--headless=new --no-sandbox",
      "--output=json",
      "--output-path=stdout",
      "--quiet",
    ],
    {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`Lighthouse failed on ${url}: ${run.stderr || run.error?.message}`);
  const report = JSON.parse(run.stdout) as {
    categories: { performance: { score: number } };
    audits: Record<string, { numericValue: number }>;
  };
  return {
    page,
    performance: Math.round(report.categories.performance.score * 100),
    fcpMs: Math.round(report.audits["first-contentful-paint"]!.numericValue),
    lcpMs: Math.round(report.audits["largest-contentful-paint"]!.numericValue),
  };
}

function procStatus(pid: number): { rss: number; hwm: number; pss: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = (text: string, field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb(status, "VmRSS"), hwm: kb(status, "VmHWM"), pss: kb(rollup, "Pss") };
  } catch {
    return null;
  }
}

/** CPU time (user and system, all threads) a process has used so far, in ms; 0 once it has exited. */
function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** The processes whose parent is `pid` (a server's workers). */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of stat is the parent; the name in field 2 may hold spaces, so read after its closing ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) children.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return children;
}

await main();
