// "Forgot your password?" (issue 13, section 1), through the routes with real Requests and, for the timing,
// over HTTP against the production build: ask, read the .eml, follow the link, set a new password, and what
// must not happen (a second use, an expired or altered link, an answer that tells whether an account exists).
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { RESET_REQUESTED } from "~/auth/password-reset.server";
import { tr } from "~/lib/translate";
import * as forgot from "~/routes/forgot-password";
import * as login from "~/routes/login";
import * as resetRoute from "~/routes/reset-password.$token";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { emailsTo, lastLinkTo, waitForEmailTo } from "../setup/outbox";
import { contextFor, cookieFrom, formRequest, getRequest, ORIGIN, run, sessionCookieFor } from "../setup/requests";

const NEW_PASSWORD = "a brand new kitchen table";
let ipCounter = 0;

/** A request from its own address, so the brake per address stays out of tests about other things. */
function fromIp(request: Request, ip = `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`): Request {
  request.headers.set("X-Test-Client-Ip", ip);
  return request;
}

async function askForLink(loginValue: string, ip?: string) {
  return run(forgot.action, fromIp(formRequest("/forgot-password", { login: loginValue }), ip));
}

function tokenOf(link: string): string {
  return new URL(link).pathname.split("/")[2]!;
}

async function openLink(link: string) {
  const token = tokenOf(link);
  return run(resetRoute.loader, getRequest(new URL(link).pathname), { token });
}

async function setPassword(link: string, newPassword = NEW_PASSWORD) {
  const token = tokenOf(link);
  return run(resetRoute.action, formRequest(new URL(link).pathname, { newPassword }), { token });
}

async function logInWith(member: TestMember, password: string, ip?: string) {
  return run(login.action, fromIp(formRequest("/login", { login: member.handle, password }), ip));
}

