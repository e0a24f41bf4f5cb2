// A Cookie header may hold anything: another site's cookies on a shared domain, hand-made ones, broken
// %-escapes. None of it may turn a page into a 500 or sign a member out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines } from "./support";

let server: RunningServer;
let member: TestMember;
let session: string;

beforeAll(async () => {
  member = await createMember({ displayName: "Cookie Tester" });
  session = await sessionCookieFor(member.id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});
afterAll(async () => {
  await server?.stop();
});

const JUNK = ["other=%%%", "lang=%E0%A4%A", "a=%zz; b=%", "=%%", "rt_flash=%ff%fe", "lang=es%"];

describe("a malformed cookie", () => {
  it("never makes a page fail, for a visitor or a member, and never signs the member out", async () => {
    for (const junk of JUNK) {
      for (const path of ["/", "/topics", "/login"]) {
        const visitor = await fetch(`${server.url}${path}`, { headers: { Cookie: junk }, redirect: "manual" });
        expect(visitor.status, `${junk} on ${path}`).toBe(200);
      }
      const signedIn = await fetch(`${server.url}/settings/profile`, {
        headers: { Cookie: `${junk}; ${session}; ${junk}` },
        redirect: "manual",
      });
      expect(signedIn.status, junk).toBe(200);
      expect(await signedIn.text()).toContain("Cookie Tester");
    }
    expect(errorLines(server)).toEqual([]);
  });

  it("that looks like a session id but is not one is no session", async () => {
    const name = session.split("=")[0]!;
    for (const value of ["%%%", "../../x", "a".repeat(300), ""]) {
      const answer = await fetch(`${server.url}/settings/profile`, {
        headers: { Cookie: `${name}=${value}` },
        redirect: "manual",
      });
      expect(answer.status, value).toBe(302);
      expect(answer.headers.get("location")).toMatch(/^\/login/);
    }
  });
});
