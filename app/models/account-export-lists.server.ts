import { sql } from "kysely";
import { getDb } from "~db/client.server";
import type { Consent, DraftKind, FollowLevel, ThreadKind } from "~db/schema";

// The lists of the account export (account-export.server.ts writes them; docs/account-export-format.md says
// what each holds). Each reads one page of a member's rows after a keyset cursor, with one query (two where a
// list carries a little of another table), and gives each row with its cursor. Each page is one range of an
// index that starts with the member: posts, threads and flags walk (author, created_at) indexes by (time, id),
// the others their (member, id) keys; so every page costs the same, however many came before.

/** Where a page ends: an id, or a time and an id (numbers, except a session's id, which is text). */
export type Cursor = readonly number[];

/** One list of the export: its key in the document, and a page of its rows after a cursor (null: the first). */
export interface ExportList {
  name: string;
  page(memberId: number, after: Cursor | null, limit: number): Promise<Array<{ cursor: Cursor; row: unknown }>>;
}

/** Rows after a (time, id) cursor, for a list ordered by those two columns. */
function pastTimeAndId(time: string, id: string, after: Cursor | null) {
  return after === null
    ? sql<boolean>`TRUE`
    : sql<boolean>`(${sql.ref(time)}, ${sql.ref(id)}) > (${after[0]}, ${after[1]})`;
}

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const state = (row: { deleted_at: number | null; hidden_at: number | null }) =>
  row.deleted_at !== null ? "removed" : row.hidden_at !== null ? "hidden" : "visible";

/** The lists, in the order the document holds them; `site` makes the URLs absolute. */
export function exportLists(site: string): ExportList[] {
  return [
    { name: "threads", page: (m, after, limit) => threadsPage(m, after, limit, site) },
    { name: "posts", page: (m, after, limit) => postsPage(m, after, limit, site) },
    { name: "revisions", page: revisionsPage },
    { name: "drafts", page: draftsPage },
    { name: "roundAnswers", page: roundAnswersPage },
    { name: "helpfulMarks", page: helpfulMarksPage },
    { name: "flags", page: flagsPage },
    { name: "followedTopics", page: followedTopicsPage },
    { name: "followedThreads", page: followedThreadsPage },
    { name: "threadReads", page: threadReadsPage },
    { name: "savedPosts", page: savedPostsPage },
    { name: "uploads", page: (m, after, limit) => uploadsPage(m, after, limit, site) },
    { name: "sessions", page: sessionsPage },
    { name: "suspensions", page: suspensionsPage },
  ];
}

/** Threads the member started (their opening posts are in `posts`). */
async function threadsPage(memberId: number, after: Cursor | null, limit: number, site: string) {
  const db = getDb();
  const rows = await db
    .selectFrom("threads as t")
    .innerJoin("posts as p", (join) => join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0))
    .select(["t.id", "t.kind", "t.title", "t.slug", "t.created_at", "t.deleted_at", "t.hidden_at", "p.id as post_id"])
    .where("t.author_id", "=", memberId)
    .where(pastTimeAndId("t.created_at", "t.id", after))
    .orderBy("t.created_at")
    .orderBy("t.id")
    .limit(limit)
    .execute();
  const tags = rows.length
    ? await db
        .selectFrom("thread_tags")
        .innerJoin("tags", "tags.id", "thread_tags.tag_id")
        .select(["thread_tags.thread_id", "tags.slug"])
        .where(
          "thread_tags.thread_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("tags.slug")
        .execute()
    : [];
  return rows.map((r) => ({
    cursor: [r.created_at, r.id],
    row: {
      id: r.id,
      kind: r.kind satisfies ThreadKind,
      title: r.title,
      url: `${site}/threads/${r.id}/${r.slug}`,
      createdAt: iso(r.created_at),
      state: state(r),
      topics: tags.filter((t) => t.thread_id === r.id).map((t) => t.slug),
      openingPostId: r.post_id,
    },
  }));
}

