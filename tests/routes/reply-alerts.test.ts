// Email when someone answers you (issue 13, section 3), over real HTTP against the production build: the choice
// in /settings/notifications, a reply posted through the site reaching the member as one threaded email from
// the server's own sender, nothing about what the member read on the thread page, and the one-click unsubscribe
// in the email's List-Unsubscribe header.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { runMailQueue } from "~/models/mail-run.server";
import { getReplyAlerts, setReplyAlerts } from "~/models/reply-alerts.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { emlFiles, readEml, type ReadMail } from "../setup/eml";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

const outbox = mkdtempSync(join(tmpdir(), "rt-alerts-http-"));
let server: RunningServer;
let ana: TestMember, bea: TestMember;
const cookies: { ana?: string; bea?: string } = {};

beforeAll(async () => {
  process.env.OUTBOX_DIR = outbox;
  delete process.env.SMTP_URL;
  ana = await createMember({ displayName: "Ana Http" });
  bea = await createMember({ displayName: "Bea Http" });
  cookies.ana = await sessionCookieFor(ana.id);
  cookies.bea = await sessionCookieFor(bea.id);
  // Alerts queued by the server go out at once, and its sender looks every second.
  server = await startServer({
    env: {
      DATABASE_PATH: process.env.DATABASE_PATH!,
      OUTBOX_DIR: outbox,
      MAIL_WORKER: "1",
      MAIL_ALERT_DELAY_MINUTES: "0",
      MAIL_WORKER_INTERVAL_SECONDS: "1",
    },
  });
});
afterAll(async () => {
  await server?.stop();
});

const mailsTo = (member: TestMember): ReadMail[] =>
  emlFiles(outbox)
    .map((file) => readEml(outbox, file))
    .filter((mail) => mail.header("to")?.includes(member.email));

