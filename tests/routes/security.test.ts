import { describe, expect, it } from "vitest";
import * as join from "~/routes/join";
import * as login from "~/routes/login";
import * as settings from "~/routes/settings._index";
import { createMember } from "../factories/members";
import { contextFor, cookieFrom, formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

function fromIp(request: Request, ip: string): Request {
  request.headers.set("X-Test-Client-Ip", ip);
  return request;
}

describe("brute-force brakes", () => {
  // Log-in and current-password throttling: tests/security/login-throttle.test.ts.
  it("limits new accounts per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const form = {
        handle: `burst_${i}`,
        displayName: "Burst",
        email: `burst${i}@example.org`,
        password: "a long enough passphrase",
        rulesAccepted: "on",
      };
      statuses.push((await run(join.action, fromIp(formRequest("/join", form), "10.3.0.1"))).status);
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 400]);
  });
});

describe("passwords and sessions", () => {
  it("changing the password ends every other session and needs the current password", async () => {
    const member = await createMember();
    const phone = await sessionCookieFor(member.id);
    const laptop = cookieFrom(
      await run(login.action, formRequest("/login", { login: member.handle, password: member.password })),
    );
    const wrong = await run(
      settings.action,
      formRequest(
        "/settings",
        { intent: "change-password", currentPassword: "not it", newPassword: "a brand new passphrase" },
        laptop,
      ),
    );
    expect(wrong.status).toBe(400);
    const changed = await run(
      settings.action,
      formRequest(
        "/settings",
        { intent: "change-password", currentPassword: member.password, newPassword: "a brand new passphrase" },
        laptop,
      ),
    );
    expect(changed.status).toBe(302);
    expect((await contextFor(getRequest("/", phone))).viewer).toBeNull();
    expect((await contextFor(getRequest("/", laptop))).viewer?.id).toBe(member.id);
    const oldPassword = await run(
      login.action,
      formRequest("/login", { login: member.handle, password: member.password }),
    );
    expect(oldPassword.status).toBe(400);
    const newPassword = await run(
      login.action,
      formRequest("/login", { login: member.handle, password: "a brand new passphrase" }),
    );
    expect(newPassword.status).toBe(302);
  });
});
