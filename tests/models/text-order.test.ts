import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import { followTopic, listFollowedTopics } from "~/models/follows.server";
import { getMemberProfile, updateProfile } from "~/models/members.server";
import { suggestMembers } from "~/models/member-suggestions.server";
import { listMembersForAdmin } from "~/models/members-moderation.server";
import { createTopic, editTopic } from "~/models/topic-admin.server";
import { listTopicIndex, listTopicThreads } from "~/models/topic-threads.server";
import { getThreadHeader } from "~/models/thread-page.server";
import { listTopicChoices, listTopicDirectory } from "~/models/topics.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestThread } from "../factories/threads";

// Lists ordered by text come out in the same order on both engines, and in the order people read them:
// case and accents aside (docs/decisions/0027). On the PostgreSQL run this file's database sorts text by a
// language's rules (ICU en-US), as most servers' databases do, so nothing here passes by the test server's
// C.UTF-8 locale happening to sort like SQLite.

const serverUrl = inject("postgresServerUrl");
const icuDatabase = `text_order_${process.pid}_${Date.now().toString(36)}`;

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// Created, in the order a test would never sort them by; expected below by name, case and accents aside.
const TOPICS = [
  { slug: "order-zoning", name: "Zoning" },
  { slug: "order-affordable", name: "affordable housing" },
  { slug: "order-education", name: "Éducation" },
  { slug: "order-ecology", name: "ecology" },
  { slug: "order-ecole", name: "École libre" },
  { slug: "order-wages", name: "Wages" },
];
const BY_NAME = ["affordable housing", "École libre", "ecology", "Éducation", "Wages", "Zoning"];
// Handles are lower-case letters, digits and underscores, ordered byte by byte on both engines: digits, then
// "_", then letters. A language collation puts "_" first, or ignores it.
const HANDLES = ["ordrb_z", "ordra", "ordr_b", "ordr1"];
const BY_HANDLE = ["ordr1", "ordr_b", "ordra", "ordrb_z"];

let moderator: TestMember;
const ours = <T extends { slug: string }>(list: T[]) => list.filter((t) => t.slug.startsWith("order-"));
const names = (list: Array<{ name: string }>) => list.map((t) => t.name);

beforeAll(async () => {
  if (serverUrl) {
    await admin(
      `CREATE DATABASE ${icuDatabase} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    );
    const url = new URL(serverUrl);
    url.pathname = `/${icuDatabase}`;
    await closeDatabase();
    process.env.DATABASE_URL = url.toString();
    await migrateToLatest();
    // That database's own order is not byte order: plain ORDER BY would not agree with SQLite here.
    const { rows } = await sql<{ x: string }>`
      SELECT x FROM (VALUES ('ordr1'), ('ordr_b'), ('Zoning'), ('affordable')) AS v(x) ORDER BY x`.execute(getDb());
    expect(rows.map((r) => r.x)).toEqual(["affordable", "ordr_b", "ordr1", "Zoning"]);
  }
  moderator = await createMember({ role: "moderator" });
  for (const topic of TOPICS) {
    const created = await createTopic(moderator.id, { ...topic, description: "" });
    expect(created.ok).toBe(true);
  }
  for (const handle of HANDLES) await createMember({ handle });
});

afterAll(async () => {
  if (!serverUrl) return;
  await closeDatabase();
  await admin(`DROP DATABASE IF EXISTS ${icuDatabase} WITH (FORCE)`);
});

describe("text order", () => {
  it("lists topics by name, case and accents aside, on every topic list", async () => {
    expect(names(ours(await listTopicDirectory()))).toEqual(BY_NAME);
    expect(names(ours(await listTopicIndex()))).toEqual(BY_NAME);
    expect(names(ours(await listTopicChoices()))).toEqual(BY_NAME);
  });

  it("orders a thread's topics, a member's fields and followed topics the same way", async () => {
    const author = await createMember();
    const tagged = ["order-zoning", "order-education", "order-ecology", "order-affordable", "order-ecole"];
    const thread = await createTestThread({ authorId: author.id, tagSlugs: tagged });
    const expected = ["affordable housing", "École libre", "ecology", "Éducation", "Zoning"];
    expect(names((await getThreadHeader(thread.id, null))!.tags)).toEqual(expected);
    const list = await listTopicThreads({ topicSlug: "order-zoning", sort: "latest" });
    expect(names(list.items.find((t) => t.id === thread.id)!.tags)).toEqual(expected);

    const profile = { displayName: "Field Worker", organization: "", location: "", bioSource: "" };
    expect((await updateProfile(author.id, { ...profile, fieldSlugs: [...tagged].reverse() })).ok).toBe(true);
    expect(names((await getMemberProfile(author.handle))!.fields)).toEqual(expected);

    const directory = ours(await listTopicDirectory());
    for (const topic of [...directory].reverse()) {
      const id = await getDb().selectFrom("tags").select("id").where("slug", "=", topic.slug).executeTakeFirstOrThrow();
      await followTopic(author.id, id.id);
    }
    expect(names(await listFollowedTopics(author.id))).toEqual(BY_NAME);
  });

  it("moves a renamed topic to its new place", async () => {
    expect((await editTopic(moderator.id, "order-wages", { name: "Accès au logement", description: "" })).ok).toBe(
      true,
    );
    expect(names(ours(await listTopicDirectory()))).toEqual([
      "Accès au logement",
      ...BY_NAME.filter((n) => n !== "Wages"),
    ]);
  });

  it("lists members by handle, byte by byte, with prefix search and pages", async () => {
    const all = await listMembersForAdmin({ query: "ordr" });
    expect(all.items.map((m) => m.handle)).toEqual(BY_HANDLE);
    expect((await listMembersForAdmin({ query: "ordrb" })).items.map((m) => m.handle)).toEqual(["ordrb_z"]);
    const first = await listMembersForAdmin({ query: "ordr", limit: 2 });
    expect(first.items.map((m) => m.handle)).toEqual(BY_HANDLE.slice(0, 2));
    const second = await listMembersForAdmin({ query: "ordr", limit: 2, after: first.nextAfter! });
    expect(second.items.map((m) => m.handle)).toEqual(BY_HANDLE.slice(2));
    const suggested = await suggestMembers({ query: "ordr", viewerId: moderator.id });
    expect(suggested.map((m) => m.handle)).toEqual(BY_HANDLE);
  });
});
