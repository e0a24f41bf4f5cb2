// Log-in throttling (issue 12, section 4; docs/decisions/0011-login-throttling.md): guessing is slowed per
// account and address, per address, and per account from everywhere, but nobody can lock an owner out of
// their account from another address. The current password in settings is checked under the same brakes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { accountDelayMs, addressKey, ADDRESS_ATTEMPTS, PAIR_ATTEMPTS } from "~/auth/throttle.server";
import * as login from "~/routes/login";
import * as settings from "~/routes/settings._index";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { formRequest, run, sessionCookieFor } from "../setup/requests";
import { httpRequest } from "./support";

// Short slowdowns, so that the tests measure them without waiting 10 s (read at each attempt).
process.env.LOGIN_SLOWDOWN_MAX_SECONDS = "0.3";

function logInFrom(ip: string, loginName: string, password: string) {
  const request = formRequest("/login", { login: loginName, password });
  request.headers.set("X-Test-Client-Ip", ip);
  return run(login.action, request);
}

async function message(response: Response): Promise<string> {
  return ((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors.form ?? "";
}

describe("log-in", () => {
  it("ten wrong passwords from one address hold back that address, never the owner elsewhere", async () => {
    const owner = await createMember();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await logInFrom("10.20.0.1", owner.handle, `guess ${i}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
    const refused = await logInFrom("10.20.0.1", owner.handle, owner.password);
    expect(refused.status).toBe(429);
    expect(await message(refused)).toMatch(/Too many wrong passwords for this account from your network/);
    expect(refused.headers.get("Set-Cookie")).toBeNull();

    const elsewhere = await logInFrom("10.20.0.2", owner.handle, owner.password);
    expect(elsewhere.status).toBe(302);
  });

  it("guesses from many addresses slow the account down, to a bounded delay, and the owner still gets in", async () => {
    const owner = await createMember();
    const took: number[] = [];
    for (let a = 0; a < 4; a++) {
      for (let i = 0; i < PAIR_ATTEMPTS; i++) {
        const started = performance.now();
        expect((await logInFrom(`10.21.${a}.1`, owner.handle, `guess ${a}.${i}`)).status).toBe(400);
        took.push(performance.now() - started);
      }
    }
    // The first few cost only the password check; later ones wait up to the cap (0.3 s here), never longer.
    expect(Math.min(...took.slice(-10))).toBeGreaterThanOrEqual(290);
    expect(Math.max(...took)).toBeLessThan(300 + 1_500);

    const started = performance.now();
    const owners = await logInFrom("10.21.99.1", owner.handle, owner.password);
    expect(owners.status).toBe(302);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it("the slowdown grows with each attempt, from none to the cap, and is never a refusal", () => {
    const delays = Array.from({ length: 40 }, (_, i) => accountDelayMs(i + 1));
    expect(delays.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(delays[5]).toBeGreaterThan(0);
    for (let i = 6; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(300);
  });

  it("a handle and an email share the account's attempts", async () => {
    const owner = await createMember();
    for (let i = 0; i < PAIR_ATTEMPTS; i++)
      expect((await logInFrom("10.22.0.1", owner.handle, `guess ${i}`)).status).toBe(400);
    expect((await logInFrom("10.22.0.1", owner.email.toUpperCase(), "another guess")).status).toBe(429);
  });

  it("a burst of parallel guesses gets no more checks than one guess after another", async () => {
    const owner = await createMember();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => logInFrom("10.23.0.1", owner.handle, `parallel ${i}`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 400)).toHaveLength(PAIR_ATTEMPTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - PAIR_ATTEMPTS);
  });

  it("an address trying many accounts waits, and logging in to its own account does not wipe the count", async () => {
    const mine = await createMember();
    const victim = await createMember();
    for (let i = 0; i < ADDRESS_ATTEMPTS - 1; i++)
      expect((await logInFrom("10.24.0.1", `nobody_${i}`, "password1")).status).toBe(400);
    expect((await logInFrom("10.24.0.1", mine.handle, mine.password)).status).toBe(302);
    expect((await logInFrom("10.24.0.1", "nobody_last", "password1")).status).toBe(400);
    const refused = await logInFrom("10.24.0.1", victim.handle, victim.password);
    expect(refused.status).toBe(429);
    expect(await message(refused)).toMatch(/Too many failed log-ins from your network/);
    expect((await logInFrom("10.24.0.2", victim.handle, victim.password)).status).toBe(302);
  });

  it("counts an IPv6 /64 as one address", async () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe(addressKey("2001:0db8:0001:0002:bbbb:cccc:dddd:2"));
    expect(addressKey("2001:db8:1:3::1")).not.toBe(addressKey("2001:db8:1:2::1"));
    expect(addressKey("::ffff:10.1.2.3")).toBe("10.1.2.3");
    const owner = await createMember();
    for (let i = 0; i < PAIR_ATTEMPTS; i++)
      expect((await logInFrom(`2001:db8:5:6::${i + 1}`, owner.handle, `guess ${i}`)).status).toBe(400);
    expect((await logInFrom("2001:db8:5:6:ffff::9", owner.handle, owner.password)).status).toBe(429);
    expect((await logInFrom("2001:db8:5:7::1", owner.handle, owner.password)).status).toBe(302);
  });
});

describe("the current password in settings", () => {
  function changePasswordFrom(ip: string, cookie: string, currentPassword: string) {
    const request = formRequest(
      "/settings",
      { intent: "change-password", currentPassword, newPassword: "a brand new passphrase" },
      cookie,
    );
    request.headers.set("X-Test-Client-Ip", ip);
    return run(settings.action, request);
  }

  const passwordHash = async (member: TestMember) =>
    (await getDb().selectFrom("members").select("password_hash").where("id", "=", member.id).executeTakeFirstOrThrow())
      .password_hash;

  it("is held back after five wrong tries, like log-in, and shares the account's attempts with it", async () => {
    const owner = await createMember();
    const cookie = await sessionCookieFor(owner.id);
    const before = await passwordHash(owner);
    for (let i = 0; i < PAIR_ATTEMPTS; i++)
      expect((await changePasswordFrom("10.25.0.1", cookie, `guess ${i}`)).status).toBe(400);
    const refused = await changePasswordFrom("10.25.0.1", cookie, owner.password);
    expect(refused.status).toBe(429);
    const data = (await refused.json()) as { fieldErrors: Record<string, string> };
    expect(data.fieldErrors.currentPassword).toMatch(/Too many wrong passwords/);
    expect(await passwordHash(owner)).toBe(before);
    expect((await logInFrom("10.25.0.1", owner.handle, owner.password)).status).toBe(429);

    expect((await changePasswordFrom("10.25.0.2", cookie, owner.password)).status).toBe(302);
    expect(await passwordHash(owner)).not.toBe(before);
  });
});

// Over real HTTP: the address is the one the server sees (here from X-Forwarded-For, with TRUST_PROXY=1).
describe("over HTTP", () => {
  let server: RunningServer;
  let owner: TestMember;
  beforeAll(async () => {
    owner = await createMember({ handle: "throttle_owner" });
    server = await startServer({
      env: { DATABASE_PATH: process.env.DATABASE_PATH!, TRUST_PROXY: "1", LOGIN_SLOWDOWN_MAX_SECONDS: "0.3" },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("an attacker's address is held back and the owner logs in from another", async () => {
    const from = (ip: string, password: string) =>
      httpRequest(server, "/login", {
        method: "POST",
        form: { login: owner.handle, password },
        headers: { "X-Forwarded-For": ip },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await from("192.0.2.66", `guess ${i}`)).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429, 429, 429, 429]);
    expect((await from("192.0.2.66", owner.password)).status).toBe(429);
    const owners = await from("198.51.100.7", owner.password);
    expect(owners.status).toBe(302);
    expect(owners.headers["set-cookie"]?.[0]).toMatch(/^rt_session=\w/);
  });
});
