// The shelf over real HTTP against the built server (issue 19, docs/decisions/0044): resources through the
// thread composer as a form without JavaScript, the link shown as text with its host, /shelf's sort (most
// helpful first), filters and search, the moderators' "checked" mark and the stale mark, and a hidden resource
// gone from the shelf at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { toggleHelpful } from "~/models/helpful.server";
import { seedBaseline } from "~/models/seed.server";
import { insertResourceRow } from "~/models/shelf.server";
import { createThread } from "~/models/threads.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestThread, openingPostId } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type Form } from "../security/support";

let server: RunningServer;
let author: TestMember;
let moderator: TestMember;
let authorCookie: string;
let modCookie: string;
const YEAR = 365 * 24 * 3_600_000;

beforeAll(async () => {
  await seedBaseline(getDb());
  author = await createMember({ displayName: "Shelf Author" });
  moderator = await createMember({ role: "moderator" });
  authorCookie = await sessionCookieFor(author.id);
  modCookie = await sessionCookieFor(moderator.id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

const get = (path: string, cookie?: string) => httpRequest(server, path, { cookie });
const post = (path: string, form: Form, cookie?: string) => httpRequest(server, path, { method: "POST", form, cookie });

const resourceForm = (overrides: Form = {}): Form => ({
  title: "Promotora training on tenant rights",
  bodySource: "A six-week course that helped our whole team.",
  tagSlugs: ["organizing"],
  linkUrl: "https://training.example.org/tenant-rights?cohort=3",
  resourceType: "training",
  audience: "New promotoras",
  cost: "free",
  language: "es",
  intent: "publish",
  ...overrides,
});

/** A resource made directly (for dates the composer can't give), as createThread writes one. */
async function makeResource(input: {
  title: string;
  type: "training" | "funder" | "toolkit";
  tag: string;
  now?: number;
}) {
  return createThread({
    authorId: author.id,
    kind: "resource",
    title: input.title,
    bodySource: `About ${input.title}.`,
    tagSlugs: [input.tag],
    now: input.now,
    afterInsert: (trx, threadId) =>
      insertResourceRow(trx, threadId, {
        linkUrl: `https://example.org/${threadId}`,
        resourceType: input.type,
        audience: "",
        cost: "free",
        language: "en",
      }),
  });
}

describe("/resources/new", () => {
  it("publishes a resource from a plain form; its page shows the link as text with its host", async () => {
    const page = await get("/resources/new", authorCookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="resourceType"');
    const answer = await post("/resources/new", resourceForm(), authorCookie);
    expect(answer.status, answer.body.slice(0, 300)).toBe(302);
    const location = answer.headers.location!;
    expect(location).toMatch(/^\/threads\/\d+\/promotora-training-on-tenant-rights$/);
    const thread = await get(location);
    expect(thread.body).toContain("Resource on the shelf");
    expect(thread.body).toContain("https://training.example.org/tenant-rights?cohort=3</a>");
    expect(thread.body).toContain("(training.example.org)");
    expect(thread.body).toContain("New promotoras");
    expect(thread.body).toContain("Not checked yet");
  });

  it("needs a link or a file, a web address, a type and a known language; what was typed is kept", async () => {
    const noLink = await post("/resources/new", resourceForm({ linkUrl: "" }), authorCookie);
    expect(noLink.status).toBe(400);
    expect(noLink.body).toContain("Add a link, or attach the resource as a PDF.");
    expect(noLink.body).toContain("Promotora training on tenant rights");
    const script = await post("/resources/new", resourceForm({ linkUrl: "javascript:alert(1)" }), authorCookie);
    expect(script.status).toBe(400);
    expect(script.body).toContain("Write a web address that starts with https:// or http://.");
    const noType = await post("/resources/new", resourceForm({ resourceType: "gossip", language: "xx" }), authorCookie);
    expect(noType.status).toBe(400);
    expect(noType.body).toContain("Choose the type of resource.");
    expect(noType.body).toContain("Choose the resource’s language from the list.");
    expect((await post("/resources/new", resourceForm(), undefined)).status).toBe(302); // to log in
  });
});

describe("/shelf", () => {
  it("lists most helpful first, filters by type and topic, and searches resources only", async () => {
    const toolkit = await makeResource({
      title: "Canvassing toolkit for heat waves",
      type: "toolkit",
      tag: "environment",
    });
    const funder = await makeResource({ title: "Neighborhood health fund", type: "funder", tag: "health" });
    await createTestThread({ authorId: author.id, title: "A discussion about canvassing", tagSlugs: ["environment"] });
    for (let i = 0; i < 2; i++) {
      const reader = await createMember();
      await toggleHelpful(await openingPostId(funder.id), reader.id);
    }
    const shelf = await get("/shelf");
    expect(shelf.status).toBe(200);
    const order = ["Neighborhood health fund", "Canvassing toolkit for heat waves"].map((t) => shelf.body.indexOf(t));
    expect(order[0]).toBeGreaterThan(-1);
    expect(order[0]).toBeLessThan(order[1]!);
    expect(shelf.body).toContain("2 found it helpful");
    const funders = await get("/shelf?type=funder");
    expect(funders.body).toContain("Neighborhood health fund");
    expect(funders.body).not.toContain("Canvassing toolkit");
    const environment = await get("/shelf?topic=environment");
    expect(environment.body).toContain("Canvassing toolkit");
    expect(environment.body).not.toContain("Neighborhood health fund");
    const search = await get("/shelf?q=canvassing");
    expect(search.body).toContain(`/threads/${toolkit.id}/`);
    expect(search.body).not.toContain("A discussion about canvassing");
    expect((await get("/shelf?q=canvassing&type=funder")).body).toContain("No resources here yet.");
  });

  it("marks a resource unchecked for a year as possibly stale until a moderator checks it (in the log)", async () => {
    const old = await makeResource({
      title: "An old Listserv list",
      type: "toolkit",
      tag: "policy",
      now: Date.now() - 2 * YEAR,
    });
    const before = await get("/shelf?topic=policy");
    expect(before.body).toContain("An old Listserv list");
    expect(before.body).toContain("Possibly out of date");
    expect((await post("/shelf", { intent: "check", threadId: String(old.id) }, authorCookie)).status).toBe(403);
    const checked = await post("/shelf", { intent: "check", threadId: String(old.id) }, modCookie);
    expect(checked.status).toBe(302);
    const after = await get("/shelf?topic=policy");
    expect(after.body).not.toContain("Possibly out of date");
    expect(after.body).toContain("Checked by the moderation team on");
    const log = await getDb()
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_type", "=", "thread")
      .where("target_id", "=", old.id)
      .execute();
    expect(log).toEqual([{ action: "resource.check", actor_id: moderator.id }]);
  });

  it("a hidden resource leaves the shelf and its page at once", async () => {
    const hidden = await makeResource({ title: "A resource someone flagged", type: "toolkit", tag: "funding" });
    const path = `/threads/${hidden.id}/${hidden.slug}`;
    expect((await get("/shelf?topic=funding")).body).toContain("A resource someone flagged");
    expect((await get(path)).status).toBe(200); // now in the visitor page cache
    // Hidden through the moderators' page on the server, whose page cache must drop the resource's page.
    const hide = await post(`/mod/threads/${hidden.id}`, { intent: "hide", reason: "spam", note: "" }, modCookie);
    expect(hide.status).toBe(302);
    const row = await getDb()
      .selectFrom("threads")
      .select("hidden_at")
      .where("id", "=", hidden.id)
      .executeTakeFirstOrThrow();
    expect(row.hidden_at).not.toBeNull();
    expect((await get("/shelf?topic=funding")).body).not.toContain("A resource someone flagged");
    expect((await get("/shelf?q=flagged")).body).not.toContain("A resource someone flagged");
    expect((await get(path)).status).toBe(404);
  });
});
