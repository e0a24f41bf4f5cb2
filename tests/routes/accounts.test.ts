import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { hashSessionId, SESSION_ABSOLUTE_LIFETIME_MS } from "~/auth/session-adapter.server";
import { WRONG_CREDENTIALS } from "~/auth/accounts.server";
import { tr } from "~/lib/translate";
import * as join from "~/routes/join";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as settings from "~/routes/settings._index";
import { createMember } from "../factories/members";
import { contextFor, cookieFrom, formRequest, getRequest, run } from "../setup/requests";

const joinForm = (overrides: Record<string, string> = {}) => ({
  handle: "amara_okoye",
  displayName: "Amara Okoye",
  email: "amara@example.org",
  password: "tenant meetings on tuesdays",
  rulesAccepted: "on",
  ...overrides,
});

async function fieldErrors(response: Response) {
  expect(response.status).toBe(400);
  return (await response.json()) as { fieldErrors: Record<string, string>; fields: Record<string, string> };
}

describe("join", () => {
  it("creates the member, signs them in and sends them to their profile", async () => {
    const response = await run(join.action, formRequest("/join", joinForm()));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/settings/profile");
    const context = await contextFor(getRequest("/", cookieFrom(response)));
    expect(context.viewer).toMatchObject({ handle: "amara_okoye", displayName: "Amara Okoye", role: "member" });
  });

  it("refuses to create an account until the community rules are ticked, with the message next to the box", async () => {
    const { rulesAccepted: _ticked, ...unticked } = joinForm({ handle: "no_rules_yet", email: "norules@example.org" });
    for (const form of [unticked, { ...unticked, rulesAccepted: "yes please" }]) {
      const refused = await fieldErrors(await run(join.action, formRequest("/join", form)));
      expect(refused.fieldErrors).toEqual({ rulesAccepted: expect.stringMatching(/tick this box/) });
      expect(refused.fields.handle).toBe("no_rules_yet");
    }
    expect(await getDb().selectFrom("members").select("id").where("handle", "=", "no_rules_yet").execute()).toEqual([]);
    const before = Date.now();
    const joined = await run(join.action, formRequest("/join", { ...unticked, rulesAccepted: "on" }));
    expect(joined.status).toBe(302);
    const member = await getDb()
      .selectFrom("members")
      .select("rules_accepted_at")
      .where("handle", "=", "no_rules_yet")
      .executeTakeFirstOrThrow();
    expect(member.rules_accepted_at).toBeGreaterThanOrEqual(before);
  });

  it("stores only a hash of the session id", async () => {
    const response = await run(
      join.action,
      formRequest("/join", joinForm({ handle: "hash_check", email: "h@example.org" })),
    );
    const token = decodeURIComponent(cookieFrom(response).split("=")[1]!);
    const rows = await getDb().selectFrom("sessions").select("id").execute();
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.some((r) => r.id === hashSessionId(token))).toBe(true);
  });

  it("refuses a taken handle or email with a field error and keeps what was typed", async () => {
    await createMember({ handle: "taken_one", email: "taken@example.org" });
    const byHandle = await fieldErrors(await run(join.action, formRequest("/join", joinForm({ handle: "taken_one" }))));
    expect(byHandle.fieldErrors.handle).toMatch(/taken/);
    expect(byHandle.fields.displayName).toBe("Amara Okoye");
    expect(byHandle.fields).not.toHaveProperty("password");
    const byEmail = await fieldErrors(
      await run(join.action, formRequest("/join", joinForm({ handle: "fresh_one", email: "TAKEN@example.org" }))),
    );
    expect(byEmail.fieldErrors.email).toMatch(/already exists/);
  });

  it("refuses bad handle characters, a short password and a common one, and creates nobody", async () => {
    const form = (overrides: Record<string, string>) =>
      formRequest("/join", joinForm({ handle: "refused_one", email: "refused@example.org", ...overrides }));
    const bad = await fieldErrors(await run(join.action, form({ handle: "no spaces!" })));
    expect(bad.fieldErrors.handle).toMatch(/letters, digits and underscores/);
    const short = await fieldErrors(await run(join.action, form({ password: "short" })));
    expect(short.fieldErrors.password).toMatch(/at least 10/);
    const common = await fieldErrors(await run(join.action, form({ password: "1234567890" })));
    expect(common.fieldErrors.password).toMatch(/commonly used/);
    const created = await getDb()
      .selectFrom("members")
      .select("id")
      .where("email", "=", "refused@example.org")
      .execute();
    expect(created).toEqual([]);
  });

  it("redirects only to paths on this site", async () => {
    const response = await run(
      join.action,
      formRequest("/join", joinForm({ handle: "redirect_me", email: "r@example.org", redirectTo: "//evil.example/x" })),
    );
    expect(response.headers.get("Location")).toBe("/settings/profile");
  });
});

