// Deleting an account (issue 13, docs/decisions/0016), both ways: posts kept under "Former member", or removed.
// What goes (email, password, profile, private rows; the words of removed posts), what stays whole (others'
// replies, threads others answered, counters, other participants' labels), and that nothing erased is left in
// the database file or its WAL. Pages, over HTTP, are tests/routes/account-data.test.ts.
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb, getEngine } from "~db/client.server";
import { logIn } from "~/auth/accounts.server";
import { FORMER_MEMBER_NAME } from "~/lib/former-member";
import { parseSearchQuery } from "~/lib/search-query";
import { deleteAccount, ERASED_VALUE } from "~/models/account-deletion.server";
import { getLoginCredentials, HANDLE_RESERVATION_MS, isHandleReserved, registerMember } from "~/models/members.server";
import { listRevisions } from "~/models/posts.server";
import { buildRoundExport, listAnswerRecords } from "~/models/round-export.server";
import { checkSynthesisConsent, WITHDRAWN_QUOTE_NOTE } from "~/models/round-synthesis.server";
import { searchPosts } from "~/models/search-index.server";
import { getThreadHeader, getThreadPage } from "~/models/thread-page.server";
import { createMemberWithHistory, type MemberHistory } from "../factories/account-history";
import { buildMember } from "../factories/members";

const db = () => getDb();
const search = async (q: string) => (await searchPosts(parseSearchQuery(q), {}, 1)).hits;

/**
 * Whether the stored data holds these bytes anywhere. SQLite: the database file or its WAL (live rows, free
 * space, old frames). PostgreSQL, which has no secure_delete (docs/decisions/0025): every tuple of every table
 * and TOAST table, live or dead and not yet vacuumed, read from the pages themselves (pageinspect).
 */
