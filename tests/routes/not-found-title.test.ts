// The 404 page has a document title, like every other page: for an address no route claims, and for an error
// thrown by a route that has no meta of its own (the root's meta names the error).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  cookie = await sessionCookieFor((await createMember()).id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});

afterAll(async () => {
  if (server) expect(errorLines(server)).toEqual([]);
  await server?.stop();
});

const titles = (html: string) => [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);

describe("error pages have titles", () => {
  it("an address nothing answers is a 404 titled 'Page not found'", async () => {
    const answer = await httpRequest(server, "/no/such/page");
    expect(answer.status).toBe(404);
    expect(titles(answer.body)).toEqual(["Page not found · Roundtable"]);
    expect(answer.body).toContain("We couldn&#x27;t find that page");
  });

  it("a 404 from a route without meta of its own (a thread's short address) is titled by the root", async () => {
    const answer = await httpRequest(server, "/threads/999999", { cookie });
    expect(answer.status).toBe(404);
    expect(titles(answer.body)).toEqual(["Page not found · Roundtable"]);
    expect(answer.body).toContain("There is no such discussion.");
  });
});