/** Every post the member wrote: opening posts, replies and round answers, as written (Markdown). */
async function postsPage(memberId: number, after: Cursor | null, limit: number, site: string) {
  const rows = await getDb()
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "p.id",
      "p.thread_id",
      "t.title",
      "p.parent_id",
      "p.depth",
      "p.body_source",
      "p.language",
      "p.created_at",
      "p.edited_at",
      "p.deleted_at",
      "p.hidden_at",
    ])
    .where("p.author_id", "=", memberId)
    .where(pastTimeAndId("p.created_at", "p.id", after))
    .orderBy("p.created_at")
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.created_at, r.id],
    row: {
      id: r.id,
      threadId: r.thread_id,
      threadTitle: r.title,
      parentId: r.parent_id,
      isOpeningPost: r.depth === 0,
      url: `${site}/posts/${r.id}`,
      createdAt: iso(r.created_at),
      editedAt: iso(r.edited_at),
      state: state(r),
      bodySource: r.body_source,
      // The language the member marked it with (a BCP 47 code), or null: written before posts had one.
      language: r.language,
    },
  }));
}

/** Earlier versions of the member's posts, each as it was before an edit replaced it. */
async function revisionsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("post_revisions")
    .select(["id", "post_id", "title", "body_source", "created_at"])
    .where("editor_id", "=", memberId)
    .where("id", ">", after?.[0] ?? 0)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.id],
    row: { id: r.id, postId: r.post_id, replacedAt: iso(r.created_at), title: r.title, bodySource: r.body_source },
  }));
}

async function draftsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("drafts")
    .select([
      "id",
      "kind",
      "thread_id",
      "parent_post_id",
      "title",
      "body_source",
      "tag_slugs",
      "created_at",
      "updated_at",
    ])
    .where("member_id", "=", memberId)
    .where("id", ">", after?.[0] ?? 0)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.id],
    row: {
      id: r.id,
      kind: r.kind satisfies DraftKind,
      threadId: r.thread_id,
      parentPostId: r.parent_post_id,
      title: r.title,
      bodySource: r.body_source,
      topics: r.tag_slugs ? r.tag_slugs.split(",") : [],
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    },
  }));
}

/** Round answers with the consent given, the pseudonym, and every change of consent (their words are in posts). */
async function roundAnswersPage(memberId: number, after: Cursor | null, limit: number) {
  const db = getDb();
  const rows = await db
    .selectFrom("round_answers as a")
    .innerJoin("rounds as r", "r.id", "a.round_id")
    .innerJoin("threads as t", "t.id", "a.thread_id")
    .select([
      "a.post_id",
      "a.round_id",
      "r.title as round_title",
      "a.thread_id",
      "t.title as prompt_title",
      "a.consent",
      "a.pseudonym",
      "a.created_at",
      "a.consent_changed_at",
    ])
    .where("a.member_id", "=", memberId)
    .where("a.post_id", ">", after?.[0] ?? 0)
    .orderBy("a.post_id")
    .limit(limit)
    .execute();
  const changes = rows.length
    ? await db
        .selectFrom("consent_changes")
        .select(["post_id", "from_consent", "to_consent", "changed_at"])
        .where(
          "post_id",
          "in",
          rows.map((r) => r.post_id),
        )
        .orderBy("id")
        .execute()
    : [];
  return rows.map((r) => ({
    cursor: [r.post_id],
    row: {
      postId: r.post_id,
      roundId: r.round_id,
      roundTitle: r.round_title,
      promptThreadId: r.thread_id,
      promptTitle: r.prompt_title,
      consent: r.consent satisfies Consent,
      pseudonym: r.pseudonym,
      answeredAt: iso(r.created_at),
      consentChanges: changes
        .filter((c) => c.post_id === r.post_id)
        .map((c) => ({ from: c.from_consent, to: c.to_consent, changedAt: iso(c.changed_at) })),
    },
  }));
}

async function helpfulMarksPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("post_reactions")
    .select(["post_id", "created_at"])
    .where("member_id", "=", memberId)
    .where("post_id", ">", after?.[0] ?? 0)
    .orderBy("post_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ cursor: [r.post_id], row: { postId: r.post_id, markedAt: iso(r.created_at) } }));
}

/** Flags the member made (not flags others made on their posts: those are the flaggers' to keep). */
async function flagsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("flags")
    .select(["id", "post_id", "reason", "note", "created_at", "resolved_at", "outcome"])
    .where("member_id", "=", memberId)
    .where(pastTimeAndId("created_at", "id", after))
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.created_at, r.id],
    row: {
      id: r.id,
      postId: r.post_id,
      reason: r.reason,
      note: r.note,
      createdAt: iso(r.created_at),
      resolvedAt: iso(r.resolved_at),
      outcome: r.outcome,
    },
  }));
}