async function inDatabaseFile(text: string): Promise<boolean> {
  if (getEngine().name === "sqlite") {
    const path = process.env.DATABASE_PATH!;
    return [path, `${path}-wal`].some((file) => existsSync(file) && readFileSync(file).includes(Buffer.from(text)));
  }
  await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(db());
  const { rows } = await sql<{ found: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM pg_class c
      CROSS JOIN LATERAL generate_series(0, pg_relation_size(c.oid) / current_setting('block_size')::int - 1) AS blk
      CROSS JOIN LATERAL heap_page_items(get_raw_page(c.oid::regclass::text, blk::int)) AS item
      WHERE c.relkind IN ('r', 't') AND c.relnamespace IN ('public'::regnamespace, 'pg_toast'::regnamespace)
        AND item.t_data IS NOT NULL AND position(convert_to(${text}, 'UTF8') IN item.t_data) > 0
    ) AS found`.execute(db());
  return rows[0]!.found;
}

/** Every counter that must follow what it counts; an empty list when they all do. */
async function counterDrift(): Promise<string[]> {
  const drift: string[] = [];
  const threads = await db().selectFrom("threads").select(["id", "reply_count", "helpful_count"]).execute();
  for (const t of threads) {
    const replies = await db()
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("thread_id", "=", t.id)
      .where("depth", ">", 0)
      .where("deleted_at", "is", null)
      .where("hidden_at", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(replies.n) !== t.reply_count) drift.push(`thread ${t.id} reply_count ${t.reply_count} ≠ ${replies.n}`);
    const opening = await db()
      .selectFrom("posts")
      .select("helpful_count")
      .where("thread_id", "=", t.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    if (opening.helpful_count !== t.helpful_count) drift.push(`thread ${t.id} helpful_count`);
  }
  const posts = await db()
    .selectFrom("posts as p")
    .select(["p.id", "p.helpful_count"])
    .select((eb) =>
      eb
        .selectFrom("post_reactions as r")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("r.post_id", "=", "p.id")
        .as("marks"),
    )
    .execute();
  for (const p of posts) if (Number(p.marks) !== p.helpful_count) drift.push(`post ${p.id} helpful_count`);
  const tags = await db()
    .selectFrom("tags as g")
    .select(["g.slug", "g.thread_count"])
    .select((eb) =>
      eb
        .selectFrom("thread_tags as tt")
        .innerJoin("threads as t", "t.id", "tt.thread_id")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("tt.tag_id", "=", "g.id")
        .where("t.deleted_at", "is", null)
        .where("t.hidden_at", "is", null)
        .as("threads"),
    )
    .execute();
  for (const g of tags) if (Number(g.threads) !== g.thread_count) drift.push(`topic ${g.slug} thread_count`);
  return drift;
}

/** Rows of the member's own in every private table. */
async function privateRows(memberId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    "member_fields",
    "sessions",
    "drafts",
    "topic_follows",
    "thread_follows",
    "notifications",
    "digest_sends",
    "member_notes",
    "post_reactions",
  ] as const) {
    const row = await db()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("member_id", "=", memberId)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

const NO_PRIVATE_ROWS = {
  member_fields: 0,
  sessions: 0,
  drafts: 0,
  topic_follows: 0,
  thread_follows: 0,
  notifications: 0,
  digest_sends: 0,
  member_notes: 0,
  post_reactions: 0,
};

/** Other participants' labels in the round, by answer. */
async function othersLabels(h: MemberHistory): Promise<Record<number, string>> {
  const records = await listAnswerRecords(h.round.id);
  return Object.fromEntries(records.filter((r) => r.memberId !== h.member.id).map((r) => [r.postId, r.participant]));
}

async function postRow(id: number) {
  return db()
    .selectFrom("posts")
    .select(["body_source", "body_html", "deleted_at", "descendant_count"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("deleting an account and removing its posts", () => {
  let h: MemberHistory;
  let labelsBefore: Record<number, string>;

  beforeAll(async () => {
    h = await createMemberWithHistory();
    // A session, so that its ending is seen.
    await db()
      .insertInto("sessions")
      .values({ id: `s-${h.member.id}`, member_id: h.member.id, created_at: Date.now(), expires_at: Date.now() + 1e9 })
      .execute();
    expect(await counterDrift(), "counters before").toEqual([]);
    for (const text of [h.marks.email, h.marks.bio, h.marks.phrase, h.marks.oldPhrase, h.marks.flagNote])
      expect(await inDatabaseFile(text), `${text} is in the file before`).toBe(true);
    labelsBefore = await othersLabels(h);
    const result = await deleteAccount({ memberId: h.member.id, posts: "remove" });
    expect(result).toMatchObject({ ok: true });
  });

  it("leaves a row with nothing personal, that can't log in, and no private rows", async () => {
    const row = await db().selectFrom("members").selectAll().where("id", "=", h.member.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      display_name: FORMER_MEMBER_NAME,
      organization: "",
      location: "",
      bio_source: "",
      bio_html: "",
      password_hash: "",
      role: "member",
      digest_frequency: "none",
    });
    expect(row.deleted_at).not.toBeNull();
    expect(row.handle).not.toBe(h.member.handle);
    expect(row.email).not.toBe(h.marks.email);
    expect(await privateRows(h.member.id)).toEqual(NO_PRIVATE_ROWS);
    expect(await getLoginCredentials(h.member.handle)).toBeUndefined();
    expect(await getLoginCredentials(h.marks.email)).toBeUndefined();
    expect((await logIn(h.member.handle, h.member.password, "10.9.9.1")).ok).toBe(false);
    expect(await deleteAccount({ memberId: h.member.id, posts: "remove" })).toMatchObject({ ok: false });
  });

  it("keeps every conversation others took part in, with placeholders where their replies hang", async () => {
    const page = (await getThreadPage(h.threads.conversation, null, null))!;
    expect(page.thread.title).toContain("Rent strikes that worked");
    expect(page.thread.author.displayName).toBe(FORMER_MEMBER_NAME);
    expect(page.opening).toMatchObject({ state: "deleted", author: null, html: null });
    expect(page.replies.map((r) => [r.id, r.state])).toEqual([
      [h.posts.anaInConversation, "visible"],
      [h.posts.memberUnderAna, "deleted"],
      [h.posts.benUnderMember, "visible"],
    ]);
    const anas = (await getThreadPage(h.threads.anas, null, null))!;
    const shown = anas.replies.map((r) => r.id);
    expect(shown).not.toContain(h.posts.chainTop);
    expect(shown).not.toContain(h.posts.chainBottom);
    expect(shown).toEqual(expect.arrayContaining([h.posts.edited, h.posts.anaUnderEdited, h.posts.benToFlag]));
    expect(anas.replies.find((r) => r.id === h.posts.edited)).toMatchObject({ state: "deleted", author: null });
    // Nothing of others hung on the thread nobody answered: it is gone.
    expect(await getThreadHeader(h.threads.alone, null)).toBeNull();
    for (const id of [h.posts.conversationOpening, h.posts.memberUnderAna, h.posts.chainTop, h.posts.aloneOpening])
      expect(await postRow(id)).toMatchObject({ body_source: "", body_html: "" });
    expect(await postRow(h.posts.chainTop)).toMatchObject({ descendant_count: 0 });
    expect(await listRevisions(h.posts.edited)).toEqual([]);
  });

  it("keeps every counter in step and takes the posts out of search", async () => {
    expect(await counterDrift()).toEqual([]);
    expect(await search(h.marks.phrase)).toEqual([]);
    expect((await search("people sign in person")).map((hit) => hit.postId)).toContain(h.posts.benUnderMember);
    const removed = await db()
      .selectFrom("notifications")
      .select("id")
      .where("post_id", "in", [h.posts.memberUnderAna, h.posts.chainTop, h.posts.edited])
      .execute();
    expect(removed).toEqual([]);
  });

  it("withdraws the round answers from exports and drafts, and moves nobody else's label", async () => {
    const data = (await buildRoundExport(h.round.id))!;
    expect(JSON.stringify(data)).not.toContain(h.marks.answer);
    expect(data.counts.answers).toBe(2);
    expect(await othersLabels(h)).toEqual(labelsBefore);
    const answers = await db()
      .selectFrom("round_answers")
      .select(["withdrawn_at", "pseudonym"])
      .where("member_id", "=", h.member.id)
      .execute();
    expect(answers.every((a) => a.withdrawn_at !== null)).toBe(true);
    expect(answers.map((a) => a.pseudonym)).not.toContain(h.marks.pseudonym);
    const round = await db()
      .selectFrom("rounds")
      .select("synthesis_source")
      .where("id", "=", h.round.id)
      .executeTakeFirstOrThrow();
    expect(round.synthesis_source).toContain(WITHDRAWN_QUOTE_NOTE);
    expect(round.synthesis_source).not.toContain(h.marks.answer);
    expect(round.synthesis_source).not.toContain(`/posts/${h.answers.named}`);
    // A synthesis that still linked to the answer would be refused at publishing.
    const records = await listAnswerRecords(h.round.id);
    expect(checkSynthesisConsent(`> — [Someone](/posts/${h.answers.named})`, records)).toMatch(/withdrawn/);
  });

  it("keeps moderators' audit rows and the open flag, without the erased personal data", async () => {
    const rows = await db()
      .selectFrom("audit_log")
      .select(["action", "before_json", "after_json"])
      .where("subject_member_id", "=", h.member.id)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual(["member.suspend", "member.unsuspend", "member.note", "member.note"]);
    const valued = rows.at(-1)!;
    expect(JSON.parse(valued.before_json!)).toEqual({ email: ERASED_VALUE, displayName: ERASED_VALUE, role: "member" });
    expect(JSON.parse(valued.after_json!)).toEqual({
      profile: { bio: ERASED_VALUE, location: ERASED_VALUE },
      role: "member",
    });
    const flags = await db()
      .selectFrom("flags")
      .select(["post_id", "note", "resolved_at"])
      .where("member_id", "=", h.member.id)
      .execute();
    expect(flags).toEqual([{ post_id: h.posts.benToFlag, note: "", resolved_at: null }]);
  });

  it("leaves no trace of the erased fields or the removed words in the database file", async () => {
    for (const [name, text] of Object.entries(h.marks)) expect(await inDatabaseFile(text), name).toBe(false);
  });
});

describe("deleting an account and keeping its posts", () => {
  let h: MemberHistory;

  beforeAll(async () => {
    h = await createMemberWithHistory();
    expect(await deleteAccount({ memberId: h.member.id, posts: "keep" })).toMatchObject({
      ok: true,
      postsRemoved: 0,
    });
  });

  it("shows every post under “Former member”, history included", async () => {
    const page = (await getThreadPage(h.threads.conversation, null, null))!;
    expect(page.thread.author).toMatchObject({ displayName: FORMER_MEMBER_NAME });
    expect(page.opening.html).toContain(h.marks.phrase);
    expect(page.opening.author?.displayName).toBe(FORMER_MEMBER_NAME);
    const revisions = await listRevisions(h.posts.edited);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.editor).toMatchObject({ kind: "member", displayName: FORMER_MEMBER_NAME });
    const hits = await search(h.marks.phrase);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => hit.author.displayName === FORMER_MEMBER_NAME)).toBe(true);
    expect(await counterDrift()).toEqual([]);
  });

  it("still withdraws the round answers, keeping the pseudonym on the forum", async () => {
    const data = (await buildRoundExport(h.round.id))!;
    expect(JSON.stringify(data)).not.toContain(h.marks.answer);
    const answer = await db()
      .selectFrom("round_answers")
      .select("pseudonym")
      .where("post_id", "=", h.answers.anonymized)
      .executeTakeFirstOrThrow();
    expect(answer.pseudonym).toBe(h.marks.pseudonym);
  });

  it("erases the profile and private data from the file, and only those", async () => {
    expect(await privateRows(h.member.id)).toEqual(NO_PRIVATE_ROWS);
    for (const key of ["name", "email", "oldBio", "bio", "organization", "location", "flagNote", "draft"] as const)
      expect(await inDatabaseFile(h.marks[key]), key).toBe(false);
    // The posts stay, so their words do: the search of the file finds what is there.
    expect(await inDatabaseFile(h.marks.phrase)).toBe(true);
  });
});

describe("the handle of a deleted account", () => {
  it("is refused to anyone joining for 90 days, and free after", async () => {
    const h = await createMemberWithHistory();
    const deletedAt = Date.now();
    await deleteAccount({ memberId: h.member.id, posts: "keep", now: deletedAt });
    const join = (now: number) =>
      registerMember({ ...buildMember({ handle: h.member.handle }), passwordHash: "x", emailVerifiedAt: now, now });
    expect(await isHandleReserved(h.member.handle, deletedAt + 1)).toBe(true);
    expect(await join(deletedAt + 1)).toMatchObject({ ok: false, field: "handle" });
    expect(await join(deletedAt + HANDLE_RESERVATION_MS - 1)).toMatchObject({ ok: false, field: "handle" });
    expect(await join(deletedAt + HANDLE_RESERVATION_MS)).toMatchObject({ ok: true });
    // The reservation is gone with its time: the old handle is kept no longer than that.
    const reserved = await db().selectFrom("reserved_handles").select("handle").execute();
    expect(reserved.map((r) => r.handle)).not.toContain(h.member.handle);
    // Its email was free at once.
    expect(
      await registerMember({
        ...buildMember(),
        email: h.marks.email,
        passwordHash: "x",
        emailVerifiedAt: null,
        now: deletedAt + 2,
      }),
    ).toMatchObject({ ok: true });
  });
});
