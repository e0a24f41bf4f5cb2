import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD } from "../factories/members";
import { createTestThread, openingPostId } from "../factories/threads";
import { runCli } from "../reliability/support";

// Roundtable as several stateless instances on one PostgreSQL database (issue 15): what one instance does,
// the others know at once. Runs in the PostgreSQL project only (vitest.config.ts): on SQLite, one process
// serves, and these guarantees are that process's own.

let a: RunningServer;
let b: RunningServer;
const outbox = mkdtempSync(join(tmpdir(), "roundtable-instances-"));
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  // Both behind a proxy that says who the client is, as a load balancer would.
  const env = { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: outbox, TRUST_PROXY: "1" };
  [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

function send(
  server: RunningServer,
  path: string,
  init: { form?: Record<string, string>; cookie?: string; ip?: string } = {},
) {
  const headers: Record<string, string> = { "X-Forwarded-For": init.ip ?? "10.9.9.9" };
  if (init.cookie) headers.Cookie = init.cookie;
  if (!init.form) return fetch(`${server.url}${path}`, { redirect: "manual", headers });
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  headers.Origin = server.url;
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: new URLSearchParams(init.form).toString(),
  });
}

async function logIn(server: RunningServer, handle: string): Promise<string> {
  const answer = await send(server, "/login", { form: { login: handle, password: FACTORY_PASSWORD } });
  expect(answer.status).toBe(302);
  return answer.headers.get("set-cookie")!.split(";")[0]!;
}

describe("two app instances on one PostgreSQL database", () => {
  it("a reply posted through one appears at once on a visitor page the other served from its cache", async () => {
    const author = await createMember({ createdAt: Date.now() - 2 * DAY });
    const thread = await createTestThread({ authorId: author.id, title: "Phone trees across two servers" });
    const path = `/threads/${thread.id}/${thread.slug}`;
    await send(b, path);
    const cached = await send(b, path);
    expect(cached.headers.get("x-page-cache")).toBe("hit");

    const cookie = await logIn(a, author.handle);
    const openingId = await openingPostId(thread.id);
    const posted = await send(a, `/posts/${openingId}/reply`, {
      cookie,
      form: { bodySource: "Posted through instance A, read through B.", intent: "publish" },
    });
    expect(posted.status).toBe(302);

    // LISTEN/NOTIFY is asynchronous: B drops its pages when the notification lands, within milliseconds.
    const deadline = Date.now() + 2000;
    let body = "";
    while (Date.now() < deadline) {
      body = await (await send(b, path)).text();
      if (body.includes("Posted through instance A, read through B.")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toContain("Posted through instance A, read through B.");
  });

  it("an edit and a hide made through one show at once on the other's member pages (post fragments)", async () => {
    const author = await createMember({ createdAt: Date.now() - 2 * DAY });
    const reader = await createMember({ createdAt: Date.now() - 2 * DAY });
    const moderator = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id, title: "Cards rendered on two servers" });
    const path = `/threads/${thread.id}/${thread.slug}`;
    const [authorOnA, readerOnB, moderatorOnA] = [
      await logIn(a, author.handle),
      await logIn(b, reader.handle),
      await logIn(a, moderator.handle),
    ];
    const openingId = await openingPostId(thread.id);
    const posted = await send(a, `/posts/${openingId}/reply`, {
      cookie: authorOnA,
      form: { bodySource: "Cards first written on A.", intent: "publish" },
    });
    const replyId = Number(/highlight=(\d+)/.exec(posted.headers.get("location") ?? "")?.[1]);
    expect(replyId).toBeGreaterThan(0);
    // B renders the reply's card for its member (and keeps it), twice.
    for (let i = 0; i < 2; i++)
      expect(await (await send(b, path, { cookie: readerOnB })).text()).toContain("first written");

    await send(a, `/posts/${replyId}/edit`, {
      cookie: authorOnA,
      form: { bodySource: "Cards rewritten on A.", intent: "publish" },
    });
    // The very next member page from B says what the database says: no waiting for a notification.
    const edited = await (await send(b, path, { cookie: readerOnB })).text();
    expect(edited).toContain("Cards rewritten on A.");
    expect(edited).not.toContain("first written");

    await send(a, `/mod/posts/${replyId}`, {
      cookie: moderatorOnA,
      form: { intent: "hide", reason: "spam", note: "" },
    });
    const hidden = await (await send(b, path, { cookie: readerOnB })).text();
    expect(hidden).not.toContain("Cards rewritten on A.");
  });

  it("a log-in brake tripped through one instance holds on the other", async () => {
    const owner = await createMember();
    const ip = "10.77.0.1";
    for (let i = 0; i < 5; i++) {
      const wrong = await send(a, "/login", { ip, form: { login: owner.handle, password: `guess ${i}` } });
      expect(wrong.status).toBe(400);
    }
    const onB = await send(b, "/login", { ip, form: { login: owner.handle, password: "guess 6" } });
    expect(onB.status).toBe(429);
    // The owner, from elsewhere, still gets in through either.
    const elsewhere = await send(b, "/login", {
      ip: "10.78.0.1",
      form: { login: owner.handle, password: FACTORY_PASSWORD },
    });
    expect(elsewhere.status).toBe(302);
  });

  it("a digest run started on both instances at once sends each email once", async () => {
    const members = await Promise.all([1, 2, 3].map(() => createMember({ createdAt: Date.now() - 30 * DAY })));
    const topicAuthor = await createMember({ createdAt: Date.now() - 30 * DAY });
    const tag = await getDb()
      .insertInto("tags")
      .values({
        slug: "digest-twice",
        name: "Digest twice",
        sort_key: "digest twice",
        created_at: Date.now() - 30 * DAY,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const m of members) {
      await getDb().updateTable("members").set({ digest_frequency: "daily" }).where("id", "=", m.id).execute();
      await getDb()
        .insertInto("topic_follows")
        .values({ member_id: m.id, tag_id: tag.id, in_digest: 1, created_at: Date.now() - DAY })
        .execute();
    }
    const thread = await createTestThread({ authorId: topicAuthor.id, title: "News for the digest" });
    await getDb().insertInto("thread_tags").values({ thread_id: thread.id, tag_id: tag.id }).execute();

    const env = { OUTBOX_DIR: outbox };
    const runs = await Promise.all([
      runCli("app/cli/digest.ts", ["--period", "daily"], env),
      runCli("app/cli/digest.ts", ["--period", "daily"], env),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const sent = runs.flatMap((run) => run.stdout.split("\n").filter((line) => line.startsWith("sent daily digest")));
    const recipients = sent.map((line) => Number(/member (\d+):/.exec(line)![1]));
    expect(recipients.sort()).toEqual(members.map((m) => m.id).sort());
    const files = readdirSync(outbox).filter((f) => f.startsWith("digest-daily"));
    expect(files).toHaveLength(members.length);
  });
});
