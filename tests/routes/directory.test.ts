// The member directory over real HTTP against the built server (issue 19, docs/decisions/0043): /members as a
// visitor and as a member, its GET filters, the profile form's directory fields and listing setting, "people
// who work like you" on a profile, places at /mod/places, and the account export and deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { deleteAccount } from "~/models/account-deletion.server";
import { seedBaseline } from "~/models/seed.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { setDirectoryFacts } from "../factories/directory";
import { createMember, type TestMember } from "../factories/members";
import { createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type Form } from "../security/support";

let server: RunningServer;
let rosa: TestMember;
let tomas: TestMember;
let rosaCookie: string;
let tomasCookie: string;
let modCookie: string;

beforeAll(async () => {
  await seedBaseline(getDb());
  rosa = await createMember({ displayName: "Rosa Directory" });
  tomas = await createMember({ displayName: "Tomas Directory" });
  const moderator = await createMember({ role: "moderator" });
  await setDirectoryFacts(rosa.id, {
    fields: ["organizing", "health"],
    organization: "Eastside Tenants Union",
    place: "Boyle Heights",
    ask: ["Tenant organizing"],
    languages: ["es"],
    listing: "everyone",
  });
  await setDirectoryFacts(tomas.id, { fields: ["organizing"], place: "Boyle Heights", languages: ["ko"] });
  await createTestThread({ authorId: rosa.id, tagSlugs: ["policy"] });
  rosaCookie = await sessionCookieFor(rosa.id);
  tomasCookie = await sessionCookieFor(tomas.id);
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

describe("/members", () => {
  it("a visitor sees only members listed for everyone; a member sees members-only listings too", async () => {
    // The home page leads visitors to the directory and the shelf.
    const home = await get("/");
    expect(home.body).toMatch(/href="\/members">Browse the member directory<\/a>/);
    expect(home.body).toMatch(/href="\/shelf">The shelf/);
    const visitor = await get("/members");
    expect(visitor.status).toBe(200);
    expect(visitor.body).toContain("Rosa Directory");
    expect(visitor.body).not.toContain("Tomas Directory");
    const member = await get("/members", modCookie);
    expect(member.body).toContain("Rosa Directory");
    expect(member.body).toContain("Tomas Directory");
  });

  it("filters with a GET form (no JavaScript needed), alone and combined", async () => {
    const page = await get("/members", rosaCookie);
    expect(page.body).toMatch(/<form method="get"[^>]*class="directory-filters/);
    expect(page.body).toMatch(/<a [^>]*href="\/settings\/profile">your profile<\/a>/);
    const korean = await get("/members?speaks=ko", modCookie);
    expect(korean.body).toContain("Tomas Directory");
    expect(korean.body).not.toContain("Rosa Directory");
    const both = await get("/members?field=health&org=tenants&ask=tenant&topic=policy&speaks=es", modCookie);
    expect(both.body).toContain("Rosa Directory");
    expect(both.body).not.toContain("Tomas Directory");
    const none = await get("/members?field=health&speaks=ko", modCookie);
    expect(none.body).toContain("No one listed matches these filters.");
    // Junk in the address is ignored, not an error.
    expect((await get("/members?page=-3&place=abc&speaks=xx", rosaCookie)).status).toBe(200);
  });
});

describe("the profile's directory fields", () => {
  it("a member saves place, asks, languages and listing; the profile shows them; the listing is obeyed", async () => {
    const boyle = await getDb()
      .selectFrom("places")
      .select("id")
      .where("name", "=", "Koreatown")
      .executeTakeFirstOrThrow();
    const saved = await post(
      "/settings/profile",
      {
        displayName: "Tomas Directory",
        fieldSlugs: ["organizing"],
        directoryFields: "1",
        placeId: String(boyle.id),
        askMeAbout: "Youth leadership\r\n\r\nCanvassing",
        workLanguages: ["ko", "es"],
        directoryListing: "everyone",
      },
      tomasCookie,
    );
    expect(saved.status, saved.body.slice(0, 300)).toBe(302);
    const profile = await get(`/members/${tomas.handle}`);
    expect(profile.body).toContain("Koreatown");
    expect(profile.body).toContain("Youth leadership");
    expect(profile.body).toContain("Canvassing");
    expect(profile.body).toContain("Korean");
    // Now listed for everyone: a visitor finds Tomas.
    expect((await get("/members")).body).toContain("Tomas Directory");
    const hide = await post(
      "/settings/profile",
      { displayName: "Tomas Directory", directoryFields: "1", directoryListing: "nobody" },
      tomasCookie,
    );
    expect(hide.status).toBe(302);
    expect((await get("/members", modCookie)).body).not.toContain("Tomas Directory");
  });

  it("too many 'ask me about' lines or an unknown language is a field error, and nothing is saved", async () => {
    const answer = await post(
      "/settings/profile",
      {
        displayName: "Rosa Directory",
        directoryFields: "1",
        askMeAbout: "a\nb\nc\nd\ne\nf",
        workLanguages: ["es"],
        directoryListing: "members",
      },
      rosaCookie,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("Write up to 5");
    const unknown = await post(
      "/settings/profile",
      { displayName: "Rosa Directory", directoryFields: "1", workLanguages: ["xx"], directoryListing: "members" },
      rosaCookie,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain("Choose languages from the list.");
    const row = await getDb()
      .selectFrom("members")
      .select(["directory_listing", "ask_me_about"])
      .where("id", "=", rosa.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ directory_listing: "everyone", ask_me_about: "Tenant organizing" });
  });

  it("a profile shows people who work like the member to a visitor only when they are listed for everyone", async () => {
    const me = await createMember({ displayName: "Profile Owner" });
    await setDirectoryFacts(me.id, { fields: ["organizing"], place: "Boyle Heights", listing: "everyone" });
    const members = await createMember({ displayName: "Members Only Peer" });
    await setDirectoryFacts(members.id, { fields: ["organizing"], place: "Boyle Heights" });
    const visitor = await get(`/members/${me.handle}`);
    expect(visitor.body).toContain("People who work like Profile Owner");
    expect(visitor.body).toContain("Rosa Directory");
    expect(visitor.body).not.toContain("Members Only Peer");
    expect((await get(`/members/${me.handle}`, rosaCookie)).body).toContain("Members Only Peer");
    // The home page shows a member a few of them.
    const home = await get("/", await sessionCookieFor(me.id));
    expect(home.body).toContain("People who work like you");
    expect(home.body).toContain("Members Only Peer");
  });
});

describe("/mod/places", () => {
  it("moderators add and remove places (in the log); members can't", async () => {
    expect((await get("/mod/places", rosaCookie)).status).toBe(403);
    const added = await post("/mod/places", { intent: "add", name: "Eagle Rock" }, modCookie);
    expect(added.status).toBe(302);
    const settings = await get("/settings/profile", rosaCookie);
    expect(settings.body).toContain("Eagle Rock");
    const duplicate = await post("/mod/places", { intent: "add", name: "Eagle Rock" }, modCookie);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body).toContain("There is already a place with that name.");
    const place = await getDb()
      .selectFrom("places")
      .select("id")
      .where("name", "=", "Eagle Rock")
      .executeTakeFirstOrThrow();
    expect((await post("/mod/places", { intent: "remove", placeId: String(place.id) }, modCookie)).status).toBe(302);
    expect((await get("/mod/places", modCookie)).body).not.toContain("Eagle Rock");
    const log = await getDb().selectFrom("audit_log").select("action").where("target_type", "=", "place").execute();
    expect(log.map((l) => l.action)).toEqual(["place.create", "place.remove"]);
  });
});

describe("the account's data", () => {
  it("the export carries the directory fields, and deletion removes them", async () => {
    const leaving = await createMember({ displayName: "Leaving" });
    await setDirectoryFacts(leaving.id, {
      place: "Watts",
      ask: ["Food banks"],
      languages: ["es", "tl"],
      listing: "everyone",
    });
    const cookie = await sessionCookieFor(leaving.id);
    const exported = await post("/settings/account/export", {}, cookie);
    expect(exported.status).toBe(200);
    const data = JSON.parse(exported.body);
    expect(data.account.profile).toMatchObject({
      place: "Watts",
      askMeAbout: ["Food banks"],
      languagesIWorkIn: ["es", "tl"],
    });
    expect(data.account.settings.directoryListing).toBe("everyone");

    await deleteAccount({ memberId: leaving.id, posts: "keep" });
    const row = await getDb()
      .selectFrom("members")
      .select(["place_id", "ask_me_about", "directory_listing"])
      .where("id", "=", leaving.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ place_id: null, ask_me_about: "", directory_listing: "nobody" });
    const languages = await getDb()
      .selectFrom("member_languages")
      .select("code")
      .where("member_id", "=", leaving.id)
      .execute();
    expect(languages).toEqual([]);
  });
});