async function followedTopicsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("topic_follows as f")
    .innerJoin("tags", "tags.id", "f.tag_id")
    .select(["f.tag_id", "tags.slug", "tags.name", "f.in_digest", "f.created_at"])
    .where("f.member_id", "=", memberId)
    .where("f.tag_id", ">", after?.[0] ?? 0)
    .orderBy("f.tag_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.tag_id],
    row: { topic: r.slug, name: r.name, inDigest: r.in_digest === 1, followedAt: iso(r.created_at) },
  }));
}

/** How far the member has read each thread they opened (docs/decisions/0020): ids and times only. */
async function threadReadsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("thread_reads")
    .select(["thread_id", "last_read_post_id", "read_at"])
    .where("member_id", "=", memberId)
    .where("thread_id", ">", after?.[0] ?? 0)
    .orderBy("thread_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.thread_id],
    row: { threadId: r.thread_id, lastReadPostId: r.last_read_post_id, readAt: iso(r.read_at) },
  }));
}

async function followedThreadsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("thread_follows as f")
    .innerJoin("threads as t", "t.id", "f.thread_id")
    .select(["f.thread_id", "t.title", "f.level", "f.created_at", "f.updated_at"])
    .where("f.member_id", "=", memberId)
    .where("f.thread_id", ">", after?.[0] ?? 0)
    .orderBy("f.thread_id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.thread_id],
    row: {
      threadId: r.thread_id,
      threadTitle: r.title,
      level: r.level satisfies FollowLevel,
      since: iso(r.created_at),
      changedAt: iso(r.updated_at),
    },
  }));
}

/** Posts the member saved for later (docs/decisions/0022): ids only, like helpful marks; the posts are others'. */
async function savedPostsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("bookmarks")
    .select(["id", "post_id", "created_at"])
    .where("member_id", "=", memberId)
    .where("id", ">", after?.[0] ?? 0)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ cursor: [r.id], row: { postId: r.post_id, savedAt: iso(r.created_at) } }));
}

/**
 * Pictures and files the member sent (docs/decisions/0036), as processed and served: their addresses (a link
 * works as long as a post shows the file, or it is the profile picture), never the original bytes, which are
 * not kept.
 */
async function uploadsPage(memberId: number, after: Cursor | null, limit: number, site: string) {
  const rows = await getDb()
    .selectFrom("uploads")
    .select(["id", "purpose", "kind", "hash", "ext", "original_name", "byte_size", "created_at", "removed_at"])
    .where("member_id", "=", memberId)
    .where("id", ">", after?.[0] ?? 0)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.id],
    row: {
      url: `${site}/uploads/${r.hash}.${r.ext}`,
      purpose: r.purpose,
      kind: r.kind,
      name: r.original_name,
      bytes: r.byte_size,
      sentAt: iso(r.created_at),
      removedByModeratorAt: r.removed_at === null ? null : iso(r.removed_at),
    },
  }));
}

/** Where the member is signed in: when each session began and when it ends (never its id). */
async function sessionsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("sessions")
    .select(["id", "created_at", "expires_at"])
    .where("member_id", "=", memberId)
    .where(pastTimeAndId("created_at", "id", after))
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  // The id orders the page and never leaves this function: the export names no session. It is text, the one
  // cursor that is not all numbers; the export loop only hands it back here.
  return rows.map((r) => ({
    cursor: [r.created_at, r.id] as unknown as Cursor,
    row: { createdAt: iso(r.created_at), expiresAt: iso(r.expires_at) },
  }));
}

/** Suspensions of the account, as the member was told of them. */
async function suspensionsPage(memberId: number, after: Cursor | null, limit: number) {
  const rows = await getDb()
    .selectFrom("suspensions")
    .select(["id", "reason", "starts_at", "ends_at", "lifted_at"])
    .where("member_id", "=", memberId)
    .where("id", ">", after?.[0] ?? 0)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    cursor: [r.id],
    row: { reason: r.reason, startsAt: iso(r.starts_at), endsAt: iso(r.ends_at), liftedAt: iso(r.lifted_at) },
  }));
}
