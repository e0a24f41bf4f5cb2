import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { Migrator } from "kysely";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDb, migrateToLatest, openDatabase } from "~db/client.server";
import { migrationProvider } from "~db/migrations/index";
import { completionsOf, editDistance, makeSnippet, parseSearchQuery } from "~/lib/search-query";
import { moderatePost } from "~/models/post-moderation.server";
import { searchPosts, suggestSearch, searchQueryOf } from "~/models/search-index.server";
import { toFts5Query } from "~db/search/fts5";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

const titles = async (q: string) =>
  (await searchPosts(parseSearchQuery(q), {}, 1)).hits.map((h) => h.thread.title).sort();
const suggest = (q: string) => suggestSearch(parseSearchQuery(q), {});

describe("search finds what people type", () => {
  it("matches plurals and other forms of a word (porter stems)", async () => {
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Running Listservs well", body: "Moderation tips." });
    await createTestThread({ authorId: member.id, title: "A new organizer", body: "She started in May." });
    await createTestThread({ authorId: member.id, title: "Tenant meetings", body: "We were organizing all spring." });
    // (The seeded forum has Listservs and organizers of its own.)
    expect(await titles("listserv")).toContain("Running Listservs well");
    expect(await titles("LISTSERVS")).toContain("Running Listservs well");
    expect(await titles("organizing")).toEqual(expect.arrayContaining(["A new organizer", "Tenant meetings"]));
    expect(await titles("organizer")).toEqual(await titles("organizing"));
    // The snippet marks the forms that matched, not only the word as typed.
    const [hit] = (await searchPosts(parseSearchQuery("listserv"), {}, 1)).hits;
    expect(hit!.snippet.filter((p) => p.hit)).toEqual([]); // the title matched; the body is the snippet
    expect(makeSnippet("Our Listservs, and one listserv.", parseSearchQuery("listserv")).filter((p) => p.hit)).toEqual([
      { text: "Listservs,", hit: true },
      { text: "listserv.", hit: true },
    ]);
  });

  it("matches a partial last word as the start of words, whatever their stem", async () => {
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Prefix one", body: "organizing a zanzibank" });
    await createTestThread({ authorId: member.id, title: "Prefix two", body: "the organizational zanzichart" });
    await createTestThread({ authorId: member.id, title: "Prefix three", body: "a mutual aid zanzitelephon" });
    const prefixTitles = async (q: string) => (await titles(q)).filter((t) => t.startsWith("Prefix"));
    expect(await prefixTitles("organiz")).toEqual(["Prefix one", "Prefix two"]);
    expect(await prefixTitles("organizi")).toContain("Prefix one");
    expect(await titles("zanzitel")).toEqual(["Prefix three"]);
    // Only the last word is a prefix: an earlier partial word must be whole.
    expect(await titles("zanzib organizing")).toEqual([]);
    expect(await titles("organizing zanzib")).toEqual(["Prefix one"]);
    // Short last words and phrases are matched whole.
    expect(parseSearchQuery("to").prefixLast).toBe(false);
    expect(parseSearchQuery('"phone ban"').prefixLast).toBe(false);
    expect(await titles('"a zanzibank"')).toEqual(["Prefix one"]);
    expect(await titles('"a zanzib"')).toEqual([]);
    expect(completionsOf("organiz").length).toBeLessThanOrEqual(48);
  });

  it("leaves out the open prefix where too many words start with it, keeping the completions", async () => {
    const member = await createMember();
    const many = Array.from({ length: 60 }, (_, i) => `qqv${i.toString(36)}x`).join(" ");
    await createTestThread({ authorId: member.id, title: "Many similar words", body: many });
    await createTestThread({ authorId: member.id, title: "Plural qqvs", body: "Some qqvs here." });
    // "qqv*" would merge 60 terms: only whole words the partial one may start ("qqvs") are searched.
    expect(await titles("qqv")).toEqual(["Plural qqvs"]);
    // With few words starting with it, the open prefix is used.
    await createTestThread({ authorId: member.id, title: "Few zzk words", body: "zzkabc" });
    expect(await titles("zzk")).toEqual(["Few zzk words"]);
    expect(toFts5Query(searchQueryOf(parseSearchQuery("zzk"), { openPrefix: false }))).not.toContain("*");
  });

  it("keeps Spanish words matching with or without accents, both ways", async () => {
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Con acento", body: "La organización de inquilinas." });
    await createTestThread({ authorId: member.id, title: "Sin acento", body: "Una organizacion de inquilinas." });
    expect(await titles("organizacion inquilinas")).toEqual(["Con acento", "Sin acento"]);
    expect(await titles("organización inquilinas")).toEqual(["Con acento", "Sin acento"]);
    expect(await titles("inquilinas organizació")).toEqual(["Con acento", "Sin acento"]);
  });

  it("suggests the nearest word of the index when nothing matches, and nothing when something does", async () => {
    const member = await createMember();
    await createTestThread({ authorId: member.id, title: "Our listserv rules", body: "Be kind on the listserv." });
    await createTestThread({ authorId: member.id, title: "Zorbling strike", body: "The changes we won." });
    expect(await titles("listsrev")).toEqual([]);
    expect(await suggest("listsrev")).toBe("listserv");
    expect(await suggest("listserv")).toBeNull();
    // Only the word that matched nothing changes; the vocabulary's stem ("chang") is offered as written.
    expect(await suggest("zorbling chnages")).toBe("zorbling changes");
    // Nothing near enough: no guess.
    expect(await suggest("xylophonics")).toBeNull();
    expect(editDistance("listsrev", "listserv", 2)).toBe(1);
    expect(editDistance("abcdefgh", "zzzzzzzz", 2)).toBe(3);
  });

  it("never finds or suggests a word that only hidden content holds", async () => {
    const author = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: author.id, title: "Open thread", body: "nothing special" });
    const hidden = await createTestReply({ threadId: thread.id, authorId: author.id, body: "the quetzalcoatl plan" });
    expect(await suggest("quetzalcoatk")).toBe("quetzalcoatl");
    await moderatePost(mod.id, hidden, { reason: "spam", note: "" });
    expect(await titles("quetzalcoatl")).toEqual([]);
    expect(await suggest("quetzalcoatk")).toBeNull();
    // Even a term the vocabulary still lists (an answer a round withholds keeps its row) is offered only if a
    // visitor can find it: here a row whose post is hidden is put back in the index by hand.
    await sql`INSERT INTO search_index(rowid, title, body) VALUES (${hidden}, '', 'the quetzalcoatl plan')`.execute(
      getDb(),
    );
    const vocabulary = await sql<{ term: string }>`SELECT term FROM search_vocab WHERE term = 'quetzalcoatl'`.execute(
      getDb(),
    );
    expect(vocabulary.rows).toHaveLength(1);
    expect(await titles("quetzalcoatl")).toEqual([]);
    expect(await suggest("quetzalcoatk")).toBeNull();
  });

  it("keeps what was indexed before migration 0016, now stemmed", async () => {
    const { db } = openDatabase(join(mkdtempSync(join(tmpdir(), "rt-stem-")), "before.db"));
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo("0011_account_deletion");
    expect(error).toBeUndefined();
    await sql`INSERT INTO search_index(rowid, title, body) VALUES (7, 'Running Listservs', 'organizing tenants')`.execute(
      db,
    );
    expect(await migrateToLatest(db)).toContain("0016_search_stemming");
    const found = async (q: string) =>
      (await sql<{ rowid: number }>`SELECT rowid FROM search_index WHERE search_index MATCH ${q}`.execute(db)).rows;
    expect(await found('"listserv"')).toEqual([{ rowid: 7 }]);
    expect(await found('"organizer"')).toEqual([{ rowid: 7 }]);
    expect((await sql`SELECT term FROM search_vocab WHERE term = 'listserv'`.execute(db)).rows).toHaveLength(1);
    await db.destroy();
  });
});
