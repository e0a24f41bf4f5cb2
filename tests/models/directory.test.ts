// The member directory (issue 19, docs/decisions/0043): each filter and combinations, the listing setting for
// visitors and members, who is never listed, "people who work like you" ranking, and what counts as a member's
// activity and topics (never a hidden post, never a round answer under a pseudonym).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { listDirectory, strongestTopics, type DirectoryFilters } from "~/models/directory.server";
import { setThreadHidden } from "~/models/moderation.server";
import { listPeersWithWriting, listPeopleLike } from "~/models/peers.server";
import { suspendMember } from "~/models/members-moderation.server";
import { seedBaseline } from "~/models/seed.server";
import { createMember, type TestMember } from "../factories/members";
import { setDirectoryFacts } from "../factories/directory";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";

const HOUR = 3_600_000;
const member = { id: 0, role: "member" as const };
let rosa: TestMember; // organizing + health, Boyle Heights, Spanish, listed for everyone
let tomas: TestMember; // organizing, Boyle Heights, members only (the default)
let li: TestMember; // health, Koreatown, Korean and English, listed for everyone
let quiet: TestMember; // organizing, Boyle Heights, listed to nobody
let moderator: TestMember;

beforeAll(async () => {
  await seedBaseline(getDb());
  moderator = await createMember({ role: "moderator", displayName: "Mod" });
  member.id = moderator.id;
  rosa = await createMember({ displayName: "Rosa" });
  tomas = await createMember({ displayName: "Tomás" });
  li = await createMember({ displayName: "Li" });
  quiet = await createMember({ displayName: "Quiet" });
  await setDirectoryFacts(rosa.id, {
    fields: ["organizing", "health"],
    organization: "Eastside Tenants Union",
    place: "Boyle Heights",
    ask: ["Tenant organizing", "Grant writing"],
    languages: ["es", "en"],
    listing: "everyone",
  });
  await setDirectoryFacts(tomas.id, {
    fields: ["organizing"],
    organization: "East LA Youth Coalition",
    place: "Boyle Heights",
    ask: ["Youth leadership"],
    languages: ["es"],
  });
  await setDirectoryFacts(li.id, {
    fields: ["health"],
    organization: "Koreatown Health Partners",
    place: "Koreatown",
    ask: ["Community health worker training"],
    languages: ["ko", "en"],
    listing: "everyone",
  });
  await setDirectoryFacts(quiet.id, { fields: ["organizing"], place: "Boyle Heights", listing: "nobody" });
  const now = Date.now();
  // Li wrote most recently, then Tomás, then Rosa; Rosa writes most about policy.
  for (let i = 0; i < 3; i++)
    await createTestThread({ authorId: rosa.id, tagSlugs: ["policy"], now: now - (10 + i) * HOUR });
  await createTestThread({ authorId: tomas.id, tagSlugs: ["leadership"], now: now - 5 * HOUR });
  await createTestThread({ authorId: li.id, tagSlugs: ["health"], now: now - 1 * HOUR });
});

/** The names listed, leaving out the seed's own account (it started the seed's prompts). */
const handles = async (filters: DirectoryFilters, reader: { id: number; role: "member" | "moderator" } | null) =>
  (await listDirectory({ reader, filters })).members.map((m) => m.displayName).filter((n) => n !== "Roundtable team");

describe("who is listed", () => {
  it("a visitor sees only members listed for everyone; a member sees members-only listings too; nobody is never listed", async () => {
    expect(await handles({}, null)).toEqual(["Li", "Rosa"]);
    const forMember = await handles({}, member);
    expect(forMember.slice(0, 3)).toEqual(["Li", "Tomás", "Rosa"]);
    expect(forMember).not.toContain("Quiet");
  });

  it("suspended, deleted, unverified and waiting members are never listed", async () => {
    const suspended = await createMember({ displayName: "Suspended" });
    const unverified = await createMember({ displayName: "Unverified", verified: false });
    const waiting = await createMember({ displayName: "Waiting", approvalState: "waiting" });
    const deleted = await createMember({ displayName: "Deleted" });
    for (const m of [suspended, unverified, waiting, deleted]) await setDirectoryFacts(m.id, { listing: "everyone" });
    const before = await handles({}, member);
    expect(before).toEqual(expect.arrayContaining(["Suspended"]));
    const result = await suspendMember({ actorId: moderator.id, memberId: suspended.id, reason: "Spam", until: null });
    expect(result.ok).toBe(true);
    await getDb().updateTable("members").set({ deleted_at: Date.now() }).where("id", "=", deleted.id).execute();
    for (const reader of [null, member]) {
      const names = await handles({}, reader);
      for (const name of ["Suspended", "Unverified", "Waiting", "Deleted"]) expect(names).not.toContain(name);
    }
  });
});