describe("password reset", () => {
  it("emails a one-hour link; following it sets the new password, ends every session and signs the member in", async () => {
    const member = await createMember();
    const phone = await sessionCookieFor(member.id);
    const laptop = await sessionCookieFor(member.id);

    const asked = await askForLink(member.email.toUpperCase());
    expect(asked.status).toBe(200);
    expect(((await asked.json()) as { sent: string }).sent).toBe(tr(RESET_REQUESTED));
    const [mail] = emailsTo(member.email);
    expect(mail!.subject).toBe("Reset your Roundtable password");
    expect(mail!.text).toContain(`@${member.handle}`);
    expect(mail!.text).toContain(`Sent by Roundtable at ${ORIGIN}`);
    expect(mail!.html).toContain("Choose a new password");
    const link = lastLinkTo(member.email, "/reset-password/");
    expect(link.startsWith(`${ORIGIN}/reset-password/`)).toBe(true);

    // Opening the link changes nothing: it shows the form for this account.
    const page = await openLink(link);
    expect(page.status).toBe(200);
    expect(await page.json()).toEqual({ problem: null, handle: member.handle });
    expect((await contextFor(getRequest("/", phone))).viewer?.id).toBe(member.id);

    const done = await setPassword(link);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/settings");
    const fresh = cookieFrom(done);
    expect((await contextFor(getRequest("/", fresh))).viewer?.id).toBe(member.id);
    for (const old of [phone, laptop]) expect((await contextFor(getRequest("/", old))).viewer).toBeNull();

    expect((await logInWith(member, NEW_PASSWORD)).status).toBe(302);
    expect((await logInWith(member, FACTORY_PASSWORD)).status).toBe(400);

    // The link works once.
    const again = await setPassword(link, "yet another new passphrase");
    expect(again.status).toBe(410);
    expect(await again.json()).toMatchObject({ problem: "used" });
    expect((await openLink(link)).status).toBe(410);
    expect((await logInWith(member, NEW_PASSWORD)).status).toBe(302);
  });

  it("gives the same answer for an unknown handle, an unknown address and a known account, and emails only the account", async () => {
    const member = await createMember();
    const answers: unknown[] = [];
    for (const value of [member.handle, "nobody_by_that_name", "nobody@example.org", member.email]) {
      const response = await askForLink(value);
      expect(response.status).toBe(200);
      answers.push(await response.json());
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(emailsTo(member.email)).toHaveLength(2);
    expect(emailsTo("nobody@example.org")).toHaveLength(0);
  });

  it("answers before it looks the account up: nothing is read or sent until the response has gone", async () => {
    const member = await createMember();
    const held: Array<() => Promise<void>> = [];
    const request = fromIp(formRequest("/forgot-password", { login: member.handle }));
    const context = {
      ...(await contextFor(request)),
      afterResponse: (_: string, task: () => Promise<void>) => held.push(task),
    };
    const response = (await forgot.action({ request, params: {}, context } as ActionFunctionArgs)) as Response;
    expect(response.status).toBe(200);
    const tokens = () => getDb().selectFrom("email_tokens").select("id").where("member_id", "=", member.id).execute();
    expect(await tokens()).toHaveLength(0);
    expect(emailsTo(member.email)).toHaveLength(0);
    expect(held).toHaveLength(1);
    await held[0]!();
    expect(await tokens()).toHaveLength(1);
    expect(emailsTo(member.email)).toHaveLength(1);
  });

  it("makes a link of 256 random bits and stores only its SHA-256", async () => {
    const member = await createMember();
    await askForLink(member.handle);
    const token = tokenOf(lastLinkTo(member.email, "/reset-password/"));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await getDb().selectFrom("email_tokens").selectAll().where("member_id", "=", member.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "reset",
      token_hash: createHash("sha256").update(token).digest("hex"),
      used_at: null,
    });
    expect(rows[0]!.expires_at - rows[0]!.created_at).toBe(60 * 60 * 1000);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("refuses a link after its hour, and an altered link, each with a way to ask for a new one", async () => {
    const member = await createMember();
    await askForLink(member.handle);
    const link = lastLinkTo(member.email, "/reset-password/");
    const hour = 60 * 60 * 1000;
    await getDb()
      .updateTable("email_tokens")
      .set((eb) => ({ created_at: eb("created_at", "-", hour), expires_at: eb("expires_at", "-", hour) }))
      .where("member_id", "=", member.id)
      .execute();
    const expired = await openLink(link);
    expect(expired.status).toBe(410);
    expect(await expired.json()).toMatchObject({ problem: "expired" });
    expect((await setPassword(link)).status).toBe(410);
    expect((await logInWith(member, FACTORY_PASSWORD)).status).toBe(302);

    await askForLink(member.handle);
    const fresh = lastLinkTo(member.email, "/reset-password/");
    const token = tokenOf(fresh);
    const altered = `${ORIGIN}/reset-password/${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const refused = await openLink(altered);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ problem: "unknown" });
    expect((await setPassword(altered)).status).toBe(404);
    expect((await openLink(`${ORIGIN}/reset-password/short`)).status).toBe(404);
    // The real link still works.
    expect((await setPassword(fresh)).status).toBe(302);
  });

  it("holds the new password to the same rules as joining, and keeps the link usable after a refusal", async () => {
    const member = await createMember();
    await askForLink(member.handle);
    const link = lastLinkTo(member.email, "/reset-password/");
    for (const [password, message] of [
      ["short", /at least 10/],
      ["1234567890", /commonly used/],
      [member.email, /handle or email/],
    ] as const) {
      const response = await setPassword(link, password);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { fieldErrors: { newPassword: string } }).fieldErrors.newPassword).toMatch(
        message,
      );
    }
    expect((await setPassword(link)).status).toBe(302);
  });

  it("is not blocked by the log-in brake, and signs the member in past it", async () => {
    const member = await createMember();
    // Wrong guesses from one address until that address must wait before trying this account again.
    const ip = "10.98.0.1";
    for (let i = 0; i < 10; i++) await logInWith(member, `wrong guess ${i}`, ip);
    expect((await logInWith(member, FACTORY_PASSWORD, ip)).status).toBe(429);
    const asked = await askForLink(member.handle, ip);
    expect(asked.status).toBe(200);
    const done = await setPassword(lastLinkTo(member.email, "/reset-password/"));
    expect(done.status).toBe(302);
    expect((await contextFor(getRequest("/", cookieFrom(done)))).viewer?.id).toBe(member.id);
  });

  it("brakes requests per address (a 429 that says nothing about accounts) and links per account (silently)", async () => {
    const member = await createMember();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askForLink(`someone_${i}`, "10.99.0.1")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const braked = await askForLink(member.handle, "10.99.0.1");
    expect(braked.status).toBe(429);
    expect(((await braked.json()) as { fieldErrors: { form: string } }).fieldErrors.form).toMatch(/Too many requests/);
    expect(emailsTo(member.email)).toHaveLength(0);
    expect((await askForLink(member.handle, "10.99.0.2")).status).toBe(200);

    // Three links an hour per account, from anywhere; the fourth request gets the same answer and no email.
    for (let i = 0; i < 3; i++) expect((await askForLink(member.email)).status).toBe(200);
    expect(emailsTo(member.email)).toHaveLength(3);
    const fourth = await askForLink(member.email);
    expect(fourth.status).toBe(200);
    expect(((await fourth.json()) as { sent: string }).sent).toBe(tr(RESET_REQUESTED));
    expect(emailsTo(member.email)).toHaveLength(3);
  });

  it("retires the member's other reset links once one is used", async () => {
    const member = await createMember();
    await askForLink(member.handle);
    const first = lastLinkTo(member.email, "/reset-password/");
    await askForLink(member.handle);
    const second = lastLinkTo(member.email, "/reset-password/");
    expect(second).not.toBe(first);
    expect((await setPassword(second)).status).toBe(302);
    expect((await setPassword(first, "another fine passphrase")).status).toBe(410);
  });
});

describe("over HTTP, against the production build", () => {
  let server: RunningServer;
  const outbox = join(process.env.DATABASE_PATH!, "..", "http-outbox");
  let known: TestMember[] = [];
  let address = 0;

  beforeAll(async () => {
    known = [];
    for (let i = 0; i < 16; i++) known.push(await createMember());
    server = await startServer({
      env: { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: outbox, TRUST_PROXY: "1", LOG_REQUESTS: "1" },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function ask(loginValue: string): Promise<{ status: number; body: string; ms: number }> {
    address++;
    const started = performance.now();
    const response = await fetch(`${server.url}/forgot-password?_data=routes%2Fforgot-password`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: server.url,
        "X-Forwarded-For": `10.77.${Math.floor(address / 250)}.${address % 250}`,
      },
      body: new URLSearchParams({ login: loginValue }),
    });
    const body = await response.text();
    return { status: response.status, body, ms: performance.now() - started };
  }

  function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  it("answers a known and an unknown account with the same bytes, within noise of the same time", async () => {
    await ask("warm_up_request");
    const times = { known: [] as number[], unknown: [] as number[] };
    const bodies = new Set<string>();
    // Interleaved, so a slow moment on a shared machine falls on both kinds alike.
    for (const [i, member] of known.entries()) {
      const pair = i % 2 ? [member.email, `nobody_${i}@example.org`] : [`nobody_${i}`, member.handle];
      for (const value of pair) {
        const answer = await ask(value);
        expect(answer.status).toBe(200);
        bodies.add(answer.body);
        (value.startsWith("nobody") ? times.unknown : times.known).push(answer.ms);
      }
    }
    expect(bodies.size).toBe(1);
    const difference = Math.abs(median(times.known) - median(times.unknown));
    expect(difference, `median known ${median(times.known)} ms, unknown ${median(times.unknown)} ms`).toBeLessThan(
      Math.max(15, median(times.unknown) * 0.5),
    );
    // Every known account got its email, sent after its answer.
    for (const member of known) await waitForEmailTo(member.email, 1, outbox);
  });

  it("never writes a link's token into the request log", async () => {
    const member = known[0]!;
    const link = lastLinkTo(member.email, "/reset-password/", outbox);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(member.handle);
    await expect.poll(() => server.output()).toContain("GET /reset-password/[token] 200");
    expect(server.output()).not.toContain(tokenOf(link));
  });
});
