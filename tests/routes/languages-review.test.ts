// What the end-to-end review of the Spanish interface (issue 18, item 6) found outside the catalogs' words,
// over real HTTP against the built server (which seeds its database when it starts): the seeded first round is
// named in the reader's language on /rounds too, as it is on the home page (docs/decisions/0039).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { errorLines, httpRequest } from "../security/support";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

describe("the Spanish review", () => {
  it("names the seeded first round in Spanish on /rounds, and in English on the English page", async () => {
    const es = await httpRequest(server, "/rounds?lang=es");
    expect(es.status).toBe(200);
    expect(es.body).toContain(">El primer grupo focal<");
    expect(es.body).not.toContain("The first focus group");
    const en = await httpRequest(server, "/rounds?lang=en");
    expect(en.body).toContain(">The first focus group<");
  });
});