describe("filters", () => {
  it("each filter alone", async () => {
    expect(await handles({ field: "health" }, member)).toEqual(["Li", "Rosa"]);
    expect(await handles({ placeId: await placeIdOf("Boyle Heights") }, member)).toEqual(["Tomás", "Rosa"]);
    expect(await handles({ organization: "tenants" }, member)).toEqual(["Rosa"]);
    expect(await handles({ ask: "YOUTH" }, member)).toEqual(["Tomás"]);
    expect(await handles({ language: "ko" }, member)).toEqual(["Li"]);
    expect(await handles({ topic: "policy" }, member)).toEqual(["Rosa"]);
    expect(await handles({ topic: "leadership" }, member)).toEqual(["Tomás"]);
  });

  it("filters combine, and the listing rule still holds", async () => {
    const boyle = await placeIdOf("Boyle Heights");
    expect(await handles({ field: "organizing", placeId: boyle, language: "es" }, member)).toEqual(["Tomás", "Rosa"]);
    expect(await handles({ field: "organizing", placeId: boyle, language: "es" }, null)).toEqual(["Rosa"]);
    expect(await handles({ field: "health", language: "en", ask: "training" }, member)).toEqual(["Li"]);
    expect(await handles({ field: "health", placeId: boyle, organization: "koreatown" }, member)).toEqual([]);
    // LIKE's own characters match only themselves.
    expect(await handles({ organization: "%" }, member)).toEqual([]);
  });

  it("pages are bounded", async () => {
    const page = await listDirectory({ reader: member, filters: {}, page: 10_000 });
    expect(page.page).toBe(40);
    expect(page.members).toEqual([]);
  });
});

describe("what counts as a member's activity and topics", () => {
  it("a hidden thread counts for nothing; a round answer under a pseudonym never counts", async () => {
    const writer = await createMember({ displayName: "Writer" });
    await setDirectoryFacts(writer.id, { fields: ["funding"], listing: "everyone" });
    const hidden = await createTestThread({ authorId: writer.id, tagSlugs: ["environment"] });
    await setThreadHidden(hidden.id, { actorId: moderator.id, reason: "spam", note: "" });
    const round = await createTestRound({ createdBy: moderator.id, prompts: 1, tagSlugs: ["innovation"] });
    await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: writer.id,
      pseudonym: "Heron",
    });
    expect((await strongestTopics([writer.id])).get(writer.id) ?? []).toEqual([]);
    expect(await handles({ topic: "innovation" }, member)).not.toContain("Writer");
    expect(await handles({ topic: "environment" }, member)).not.toContain("Writer");
    const listed = (await listDirectory({ reader: member, filters: { field: "funding" } })).members;
    expect(listed.map((m) => [m.displayName, m.lastActiveAt])).toEqual([["Writer", null]]);
    // Answered by name, the same answer counts.
    const named = await createMember({ displayName: "Named" });
    await setDirectoryFacts(named.id, { fields: ["funding"], listing: "everyone" });
    await createTestAnswer({ roundId: round.id, threadId: round.promptIds[0]!, memberId: named.id });
    expect((await strongestTopics([named.id])).get(named.id)?.map((t) => t.slug)).toEqual(["innovation"]);
  });
});

describe("people who work like you", () => {
  it("ranks shared fields and region first, then recent activity; respects the listing", async () => {
    const me = await createMember({ displayName: "Me" });
    await setDirectoryFacts(me.id, { fields: ["organizing", "health"], place: "Boyle Heights" });
    // Rosa shares two fields and the place; Tomás one field and the place; Li one field (and wrote last).
    const forMember = await listPeopleLike({ memberId: me.id, reader: member });
    expect(forMember.map((p) => p.displayName)).toEqual(["Rosa", "Tomás", "Li"]);
    expect(forMember[0]).toMatchObject({ sharedFields: 2, samePlace: true });
    // A visitor reading Me's profile never sees Tomás (members only) nor Quiet (nobody).
    expect((await listPeopleLike({ memberId: me.id, reader: null })).map((p) => p.displayName)).toEqual(["Rosa", "Li"]);
  });

  it("equal likeness goes to the most recently active; 'elsewhere' is shared with no one", async () => {
    const a = await createMember({ displayName: "Away A" });
    const b = await createMember({ displayName: "Away B" });
    await setDirectoryFacts(a.id, { fields: ["advocacy"], place: "Elsewhere" });
    await setDirectoryFacts(b.id, { fields: ["advocacy"], place: "Elsewhere" });
    await createTestThread({ authorId: b.id, tagSlugs: ["advocacy"] });
    const peers = await listPeopleLike({ memberId: a.id, reader: member });
    expect(peers.map((p) => [p.displayName, p.samePlace])).toEqual([["Away B", false]]);
  });

  it("the home page's peers show what they wrote lately, never a hidden post", async () => {
    const me = await createMember({ displayName: "Home" });
    await setDirectoryFacts(me.id, { fields: ["environment"] });
    const peer = await createMember({ displayName: "Peer" });
    await setDirectoryFacts(peer.id, { fields: ["environment"] });
    const shown = await createTestThread({
      authorId: peer.id,
      title: "Shade trees on every block",
      tagSlugs: ["environment"],
    });
    const later = await createTestThread({
      authorId: peer.id,
      title: "A hidden later thread",
      tagSlugs: ["environment"],
    });
    await createTestReply({ threadId: shown.id, authorId: me.id });
    await setThreadHidden(later.id, { actorId: moderator.id, reason: "spam", note: "" });
    const home = await listPeersWithWriting({ memberId: me.id, reader: { id: me.id, role: "member" } });
    expect(home.map((h) => [h.peer.displayName, h.latest?.thread.title])).toEqual([
      ["Peer", "Shade trees on every block"],
    ]);
  });
});

async function placeIdOf(name: string) {
  const row = await getDb().selectFrom("places").select("id").where("name", "=", name).executeTakeFirstOrThrow();
  return row.id;
}
