// The directory and the shelf in Spanish (issue 18's conventions for issue 19's pages): headings, buttons and a
// field error in Spanish with ?lang=es, no catalog key on the page, the English page unchanged. Real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { seedBaseline } from "~/models/seed.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

let server: RunningServer;
let cookie: string;

beforeAll(async () => {
  await seedBaseline(getDb());
  cookie = await sessionCookieFor((await createMember()).id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

const KEY_ON_PAGE = /(directory|shelf):[a-z]|>(page|filters|form|card|places|facts)\.[a-z]/;

describe("the directory and the shelf in Spanish", () => {
  it("/members and /shelf in Spanish; in English by default", async () => {
    const members = await httpRequest(server, "/members?lang=es", { cookie });
    expect(members.body).toContain("<h1>Colegas como tú</h1>");
    expect(members.body).toContain("Mostrar integrantes");
    expect(members.body).toContain("Otro lugar");
    expect(members.body).toContain("coreano");
    expect(members.body).not.toMatch(KEY_ON_PAGE);
    const shelf = await httpRequest(server, "/shelf?lang=es", { cookie });
    expect(shelf.body).toContain("<h1>El estante</h1>");
    expect(shelf.body).toContain("Fuente de fondos");
    expect(shelf.body).not.toMatch(KEY_ON_PAGE);
    const english = await httpRequest(server, "/members", { cookie });
    expect(english.body).toContain("<h1>Peers like you</h1>");
    expect(english.body).toContain("Korean");
  });

  it("a resource's field errors and the profile's directory fields in Spanish", async () => {
    const refused = await httpRequest(server, "/resources/new?lang=es", {
      method: "POST",
      cookie,
      form: { title: "Una capacitación", bodySource: "Útil.", tagSlugs: "organizing", cost: "free", language: "es" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain("Elige el tipo de recurso.");
    expect(refused.body).toContain("Agrega un recurso al estante");
    expect(refused.body).not.toMatch(KEY_ON_PAGE);
    const settings = await httpRequest(server, "/settings/profile?lang=es", { cookie });
    expect(settings.body).toContain("Pregúntame sobre");
    expect(settings.body).toContain("Solo integrantes con sesión iniciada");
    expect(settings.body).not.toMatch(KEY_ON_PAGE);
  });
});
