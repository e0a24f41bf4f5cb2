// Test data for browser journeys, written into the server's database file BEFORE the server starts (the
// test process opens it at DATABASE_PATH, which tests/setup/per-file.ts points at a migrated copy), and
// helpers to sign in: through the login form, or with a session row for pages that only need a viewer.
import type { Page } from "playwright-core";
import type { Role } from "~db/schema";
import { hashPassword } from "~/auth/password.server";
import { startSession } from "~/auth/session.server";
import { registerMember } from "~/models/members.server";
import { lastLinkTo, waitForEmailTo } from "../../setup/outbox";

export const PASSWORD = "kitchen table organizing";
const DAY_MS = 86_400_000;

export interface SeededMember {
  id: number;
  handle: string;
  displayName: string;
}

let passwordHash: Promise<string> | undefined;

/**
 * A member who joined two days ago (past the new-member posting limits) and verified their address, with
 * PASSWORD. Hashed once per file: argon2 is slow on purpose.
 */
export async function createMember(input: { handle: string; displayName: string; role?: Role }): Promise<SeededMember> {
  passwordHash ??= hashPassword(PASSWORD);
  const result = await registerMember({
    handle: input.handle,
    email: `${input.handle}@example.org`,
    displayName: input.displayName,
    passwordHash: await passwordHash,
    role: input.role ?? "member",
    emailVerifiedAt: Date.now() - 2 * DAY_MS,
    now: Date.now() - 2 * DAY_MS,
  });
  if (!result.ok) throw new Error(`Could not seed @${input.handle}: ${result.message}`);
  return { id: result.memberId, handle: input.handle, displayName: input.displayName };
}

export type SessionCookie = { name: string; value: string };

/** A session row for the member, as the cookie's name and value (add the server's url to give it to a browser context). */
export async function createSessionCookie(memberId: number): Promise<SessionCookie> {
  const pair = (await startSession(memberId)).split(";")[0] ?? "";
  const separator = pair.indexOf("=");
  return { name: pair.slice(0, separator), value: pair.slice(separator + 1) };
}

/** Logs in through the form, as a person would, and waits to leave the login page. */
export async function logIn(page: Page, handle: string, password = PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Handle or email", { exact: true }).fill(handle);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

/**
 * Confirms an address as a person would: opens the newest link the server emailed to it (an .eml in its
 * outbox) and presses the button. Leaves the page on "Your email address is confirmed".
 */
export async function confirmEmailFromOutbox(page: Page, outboxDir: string, email: string): Promise<void> {
  await waitForEmailTo(email, 1, outboxDir);
  await page.goto(lastLinkTo(email, "/verify-email/", outboxDir));
  await page.getByRole("button", { name: /^Confirm my (new )?address$/ }).click();
  await page.getByRole("heading", { level: 1, name: "Your email address is confirmed" }).waitFor();
}

/** Ticks "I have read the community rules" on /join, which refuses to create an account without it. */
export async function acceptCommunityRules(page: Page): Promise<void> {
  await page.getByRole("checkbox", { name: "I have read the community rules" }).check();
}
