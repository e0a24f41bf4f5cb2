import { sql } from "kysely";
import { getDb, scrubErasedData, type Executor } from "~db/client.server";
import { FORMER_MEMBER_NAME, formerMemberEmail, formerMemberHandle } from "~/lib/former-member";
import { logError } from "~/lib/log.server";
import { dropExpiredReservations, HANDLE_RESERVATION_MS } from "./members.server";
import { invalidateAllPages } from "./page-invalidation.server";
import { eraseMemberUploads, removeFilesAfterErasure } from "./uploads.server";
import { withoutQuotesOf } from "./round-synthesis.server";
import { compactSearchIndex } from "./search-index.server";
import { tr } from "~/lib/translate";

// A member deletes their account (issue 13, docs/decisions/0016). One transaction erases what is personal and
// private, and keeps the conversation whole: the member row stays (posts, audit rows and round answers point
// at it) as "Former member", with no email, password, profile or handle; their posts stay under that name or
// are removed. After the commit, cached pages go and the engine drops earlier versions of what was erased.
//
// Tables other branches add (email tokens, mail jobs) are cleared in eraseActivity; uploads in eraseUploads
// and their files in afterCommit.

/** What becomes of the member's posts: kept under "Former member", or removed. */
export type PostsChoice = "keep" | "remove";

export type AccountDeletionResult =
  { ok: true; postsRemoved: number; postsLeftAsPlaceholders: number } | { ok: false; message: string };

/** The title a thread removed with its author's account is left with (the row stays; nobody sees it). */
const REMOVED_THREAD_TITLE = "Removed thread";

/** Keys of audit before/after values that hold personal data about the row's member; their values go. */
const PERSONAL_KEYS = new Set([
  "email",
  "handle",
  "name",
  "displayName",
  "display_name",
  "bio",
  "bioSource",
  "bio_source",
  "bioHtml",
  "bio_html",
  "organization",
  "location",
  "links",
  "fields",
  "fieldsOfPractice",
  "pseudonym",
]);
export const ERASED_VALUE = "(erased)";

export async function deleteAccount(input: {
  memberId: number;
  posts: PostsChoice;
  now?: number;
}): Promise<AccountDeletionResult> {
  const now = input.now ?? Date.now();
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const member = await trx
        .selectFrom("members")
        .select(["id", "handle", "deleted_at"])
        .where("id", "=", input.memberId)
        .executeTakeFirst();
      if (!member || member.deleted_at !== null) return null;
      const posts = input.posts === "remove" ? await erasePosts(trx, member.id, now) : { removed: 0, placeholders: 0 };
      await withdrawRoundAnswers(trx, member.id, input.posts, now);
      await eraseActivity(trx, member.id);
      await blankAuditValues(trx, member.id);
      await anonymizeMember(trx, member, now);
      return { posts, files: await eraseMemberUploads(trx, member.id) };
    });
  if (!result) return { ok: false, message: tr("settings:account.noSuchAccount") };
  await afterCommit(result.files);
  return { ok: true, postsRemoved: result.posts.removed, postsLeftAsPlaceholders: result.posts.placeholders };
}

/**
 * After the commit: every cached page could show the member's name; the engine's earlier page versions could
 * hold what was erased. The member's uploaded files go here, not in the transaction, as files can't roll
 * back; a crash in between leaves files no row points at, which the cleaning of unreferenced uploads removes.
 */
async function afterCommit(uploadedFiles: string[]): Promise<void> {
  await removeFilesAfterErasure(uploadedFiles);
  invalidateAllPages();
  try {
    if (!(await scrubErasedData())) logError(new Error("The WAL could not be truncated after an account deletion."));
  } catch (error) {
    logError(error);
  }
}

/** Private rows of the member's own, and counters their helpful marks were part of. */
async function eraseActivity(trx: Executor, memberId: number): Promise<void> {
  for (const table of [
    "member_fields",
    "sessions",
    "drafts",
    "topic_follows",
    "thread_follows",
    // How far they read each thread (docs/decisions/0020).
    "thread_reads",
    // What they saved for later (docs/decisions/0022).
    "bookmarks",
    "notifications",
    "digest_sends",
    // Moderators' private notes about the member: free text about a person who is no longer here.
    "member_notes",
    // Links sent to their address (verification, reset, a new address) and mail not yet sent to them.
    "email_tokens",
    "mail_jobs",
  ] as const) {
    await trx.deleteFrom(table).where("member_id", "=", memberId).execute();
  }
  // Helpful marks: each post and opening post's thread counts one fewer, as when a mark is taken back.
  const marked = trx.selectFrom("post_reactions").select("post_id").where("member_id", "=", memberId);
  await trx
    .updateTable("posts")
    .set((eb) => ({ helpful_count: eb("helpful_count", "-", 1) }))
    .where("id", "in", marked)
    .execute();
  await trx
    .updateTable("threads")
    .set((eb) => ({ helpful_count: eb("helpful_count", "-", 1) }))
    .where("id", "in", trx.selectFrom("posts").select("thread_id").where("depth", "=", 0).where("id", "in", marked))
    .execute();
  await trx.deleteFrom("post_reactions").where("member_id", "=", memberId).execute();
  // Flags they made: closed ones go; open ones stay for moderators to review (a report must not vanish
  // because its reporter left), without the note they wrote.
  await trx.deleteFrom("flags").where("member_id", "=", memberId).where("resolved_at", "is not", null).execute();
  await trx.updateTable("flags").set({ note: "" }).where("member_id", "=", memberId).execute();
}

