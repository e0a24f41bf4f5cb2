// Reply by email over the wire (issue 20): the full loop against the production build (a reply alert with
// its Reply-To -> the member answers by email through the provider webhook -> the reply is on the thread ->
// the other member's alert, threaded), the webhook's secret and bounds, and `npm run mail:receive` with the
// exit codes a mail server acts on. Outgoing mail is read with mailparser, as a mail client reads it.
import { spawnSync } from "node:child_process";
import http from "node:http";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { replyAddressFor } from "~/lib/reply-address.server";
import { REPO_ROOT, startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { mailFixture } from "../setup/inbound-mail";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

const SECRET = "s3cret-for-the-webhook-0123456789";
const DOMAIN = "reply.roundtable.test";
const outbox = mkdtempSync(join(tmpdir(), "rt-inbound-http-"));
let server: RunningServer;
let ana: TestMember, bea: TestMember;

beforeAll(async () => {
  process.env.REPLY_DOMAIN = DOMAIN;
  // Alerts queued here (by the factories) are due at once, like the server's own.
  process.env.MAIL_ALERT_DELAY_MINUTES = "0";
  ana = await createMember({ displayName: "Ana Mail" });
  bea = await createMember({ displayName: "Bea Mail" });
  server = await startServer({
    env: {
      DATABASE_PATH: process.env.DATABASE_PATH!,
      OUTBOX_DIR: outbox,
      REPLY_DOMAIN: DOMAIN,
      INBOUND_MAIL_SECRET: SECRET,
      MAIL_WORKER: "1",
      MAIL_ALERT_DELAY_MINUTES: "0",
      MAIL_WORKER_INTERVAL_SECONDS: "1",
    },
  });
});
afterAll(async () => {
  await server?.stop();
});

async function mailsTo(member: TestMember): Promise<ParsedMail[]> {
  const files = readdirSync(outbox).filter((f) => f.startsWith(`mail-member-${member.id}-`) && f.endsWith(".eml"));
  return Promise.all(files.sort().map((f) => simpleParser(readFileSync(join(outbox, f)))));
}

async function waitForMail(member: TestMember, count: number): Promise<ParsedMail[]> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const mails = await mailsTo(member);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${member.handle} got fewer than ${count} emails. Server:\n${server.output()}`);
}

const postInbound = (body: string | Buffer, headers: Record<string, string | null> = {}, path = "/mail/inbound") =>
  httpRequest(server, path, {
    method: "POST",
    body,
    contentType: "message/rfc822",
    headers: { Origin: null, Authorization: `Bearer ${SECRET}`, ...headers },
  });

describe("reply by email over HTTP", () => {
  it("closes the loop: alert -> reply by email -> reply on the thread -> alert to the other member", async () => {
    const thread = await createTestThread({ authorId: ana.id, title: "Food bank hours by email" });
    const beaReply = await createTestReply({ threadId: thread.id, authorId: bea.id, body: "Ours opens at 8." });

    const [alert] = await waitForMail(ana, 1);
    const replyTo = alert!.replyTo?.value[0]?.address ?? "";
    expect(replyTo).toMatch(new RegExp(`^reply\\+[0-9a-z-]+@${DOMAIN.replace(/\./g, "\\.")}$`));
    expect(alert!.messageId).toBe(`<post-${beaReply}@127.0.0.1>`);

    // Ana answers from her mail client: her words on top, the alert quoted below.
    const answer = [
      `From: Ana Mail <${ana.email}>`,
      `To: ${replyTo}`,
      `Subject: Re: ${alert!.subject}`,
      `Message-ID: <loop-1@example.org>`,
      `In-Reply-To: ${alert!.messageId}`,
      `References: ${alert!.messageId}`,
      "Authentication-Results: mx.roundtable.test; spf=pass smtp.mailfrom=example.org; dmarc=pass header.from=example.org",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Ours opens at **nine**, and Saturdays too.",
      "",
      `On Mon, Dec 7, 2026 at 9:02 AM Roundtable <digest@roundtable.invalid> wrote:`,
      "> Bea Mail replied to you:",
      "> Ours opens at 8.",
      "",
    ].join("\r\n");
    const posted = await postInbound(answer);
    expect(posted.status).toBe(200);
    const result = JSON.parse(posted.body) as { outcome: string; postId: number };
    expect(result.outcome).toBe("posted");

    let threadPage = await httpRequest(server, `/posts/${result.postId}`);
    for (let hops = 0; hops < 4 && threadPage.headers.location; hops++)
      threadPage = await httpRequest(server, threadPage.headers.location);
    expect(threadPage.status).toBe(200);
    expect(threadPage.body).toContain("Ours opens at <strong>nine</strong>, and Saturdays too.");
    expect(threadPage.body).not.toContain("Bea Mail replied to you");

    const [beaAlert] = await waitForMail(bea, 1);
    expect(beaAlert!.messageId).toBe(`<post-${result.postId}@127.0.0.1>`);
    expect(beaAlert!.inReplyTo).toBe(`<post-${beaReply}@127.0.0.1>`);
    expect(beaAlert!.references).toEqual([
      `<post-${await rootOf(thread.id)}@127.0.0.1>`,
      `<post-${beaReply}@127.0.0.1>`,
    ]);
    expect(beaAlert!.text).toContain("Ours opens at **nine**, and Saturdays too.");
    expect(beaAlert!.replyTo?.value[0]?.address).toMatch(/^reply\+/);
    expect(beaAlert!.replyTo?.value[0]?.address).not.toBe(replyTo);

    // Delivered again by the provider: nothing more.
    const again = await postInbound(answer);
    expect(JSON.parse(again.body)).toEqual({ outcome: "duplicate" });
    expect(errorLines(server)).toEqual([]);
  });

  it("refuses the webhook without the shared secret, with a wrong one, and past the size bound", async () => {
    const raw = mailFixture("signature", { from: ana.email, to: `nobody@${DOMAIN}` });
    expect((await postInbound(raw, { Authorization: null })).status).toBe(401);
    expect((await postInbound(raw, { Authorization: "Bearer not-the-secret" })).status).toBe(401);
    expect((await postInbound(raw, { Authorization: null }, `/mail/inbound?secret=${SECRET}`)).status).toBe(200);
    expect((await postInbound(raw, { Authorization: null, "X-Inbound-Secret": SECRET })).status).toBe(200);
    expect(await statusOfHugePost(16 * 1024 * 1024)).toBe(413);
    expect(await statusOfHugePost(16 * 1024 * 1024, { chunked: true })).toBe(413);
    expect((await httpRequest(server, "/mail/inbound")).status).toBe(404);
  });

  it("takes the raw message as a provider's form field (SendGrid's email, Mailgun's body-mime)", async () => {
    const thread = await createTestThread({ authorId: bea.id });
    const opening = await rootOf(thread.id);
    const to = (await replyAddressFor(ana.id, opening))!;
    const raw = mailFixture("signature", { from: ana.email, to }).toString("utf8");
    const boundary = "----provider-boundary";
    const form = [`--${boundary}`, 'Content-Disposition: form-data; name="email"', "", raw, `--${boundary}--`, ""].join(
      "\r\n",
    );
    const answer = await httpRequest(server, "/mail/inbound", {
      method: "POST",
      body: form,
      contentType: `multipart/form-data; boundary=${boundary}`,
      headers: { Origin: null, "X-Inbound-Secret": SECRET },
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ outcome: "posted" });
  });
});

describe("following a topic by email over HTTP", () => {
  it("turns on from the topic page, and the emails' one-click List-Unsubscribe turns it off", async () => {
    const cookie = await sessionCookieFor(ana.id);
    const before = await httpRequest(server, "/topics/leadership", { cookie });
    expect(before.body).toContain("Get every post by email");
    const on = await httpRequest(server, "/topics/leadership/email", {
      method: "POST",
      cookie,
      form: { intent: "on" },
    });
    expect(on.status).toBe(302);
    const after = await httpRequest(server, "/topics/leadership", { cookie });
    expect(after.body).toContain("Stop the emails");
    const spanish = await httpRequest(server, "/topics/leadership?lang=es", { cookie });
    expect(spanish.body).toContain("Dejar de recibir los correos");

    const thread = await createTestThread({
      authorId: bea.id,
      title: "Board training by email",
      tagSlugs: ["leadership"],
    });
    const opening = await rootOf(thread.id);
    let listMail: ParsedMail | undefined;
    for (let tries = 0; !listMail && tries < 100; tries++) {
      listMail = (await mailsTo(ana)).find((m) => m.messageId === `<post-${opening}@127.0.0.1>`);
      if (!listMail) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (!listMail) throw new Error(`No list email. Server:\n${server.output()}`);
    const unsubscribe = /<([^>]+)>/.exec(listHeader(listMail, "list-unsubscribe") ?? "")![1]!;
    const path = unsubscribe.slice(new URL(unsubscribe).origin.length);
    // What a mail client sends for RFC 8058: a POST without an Origin.
    const oneClick = await httpRequest(server, path, {
      method: "POST",
      form: { "List-Unsubscribe": "One-Click" },
      headers: { Origin: null },
    });
    expect(oneClick.status).toBe(200);
    expect((await httpRequest(server, "/topics/leadership", { cookie })).body).toContain("Get every post by email");
    expect((await httpRequest(server, path.replace(/t=[^&]+/, "t=forged"))).status).toBe(400);
  });
});

describe("npm run mail:receive", () => {
  const receive = (input: Buffer | string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ["--import", "tsx", "app/cli/mail-receive.ts"], {
      cwd: REPO_ROOT,
      input,
      env: { ...process.env, REPLY_DOMAIN: DOMAIN, ...env },
      encoding: "utf8",
      timeout: 60_000,
    });

  it("posts a piped message and exits 0; exits 65 on no message and 75 when the database fails", async () => {
    const thread = await createTestThread({ authorId: bea.id });
    const to = (await replyAddressFor(ana.id, await rootOf(thread.id)))!;
    const ok = receive(mailFixture("apple-mail-reply", { from: ana.email, to }));
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split("\n").pop()!)).toMatchObject({ outcome: "posted" });
    // The envelope recipient (Postfix's ${recipient}) names our address when the headers don't (a Bcc, an alias).
    const bcc = spawnSync(process.execPath, ["--import", "tsx", "app/cli/mail-receive.ts", "--recipient", to], {
      cwd: REPO_ROOT,
      input: mailFixture("signature", { from: ana.email, to: "team-list@example.org" }),
      env: { ...process.env, REPLY_DOMAIN: DOMAIN },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(bcc.status, bcc.stderr).toBe(0);
    expect(JSON.parse(bcc.stdout.trim().split("\n").pop()!)).toMatchObject({ outcome: "posted" });
    const auto = receive(mailFixture("auto-reply", { from: ana.email, to }));
    expect(auto.status).toBe(0);
    expect(receive("").status).toBe(65);
    const broken = receive(mailFixture("signature", { from: ana.email, to }), {
      // A folder where the database file should be: SQLite can't open it.
      DATABASE_PATH: mkdtempSync(join(tmpdir(), "rt-not-a-database-")),
      DATABASE_URL: "",
    });
    expect(broken.status).toBe(75);
  });
});

/**
 * A body past the bound: announced by its Content-Length (the server answers before any of it is sent), or
 * sent chunked without one (the route stops reading at the bound); a broken pipe after the answer is expected.
 */
function statusOfHugePost(bytes: number, options: { chunked?: boolean } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const headers: Record<string, string | number> = {
      Authorization: `Bearer ${SECRET}`,
      "Content-Type": "message/rfc822",
      ...(options.chunked ? { "Transfer-Encoding": "chunked" } : { "Content-Length": bytes }),
    };
    const req = http.request(
      {
        host: "127.0.0.1",
        port: new URL(server.url).port,
        path: "/mail/inbound",
        method: "POST",
        headers,
        agent: false,
      },
      (res) => {
        status = res.statusCode ?? 0;
        res.resume();
        resolve(status);
        req.destroy();
      },
    );
    req.on("error", (error) => (status ? undefined : reject(error)));
    if (!options.chunked) {
      req.flushHeaders();
      return;
    }
    const chunk = Buffer.alloc(256 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < bytes && !status) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!status) req.end();
    };
    write();
  });
}

function listHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((l) => l.key === name)?.line;
  return line?.slice(line.indexOf(":") + 1).trim();
}

async function rootOf(threadId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("posts")
    .select("id")
    .where("thread_id", "=", threadId)
    .where("depth", "=", 0)
    .executeTakeFirstOrThrow();
  return row.id;
}
