// Shared by the reliability tests: seed members and a thread straight into the database file (before the
// server starts), log in and post replies over real HTTP, and read the file back to check what survived.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { closeDatabase } from "~db/client.server";
import { childPath } from "~/models/post-path";
import { createMember, FACTORY_PASSWORD } from "../factories/members";
import { createTestThread, openingPostId } from "../factories/threads";
import { REPO_ROOT } from "../e2e/support/server";

/** STRESS=1 (npm run test:stress) runs the full counts of issue 7; npm test runs a shorter setting. */
export const STRESS = process.env.STRESS === "1";

const DAY = 24 * 60 * 60 * 1000;

export interface Forum {
  databasePath: string;
  handles: string[];
  threadId: number;
  openingPostId: number;
}

/**
 * Members two days old (past the new-member posting limits) and one thread, written with the app's own
 * models into this test file's database (tests/setup/per-file.ts), which is then closed for the server.
 */
export async function seedForum(memberCount: number): Promise<Forum> {
  const createdAt = Date.now() - 2 * DAY;
  const handles: string[] = [];
  for (let i = 0; i < memberCount; i++) handles.push((await createMember({ createdAt })).handle);
  const author = await createMember({ createdAt });
  const thread = await createTestThread({ authorId: author.id, title: "Everyone answers at once" });
  const openingId = await openingPostId(thread.id);
  await closeDatabase();
  return { databasePath: process.env.DATABASE_PATH!, handles, threadId: thread.id, openingPostId: openingId };
}

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

function send(
  agent: http.Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      res.on("error", reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(init.body);
  });
}