/** The member row keeps its id and nothing else of the person; their handle is kept from others for a while. */
async function anonymizeMember(trx: Executor, member: { id: number; handle: string }, now: number): Promise<void> {
  await dropExpiredReservations(trx, now);
  await trx
    .insertInto("reserved_handles")
    .values({ handle: member.handle, reserved_until: now + HANDLE_RESERVATION_MS, created_at: now })
    .onConflict((oc) => oc.column("handle").doUpdateSet({ reserved_until: now + HANDLE_RESERVATION_MS }))
    .execute();
  await trx
    .updateTable("members")
    .set({
      handle: formerMemberHandle(member.id),
      email: formerMemberEmail(member.id),
      display_name: FORMER_MEMBER_NAME,
      // No argon2 hash: no password verifies against it (and log-in skips deleted accounts anyway).
      password_hash: "",
      role: "member",
      organization: "",
      location: "",
      bio_source: "",
      bio_html: "",
      digest_frequency: "none",
      // A chosen time zone says roughly where someone lives.
      time_zone: null,
      deleted_at: now,
      updated_at: now,
      password_changed_at: now,
    })
    .where("id", "=", member.id)
    .execute();
}

/**
 * Audit rows about the member (subject_member_id: every action on a member, their posts or their threads sets
 * it) keep their action, actor, target, reason and date; in their before/after values, personal fields
 * (PERSONAL_KEYS) are replaced by ERASED_VALUE. Rows the member made as a moderator are about others and stay
 * as they are (their actor now reads "Former member").
 */
async function blankAuditValues(trx: Executor, memberId: number): Promise<void> {
  const rows = await trx
    .selectFrom("audit_log")
    .select(["id", "before_json", "after_json"])
    .where("subject_member_id", "=", memberId)
    .execute();
  for (const row of rows) {
    const before = blankJson(row.before_json);
    const after = blankJson(row.after_json);
    if (before === row.before_json && after === row.after_json) continue;
    await trx
      .updateTable("audit_log")
      .set({ before_json: before, after_json: after })
      .where("id", "=", row.id)
      .execute();
  }
}

function blankJson(json: string | null): string | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  const blanked = JSON.stringify(blankPersonal(value));
  return blanked === JSON.stringify(value) ? json : blanked;
}

function blankPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blankPersonal);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, PERSONAL_KEYS.has(key) ? ERASED_VALUE : blankPersonal(v)]),
  );
}

/**
 * The member's round answers leave every research output from now on (withdrawn_at), and every unpublished
 * synthesis draft loses its quotes of them. The rows stay, so that participant labels, numbered over every
 * answer ever given, never move for anyone else. With the posts removed, their pseudonyms go too, each
 * replaced by a stand-in that keeps distinct pseudonyms distinct (the labels count them apart).
 */
async function withdrawRoundAnswers(trx: Executor, memberId: number, posts: PostsChoice, now: number) {
  const answers = await trx
    .selectFrom("round_answers")
    .select(["post_id", "round_id", "pseudonym"])
    .where("member_id", "=", memberId)
    .orderBy("created_at")
    .orderBy("post_id")
    .execute();
  if (!answers.length) return;
  await trx.updateTable("round_answers").set({ withdrawn_at: now }).where("member_id", "=", memberId).execute();
  if (posts === "remove") {
    const pseudonyms = [...new Set(answers.flatMap((a) => (a.pseudonym === null ? [] : [a.pseudonym])))];
    for (const [i, pseudonym] of pseudonyms.entries()) {
      await trx
        .updateTable("round_answers")
        .set({ pseudonym: `Withdrawn ${i + 1}` })
        .where("member_id", "=", memberId)
        .where("pseudonym", "=", pseudonym)
        .execute();
    }
  }
  const postIds = new Set(answers.map((a) => a.post_id));
  const drafts = await trx
    .selectFrom("rounds")
    .select(["id", "synthesis_source"])
    .where("id", "in", [...new Set(answers.map((a) => a.round_id))])
    .where("synthesis_published_at", "is", null)
    .where("synthesis_source", "is not", null)
    .execute();
  for (const draft of drafts) {
    const source = withoutQuotesOf(draft.synthesis_source ?? "", postIds);
    if (source !== draft.synthesis_source)
      await trx.updateTable("rounds").set({ synthesis_source: source }).where("id", "=", draft.id).execute();
  }
}

/**
 * Removes the member's posts, all in set-wise statements (a member may have written 100,000). Every post's
 * words, history and marks go. A post that others' replies hang on (a reply of someone else, not removed,
 * below it) stays as a placeholder, so no conversation breaks; a post with nothing of others below is removed
 * entirely: with its subtree it leaves every page (descendant_count 0), and an opening post takes its thread
 * with it. The opening posts of round prompts and syntheses stay as written: they belong to the round, written
 * in a moderator's role. Counters move with what they count; the search index loses the posts, down to the
 * words FTS5 would otherwise keep in its segments (compactSearchIndex).
 */