describe("login and logout", () => {
  it("logs in by handle or by email, with a new session each time", async () => {
    const member = await createMember();
    const first = await run(login.action, formRequest("/login", { login: member.handle, password: member.password }));
    expect(first.status).toBe(302);
    const second = await run(
      login.action,
      formRequest("/login", { login: member.email.toUpperCase(), password: member.password, redirectTo: "/about" }),
    );
    expect(second.headers.get("Location")).toBe("/about");
    expect(cookieFrom(first)).not.toBe(cookieFrom(second));
  });

  it("gives the same message for a wrong password and an unknown account", async () => {
    const member = await createMember();
    const wrong = await fieldErrors(
      await run(login.action, formRequest("/login", { login: member.handle, password: "not the password" })),
    );
    const unknown = await fieldErrors(
      await run(login.action, formRequest("/login", { login: "nobody_here", password: "not the password" })),
    );
    expect(wrong.fieldErrors.form).toBe(tr(WRONG_CREDENTIALS));
    expect(unknown.fieldErrors.form).toBe(tr(WRONG_CREDENTIALS));
    expect(wrong.fields.login).toBe(member.handle);
  });

  it("logs out: the session stops working", async () => {
    const member = await createMember();
    const cookie = cookieFrom(
      await run(login.action, formRequest("/login", { login: member.handle, password: member.password })),
    );
    const response = await run(logout.action, formRequest("/logout", {}, cookie));
    expect(response.status).toBe(302);
    expect((await contextFor(getRequest("/", cookie))).viewer).toBeNull();
  });

  it("refuses a session past its idle expiry or its absolute lifetime", async () => {
    const member = await createMember();
    const idle = cookieFrom(
      await run(login.action, formRequest("/login", { login: member.handle, password: member.password })),
    );
    const old = cookieFrom(
      await run(login.action, formRequest("/login", { login: member.handle, password: member.password })),
    );
    const idToken = (cookie: string) => hashSessionId(decodeURIComponent(cookie.split("=")[1]!));
    await getDb()
      .updateTable("sessions")
      .set({ expires_at: Date.now() - 1000 })
      .where("id", "=", idToken(idle))
      .execute();
    await getDb()
      .updateTable("sessions")
      .set({ created_at: Date.now() - SESSION_ABSOLUTE_LIFETIME_MS - 1000 })
      .where("id", "=", idToken(old))
      .execute();
    expect((await contextFor(getRequest("/", idle))).viewer).toBeNull();
    expect((await contextFor(getRequest("/", old))).viewer).toBeNull();
  });

  it("signs out everywhere: every other session ends", async () => {
    const member = await createMember();
    const phone = cookieFrom(
      await run(login.action, formRequest("/login", { login: member.handle, password: member.password })),
    );
    const laptop = cookieFrom(
      await run(login.action, formRequest("/login", { login: member.handle, password: member.password })),
    );
    const response = await run(settings.action, formRequest("/settings", { intent: "sign-out-everywhere" }, laptop));
    expect(response.status).toBe(302);
    expect((await contextFor(getRequest("/", phone))).viewer).toBeNull();
    expect((await contextFor(getRequest("/", laptop))).viewer).toBeNull();
    expect((await contextFor(getRequest("/", cookieFrom(response)))).viewer?.id).toBe(member.id);
  });
});