/** Logs every handle in over HTTP (a few at a time: each is an argon2 verification) and returns cookies. */
export async function logInAll(url: string, handles: string[]): Promise<string[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const cookies: string[] = new Array(handles.length);
  let next = 0;
  async function worker() {
    while (next < handles.length) {
      const i = next++;
      const answer = await send(agent, `${url}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
        body: new URLSearchParams({ login: handles[i]!, password: FACTORY_PASSWORD }).toString(),
      });
      const cookie = String(answer.headers["set-cookie"]?.[0] ?? "").split(";")[0];
      if (answer.status !== 302 || !cookie) throw new Error(`Log-in as ${handles[i]} answered ${answer.status}.`);
      cookies[i] = cookie;
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()]);
  agent.destroy();
  return cookies;
}

export interface Acknowledged {
  token: string;
  postId: number;
}

export interface Load {
  /** Replies answered 302, in the order the answers came. */
  acknowledged: Acknowledged[];
  /** How many answers of each status (302 expected), and requests that got no answer at all. */
  statuses: Map<number, number>;
  networkErrors: number;
  /** Settles when every client has finished (its time is up, or stop() was called). */
  done: Promise<void>;
  /** Stops sending and waits for every client's last request. */
  stop(): Promise<void>;
}

/**
 * One client per cookie, each POSTing replies back to back (keep-alive, like a browser) to the thread's
 * opening post or, one time in three, to a reply already acknowledged, so the tree grows nested and the
 * ancestors' counters are exercised. Every body carries a unique token to find it by afterwards.
 */
export function startLoad(options: {
  url: string;
  cookies: string[];
  openingPostId: number;
  label: string;
  seconds: number;
}): Load {
  const { url, cookies, openingPostId } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: cookies.length });
  const run = randomBytes(3).toString("hex");
  const deadline = Date.now() + options.seconds * 1000;
  let stopped = false;
  const load: Load = {
    acknowledged: [],
    statuses: new Map(),
    networkErrors: 0,
    done: Promise.resolve(),
    stop: async () => {
      stopped = true;
      await load.done;
    },
  };
  const client = async (cookie: string, index: number) => {
    for (let n = 0; !stopped && Date.now() < deadline; n++) {
      const token = `${options.label}-${run}-${index}-${n}`;
      const acked = load.acknowledged;
      const parent =
        acked.length && Math.random() < 1 / 3 ? acked[Math.floor(Math.random() * acked.length)]!.postId : openingPostId;
      try {
        const answer = await send(agent, `${url}/posts/${parent}/reply`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url, Cookie: cookie },
          body: new URLSearchParams({
            bodySource: `${token} says: a reply written under load.`,
            intent: "publish",
          }).toString(),
        });
        load.statuses.set(answer.status, (load.statuses.get(answer.status) ?? 0) + 1);
        // A posted reply lands on the page that shows it, at #post-<id> (issue 14: reply in place).
        const postId = Number(/#post-(\d+)$/.exec(String(answer.headers.location ?? ""))?.[1]);
        if (answer.status === 302 && postId) acked.push({ token, postId });
      } catch {
        // No answer (the server was killed or is shutting down): the reply may or may not exist; it was
        // never acknowledged, so nothing is promised about it.
        load.networkErrors++;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  };
  load.done = Promise.all(cookies.map(client)).then(() => agent.destroy());
  return load;
}

export function describeStatuses(load: Load): string {
  return [...load.statuses].map(([status, n]) => `${status}×${n}`).join(", ") || "none";
}

export interface DatabaseReport {
  integrity: string;
  foreignKeyViolations: number;
  /** Post ids of each token found in the thread (exactly one each is right). */
  tokens: Map<string, number[]>;
  replies: number;
  /** Counter and tree mismatches, in words; empty is right. */
  counterProblems: string[];
}

interface PostRow {
  id: number;
  parent_id: number | null;
  depth: number;
  path: string;
  descendant_count: number;
  body_source: string;
}

interface RawReport {
  integrity: string;
  foreignKeyViolations: number;
  rows: PostRow[];
  replyCount: number;
}

const POSTS_OF_THREAD =
  "SELECT id, parent_id, depth, path, descendant_count, body_source FROM posts WHERE thread_id = ";

/** SQLite: the file, read-only (the server may be stopped, killed or running). */
function readSqlite(path: string, threadId: number): RawReport {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return {
      integrity: String(db.pragma("integrity_check", { simple: true })),
      foreignKeyViolations: (db.pragma("foreign_key_check") as unknown[]).length,
      rows: db.prepare(`${POSTS_OF_THREAD}?`).all(threadId) as PostRow[],
      replyCount: (db.prepare("SELECT reply_count FROM threads WHERE id = ?").get(threadId) as { reply_count: number })
        .reply_count,
    };
  } finally {
    db.close();
  }
}

/**
 * PostgreSQL: the server's own word. amcheck verifies the B-tree indexes of posts and threads against their
 * rules; foreign keys are enforced, but we count orphans anyway, as SQLite's foreign_key_check does.
 */
async function readPostgres(url: string, threadId: number): Promise<RawReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let integrity = "ok";
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
      await client.query(`SELECT bt_index_check(i.indexrelid, true) FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
        WHERE am.amname = 'btree' AND i.indrelid IN ('posts'::regclass, 'threads'::regclass)`);
    } catch (error) {
      integrity = String((error as Error).message);
    }
    const orphans = await client.query<{ n: number }>(`SELECT count(*) AS n FROM posts p
      WHERE (p.parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM posts q WHERE q.id = p.parent_id))
         OR NOT EXISTS (SELECT 1 FROM threads t WHERE t.id = p.thread_id)
         OR NOT EXISTS (SELECT 1 FROM members m WHERE m.id = p.author_id)`);
    const rows = await client.query<PostRow>(`${POSTS_OF_THREAD}$1`, [threadId]);
    const thread = await client.query<{ reply_count: number }>("SELECT reply_count FROM threads WHERE id = $1", [
      threadId,
    ]);
    return {
      integrity,
      foreignKeyViolations: Number(orphans.rows[0]!.n),
      rows: rows.rows,
      replyCount: thread.rows[0]!.reply_count,
    };
  } finally {
    await client.end();
  }
}

/**
 * Reads the database as the truth: integrity, foreign keys, the tokens in the thread, and whether reply_count,
 * every post's descendant_count and every path agree with the rows. On PostgreSQL when the test file runs
 * there (DATABASE_URL), else the SQLite file.
 */
export async function inspectDatabase(forum: Pick<Forum, "databasePath" | "threadId">): Promise<DatabaseReport> {
  const url = process.env.DATABASE_URL;
  const { integrity, foreignKeyViolations, rows, replyCount } = url
    ? await readPostgres(url, forum.threadId)
    : readSqlite(forum.databasePath, forum.threadId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const tokens = new Map<string, number[]>();
  const expectedDescendants = new Map<number, number>();
  const counterProblems: string[] = [];
  for (const row of rows) {
    const token = row.body_source.split(" ")[0]!;
    tokens.set(token, [...(tokens.get(token) ?? []), row.id]);
    if (row.depth === 0) continue;
    const parent = row.parent_id === null ? undefined : byId.get(row.parent_id);
    if (!parent) {
      counterProblems.push(`post ${row.id} has no parent in the thread`);
      continue;
    }
    if (row.path !== childPath(parent.path, row.id) || row.depth !== parent.depth + 1)
      counterProblems.push(`post ${row.id} has path ${row.path}, depth ${row.depth}`);
    for (let up: PostRow | undefined = parent; up; up = up.parent_id === null ? undefined : byId.get(up.parent_id)) {
      expectedDescendants.set(up.id, (expectedDescendants.get(up.id) ?? 0) + 1);
    }
  }
  const replies = rows.filter((r) => r.depth > 0).length;
  if (replyCount !== replies) counterProblems.push(`reply_count is ${replyCount}, the thread has ${replies} replies`);
  for (const row of rows) {
    const expected = expectedDescendants.get(row.id) ?? 0;
    if (row.descendant_count !== expected)
      counterProblems.push(`post ${row.id}: descendant_count ${row.descendant_count}, rows say ${expected}`);
  }
  return { integrity, foreignKeyViolations, tokens, replies, counterProblems };
}

/** Acknowledged replies that are not in the thread exactly once. */
export function lostOrDuplicated(acknowledged: Acknowledged[], report: DatabaseReport): string[] {
  return acknowledged
    .filter((a) => report.tokens.get(a.token)?.length !== 1 || report.tokens.get(a.token)![0] !== a.postId)
    .map((a) => a.token);
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs one of our CLI scripts with tsx, as `npm run db:backup -- ...` would, without npm in between. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", script, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.once("error", reject);
    child.once("close", (code) =>
      resolve({ code, stdout: stdout.trim(), stderr: stderr.trim(), ms: performance.now() - started }),
    );
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