async function waitForMail(member: TestMember, count: number): Promise<ReadMail[]> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const mails = mailsTo(member);
    if (mails.length >= count) return mails;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${member.handle} got ${mailsTo(member).length} emails, not ${count}. Server:\n${server.output()}`);
}

async function openingOf(threadId: number): Promise<number> {
  const rowId = await openingPostId(threadId);
  return rowId;
}

describe("email alerts over HTTP", () => {
  it("settings offer right away (the default), in my digest or never, and refuse the digest without one", async () => {
    const page = await httpRequest(server, "/settings/notifications", { cookie: cookies.ana });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Email me about replies to my posts and mentions of me");
    const choices = [...page.body.matchAll(/<input[^>]*name="alerts"[^>]*>/g)].map((m) => m[0]);
    expect(choices.map((input) => /value="(\w+)"/.exec(input)?.[1])).toEqual(["immediate", "digest", "never"]);
    expect(choices.filter((input) => input.includes("checked"))).toEqual([expect.stringContaining("immediate")]);

    const refused = await httpRequest(server, "/settings/notifications", {
      method: "POST",
      cookie: cookies.ana,
      form: { frequency: "none", alerts: "digest" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("once you choose a daily or weekly digest");
    expect(await getReplyAlerts(ana.id)).toBe("immediate");

    for (const [frequency, alerts] of [
      ["weekly", "digest"],
      ["none", "never"],
      ["none", "immediate"],
    ] as const) {
      const saved = await httpRequest(server, "/settings/notifications", {
        method: "POST",
        cookie: cookies.ana,
        form: { frequency, alerts },
      });
      expect(saved.status).toBe(302);
      expect(await getReplyAlerts(ana.id)).toBe(alerts);
    }
  });

  it("a reply posted through the site reaches the member as one threaded email, and its one-click unsubscribe works", async () => {
    const thread = await createTestThread({ authorId: ana.id, title: "Tenant meetings that work" });
    const opening = await openingOf(thread.id);
    const posted = await httpRequest(server, `/posts/${opening}/reply`, {
      method: "POST",
      cookie: cookies.bea,
      form: { intent: "publish", bodySource: "Hold them where people already are." },
    });
    expect(posted.status, posted.body.slice(0, 300)).toBe(302);
    const replyId = Number(/#post-(\d+)$/.exec(posted.headers.location ?? "")?.[1]);

    const [mail] = await waitForMail(ana, 1);
    const host = new URL(server.url).hostname;
    expect(mail!.header("subject")).toBe("Re: Tenant meetings that work");
    expect(mail!.header("message-id")).toBe(`<post-${replyId}@${host}>`);
    expect(mail!.header("in-reply-to")).toBe(`<post-${opening}@${host}>`);
    expect(mail!.header("references")).toBe(`<post-${opening}@${host}>`);
    expect(mail!.text).toContain("Bea Http replied to you:");
    expect(mail!.text).toContain(`${server.url}/posts/${replyId}`);
    // The link in context leads to the reply on its thread page.
    const link = await httpRequest(server, `/posts/${replyId}`, { cookie: cookies.ana });
    expect(link.status).toBe(302);
    expect(link.headers.location).toContain(`#post-${replyId}`);

    // A mail client's one-click unsubscribe (RFC 8058): a POST without Origin to the header's address.
    const unsubscribe = new URL(/^<(.+)>$/.exec(mail!.header("list-unsubscribe") ?? "")![1]!);
    expect(unsubscribe.origin).toBe(server.url);
    const landing = await httpRequest(server, unsubscribe.pathname + unsubscribe.search);
    expect(landing.status).toBe(200);
    expect(landing.body).toContain("Stop receiving emails when someone replies to you or mentions you?");
    expect(await getReplyAlerts(ana.id)).toBe("immediate"); // opening the link changes nothing
    const done = await httpRequest(server, unsubscribe.pathname + unsubscribe.search, {
      method: "POST",
      form: { "List-Unsubscribe": "One-Click" },
      headers: { Origin: null },
    });
    expect(done.status).toBe(200);
    expect(await getReplyAlerts(ana.id)).toBe("never");
    // The digest's link is not this one: it leaves alerts alone, and this one leaves the digest alone.
    const forged = unsubscribe.search.replace("list=alerts&", "");
    expect((await httpRequest(server, `/unsubscribe${forged}`, { method: "POST", form: {} })).status).toBe(400);

    const again = await httpRequest(server, `/posts/${opening}/reply`, {
      method: "POST",
      cookie: cookies.bea,
      form: { intent: "publish", bodySource: "And bring food." },
    });
    expect(again.status).toBe(302);
    const jobs = await getDb().selectFrom("mail_jobs").select("id").where("member_id", "=", ana.id).execute();
    expect(jobs).toHaveLength(1); // the first reply's only
    await setReplyAlerts(ana.id, "immediate");
  });

  it("sends nothing about a reply the member saw on the thread page before it went out", async () => {
    const cy = await createMember({ displayName: "Cy Http" });
    const thread = await createTestThread({ authorId: cy.id, title: "Flyers or door knocking?" });
    // Queued here, with this process's delay (five minutes): the server's sender leaves it until then.
    const reply = await createTestReply({ threadId: thread.id, authorId: bea.id, body: "Door knocking, always." });
    const page = await httpRequest(server, `/threads/${thread.id}/${thread.slug}`, {
      cookie: await sessionCookieFor(cy.id),
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain("Door knocking, always.");
    const report = await runMailQueue({ origin: server.url, now: Date.now() + 10 * 60_000 });
    expect(report.sent.filter((s) => s.memberId === cy.id)).toEqual([]);
    expect(mailsTo(cy)).toEqual([]);
    const job = await getDb()
      .selectFrom("mail_jobs")
      .select("state")
      .where("member_id", "=", cy.id)
      .where("dedupe_key", "=", `post:${cy.id}:${reply}`)
      .executeTakeFirstOrThrow();
    expect(job.state).toBe("skipped");
  });

  it("left no error in the server's log", () => {
    expect(errorLines(server)).toEqual([]);
  });
});