async function erasePosts(
  trx: Executor,
  memberId: number,
  now: number,
): Promise<{ removed: number; placeholders: number }> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS erased_posts (
    post_id INTEGER PRIMARY KEY, thread_id INTEGER NOT NULL, depth INTEGER NOT NULL, path TEXT NOT NULL,
    others_below INTEGER NOT NULL, was_visible INTEGER NOT NULL)`.execute(trx);
  await sql`DELETE FROM erased_posts`.execute(trx);
  await sql`
    INSERT INTO erased_posts (post_id, thread_id, depth, path, others_below, was_visible)
    SELECT p.id, p.thread_id, p.depth, p.path,
      CASE WHEN EXISTS (SELECT 1 FROM posts q WHERE q.thread_id = p.thread_id AND q.path > p.path
        AND q.path < (p.path || '~') AND q.author_id != ${memberId} AND q.deleted_at IS NULL) THEN 1 ELSE 0 END,
      CASE WHEN p.deleted_at IS NULL AND p.hidden_at IS NULL THEN 1 ELSE 0 END
    FROM posts p
    WHERE p.author_id = ${memberId}
      AND NOT (p.depth = 0 AND p.thread_id IN (SELECT thread_id FROM round_prompts
        UNION ALL SELECT synthesis_thread_id FROM rounds WHERE synthesis_thread_id IS NOT NULL))`.execute(trx);
  await moveCounters(trx);
  await sql`
    UPDATE posts SET body_source = '', body_html = '', excerpt = '', helpful_count = 0, deleted_at = coalesce(deleted_at, ${now})
    WHERE id IN (SELECT post_id FROM erased_posts)`.execute(trx);
  // Nothing of a removed post's subtree is shown (others' posts there were removed already): all of it leaves.
  await sql`
    UPDATE posts SET descendant_count = 0 WHERE id IN (
      SELECT q.id FROM erased_posts e
      JOIN posts q ON q.thread_id = e.thread_id AND q.path >= e.path AND q.path < (e.path || '~')
      WHERE e.others_below = 0)`.execute(trx);
  await sql`
    UPDATE threads SET deleted_at = coalesce(deleted_at, ${now}), title = ${REMOVED_THREAD_TITLE}, slug = 'removed',
      helpful_count = 0, pinned_at = NULL, featured_at = NULL
    WHERE id IN (SELECT thread_id FROM erased_posts WHERE depth = 0 AND others_below = 0)`.execute(trx);
  await sql`UPDATE threads SET helpful_count = 0
    WHERE id IN (SELECT thread_id FROM erased_posts WHERE depth = 0 AND others_below = 1)`.execute(trx);
  const erased = sql`SELECT post_id FROM erased_posts`;
  await sql`DELETE FROM post_revisions WHERE post_id IN (${erased})`.execute(trx);
  await sql`DELETE FROM post_reactions WHERE post_id IN (${erased})`.execute(trx);
  await sql`DELETE FROM search_index WHERE rowid IN (${erased})`.execute(trx);
  await compactSearchIndex(trx);
  // Others' notices of these posts point at nothing now; their flags on them are closed.
  await sql`DELETE FROM notifications WHERE post_id IN (${erased})`.execute(trx);
  await sql`UPDATE flags SET resolved_at = ${now}, outcome = 'removed'
    WHERE resolved_at IS NULL AND post_id IN (${erased})`.execute(trx);
  const counts = await sql<{ removed: number; placeholders: number }>`
    SELECT coalesce(sum(1 - others_below), 0) AS removed, coalesce(sum(others_below), 0) AS placeholders
    FROM erased_posts`.execute(trx);
  await sql`DELETE FROM erased_posts`.execute(trx);
  return { removed: Number(counts.rows[0]?.removed ?? 0), placeholders: Number(counts.rows[0]?.placeholders ?? 0) };
}

/**
 * Before the posts change: each thread counts its visible replies minus the member's, and each topic its
 * visible threads minus those leaving with their opening post.
 */
async function moveCounters(trx: Executor): Promise<void> {
  await sql`
    UPDATE threads SET reply_count = threads.reply_count - gone.n
    FROM (SELECT thread_id, count(*) AS n FROM erased_posts WHERE depth > 0 AND was_visible = 1 GROUP BY thread_id)
      AS gone
    WHERE threads.id = gone.thread_id`.execute(trx);
  await sql`
    UPDATE tags SET thread_count = tags.thread_count - gone.n
    FROM (SELECT tt.tag_id, count(*) AS n FROM thread_tags tt
      JOIN erased_posts e ON e.thread_id = tt.thread_id AND e.depth = 0 AND e.others_below = 0
      JOIN threads t ON t.id = tt.thread_id
      WHERE t.deleted_at IS NULL AND t.hidden_at IS NULL
      GROUP BY tt.tag_id) AS gone
    WHERE tags.id = gone.tag_id`.execute(trx);
}
