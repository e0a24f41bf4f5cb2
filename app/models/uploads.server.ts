import { getDb, type Executor } from "~db/client.server";
import type { UploadKind, UploadPurpose } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import { logError } from "~/lib/log.server";
import {
  MarkdownRefusedError,
  renderMarkdownBounded,
  type RenderedMarkdown,
  type RenderMarkdownOptions,
} from "~/lib/markdown-bounded.server";
import { processUpload, UploadRefusedError, type StoredFile } from "~/lib/upload-processing.server";
import { getUploadStore } from "~/lib/upload-store.server";
import { STANDING_COLUMNS, standingRefusal, toAccountStanding } from "./account-standing.server";
import { logAction } from "./audit-log.server";
import { getActiveSuspension } from "./members-moderation.server";
import { invalidateAllPages, invalidatePostPages } from "./page-invalidation.server";
import { getReplyTarget } from "./post-context.server";
import { newMemberLimits } from "./rate-limits.server";
import { tr } from "~/lib/translate";

// Pictures and files in posts, and profile pictures (issue 17, docs/decisions/0036). The rules:
// - A member sends a file; it is processed (lib/upload-processing), stored by the hash of what is served
//   (lib/upload-store) and recorded here as theirs. Until a post shows it, only they can fetch it.
// - A post may show only its author's own uploads, named in its Markdown as /uploads/<hash>.<ext>; saving the
//   post links them to it (post_uploads), for every version of its words, so its history keeps its pictures.
// - A file is served to whoever may see one of the posts that show it (the thread page's own rule, round
//   answers withheld and hidden posts included), to everyone when it is a member's profile picture, and to its
//   uploader. A moderator's removal takes it from everyone, and from the posts' words.
// - Nothing a post shows is deleted; uploads no post came to show are, after a day.

const DAY = 24 * 60 * 60 * 1000;
/** How many different uploads one post may show. */
export const UPLOADS_PER_POST_MAX = 20;
/** Uploads no post shows are kept this long (a composer may still be open), then removed. */
export const UNUSED_UPLOAD_TTL_MS = DAY;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Per member and rolling day: what may be sent (counted before processing) and how many files. */
export function uploadQuota(isNewMember: boolean): { bytes: number; files: number } {
  return isNewMember
    ? {
        bytes: envNumber("NEW_MEMBER_UPLOAD_MB_PER_DAY", 20) * 1024 * 1024,
        files: envNumber("NEW_MEMBER_UPLOADS_PER_DAY", 10),
      }
    : { bytes: envNumber("UPLOAD_MB_PER_DAY", 100) * 1024 * 1024, files: envNumber("UPLOADS_PER_DAY", 60) };
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
};

/** `/uploads/<hash>.<ext>` where a text names an upload: not inside another site's address. */
const UPLOAD_REFERENCE = /(?<![\w.:/%-])\/uploads\/([0-9a-f]{64}\.(?:jpg|png|webp|gif|pdf))\b/g;

/** The upload names a Markdown text refers to, each once, in order. */
export function uploadNamesIn(source: string): string[] {
  return [...new Set(Array.from(source.matchAll(UPLOAD_REFERENCE), (match) => match[1]!))];
}

export function uploadPath(name: string): string {
  return `/uploads/${name}`;
}

/** An upload as the composer and the JSON answer show it. */
export interface UploadView {
  id: number;
  kind: UploadKind;
  name: string;
  url: string;
  thumbnailUrl: string | null;
  width: number | null;
  height: number | null;
  originalName: string;
}

/** The Markdown that shows an upload: a picture with its description, or a link to a file under its name. */
export function uploadMarkdown(upload: Pick<UploadView, "kind" | "url" | "originalName">, alt: string): string {
  const escape = (text: string) =>
    text
      .replace(/[\\[\]]/g, "\\$&")
      .replace(/\s+/g, " ")
      .trim();
  return upload.kind === "image"
    ? `![${escape(alt)}](${upload.url})`
    : `[${escape(upload.originalName) || tr("composer:upload.downloadFile")} (PDF)](${upload.url})`;
}

export class UploadReferenceError extends MarkdownRefusedError {
  override name = "UploadReferenceError";
  constructor(key: string, values: Record<string, unknown> = {}) {
    super(tr(key, values), { key, values });
  }
}

/** An uploaded picture with no description: screen readers would have nothing to say of it. */
export class MissingAltTextError extends MarkdownRefusedError {
  override name = "MissingAltTextError";
  constructor(count: number) {
    super(tr("composer:markdown.missingAlt", { count }), { key: "composer:markdown.missingAlt", values: { count } });
  }
}

type UploadRow = {
  id: number;
  member_id: number;
  purpose: UploadPurpose;
  kind: UploadKind;
  hash: string;
  ext: string;
  width: number | null;
  height: number | null;
  thumb_hash: string | null;
  thumb_ext: string | null;
  original_name: string;
  removed_at: number | null;
};

const UPLOAD_COLUMNS = [
  "id",
  "member_id",
  "purpose",
  "kind",
  "hash",
  "ext",
  "width",
  "height",
  "thumb_hash",
  "thumb_ext",
  "original_name",
  "removed_at",
] as const;

function splitName(name: string): { hash: string; ext: string } {
  const dot = name.indexOf(".");
  return { hash: name.slice(0, dot), ext: name.slice(dot + 1) };
}

function toView(row: UploadRow): UploadView {
  const name = `${row.hash}.${row.ext}`;
  return {
    id: row.id,
    kind: row.kind,
    name,
    url: uploadPath(name),
    thumbnailUrl: row.thumb_hash ? uploadPath(`${row.thumb_hash}.${row.thumb_ext}`) : null,
    width: row.width,
    height: row.height,
    originalName: row.original_name,
  };
}

/** A member's uploads for one purpose (their posts, or their profile picture). */
function uploadsOf(db: Executor, memberId: number, purpose: UploadPurpose) {
  return db
    .selectFrom("uploads")
    .select(UPLOAD_COLUMNS)
    .where("member_id", "=", memberId)
    .where("purpose", "=", purpose);
}

/** The author's own post uploads among `names` (removed ones too: the caller says why they can't be shown). */
async function ownPostUploads(db: Executor, authorId: number, names: string[]): Promise<UploadRow[]> {
  if (!names.length) return [];
  const hashes = names.map((name) => splitName(name).hash);
  const rows = await uploadsOf(db, authorId, "post").where("hash", "in", hashes).execute();
  return rows.filter((row) => names.includes(`${row.hash}.${row.ext}`));
}

/**
 * A post's words as HTML, with the author's uploads in it shown at their size. Refused (UploadReferenceError,
 * a MarkdownRefusedError, so every composer shows it next to the text) when the text names an upload that is
 * not the author's or that a moderator removed, or too many; MissingAltTextError when a picture has no
 * description. The one renderer of every post (threads, replies, edits, round answers, prompts, previews).
 */
export async function renderPostBody(
  authorId: number,
  source: string,
  options: { linkMentions?: boolean } = {},
  db: Executor = getDb(),
): Promise<RenderedMarkdown> {
  const names = uploadNamesIn(source);
  if (names.length > UPLOADS_PER_POST_MAX)
    throw new UploadReferenceError("composer:markdown.tooManyUploads", {
      max: UPLOADS_PER_POST_MAX,
      count: names.length,
    });
  const rows = await ownPostUploads(db, authorId, names);
  const usable = new Map(rows.filter((row) => row.removed_at === null).map((row) => [`${row.hash}.${row.ext}`, row]));
  const removed = rows.filter((row) => row.removed_at !== null).map((row) => `${row.hash}.${row.ext}`);
  const unknown = names.filter((name) => !usable.has(name) && !removed.includes(name));
  if (removed.length)
    throw new UploadReferenceError("composer:markdown.uploadRemoved", { path: uploadPath(removed[0]!) });
  if (unknown.length)
    throw new UploadReferenceError("composer:markdown.uploadNotYours", { path: uploadPath(unknown[0]!) });
  const uploads: NonNullable<RenderMarkdownOptions["uploads"]> = {};
  for (const [name, row] of usable) if (row.kind === "image") uploads[name] = { width: row.width, height: row.height };
  const rendered = await renderMarkdownBounded(source, { ...options, uploads });
  const undescribed = new Set(rendered.images.filter((image) => !image.alt).map((image) => image.name));
  if (undescribed.size) throw new MissingAltTextError(undescribed.size);
  return rendered;
}

/**
 * Links a post to the uploads its words name (inside the transaction that saves them). Links are only added,
 * never taken away by an edit: the versions kept in the post's history show them too.
 */
export async function linkPostUploads(trx: Executor, post: { id: number; authorId: number; source: string }) {
  const rows = await ownPostUploads(trx, post.authorId, uploadNamesIn(post.source));
  if (!rows.length) return;
  await trx
    .insertInto("post_uploads")
    .values(rows.map((row) => ({ post_id: post.id, upload_id: row.id })))
    .onConflict((oc) => oc.columns(["post_id", "upload_id"]).doNothing())
    .execute();
}

/**
 * Why this member may not send a file now, or null: the same standing as publishing (a confirmed address, an
 * approved account) and the daily quota, smaller for new members.
 */
export async function uploadRefusal(memberId: number, now = Date.now(), db: Executor = getDb()) {
  const member = await db
    .selectFrom("members")
    .select([...STANDING_COLUMNS, "created_at", "deleted_at"])
    .where("id", "=", memberId)
    .executeTakeFirst();
  if (!member || member.deleted_at !== null) return new UploadRefusedError(tr("composer:upload.noAccount"), 403);
  const standing = standingRefusal(toAccountStanding(member));
  if (standing) return new UploadRefusedError(standing.message, 403);
  if (await getActiveSuspension(memberId, db, now)) return new UploadRefusedError(tr("composer:upload.suspended"), 403);
  if (member.role !== "member") return null;
  const quota = uploadQuota(member.created_at + newMemberLimits().newForMs > now);
  const used = await db
    .selectFrom("uploads")
    .select((eb) => [eb.fn.countAll<number>().as("files"), eb.fn.sum<number>("received_bytes").as("bytes")])
    .where("member_id", "=", memberId)
    .where("created_at", ">", now - DAY)
    .executeTakeFirstOrThrow();
  if (Number(used.files) >= quota.files || Number(used.bytes ?? 0) >= quota.bytes)
    return new UploadRefusedError(
      tr("composer:upload.dailyQuota", { files: quota.files, megabytes: Math.round(quota.bytes / 1024 / 1024) }),
      429,
    );
  return null;
}

/**
 * Takes a file a member sent: checks they may, processes it, stores the files and records the upload. A
 * profile picture replaces the member's previous one. Throws UploadRefusedError with a message for them.
 */
export async function saveUpload(input: {
  memberId: number;
  purpose: UploadPurpose;
  bytes: Buffer;
  originalName: string;
  now?: number;
}): Promise<UploadView> {
  const now = input.now ?? Date.now();
  const refused = await uploadRefusal(input.memberId, now);
  if (refused) throw refused;
  const processed = await processUpload(input.bytes, input.purpose);
  const store = getUploadStore();
  // Files first, then the row: a crash in between leaves a file no row names, never a row without its file.
  const files: StoredFile[] = processed.kind === "image" ? [processed.main, processed.thumbnail] : [processed.main];
  for (const file of files) await store.put(file.name, file.bytes);
  const thumbnail = processed.kind === "image" ? processed.thumbnail : null;
  const values = {
    member_id: input.memberId,
    purpose: input.purpose,
    kind: processed.kind,
    hash: processed.main.hash,
    ext: processed.main.ext,
    byte_size: processed.main.bytes.length,
    received_bytes: input.bytes.length,
    width: processed.main.width,
    height: processed.main.height,
    thumb_hash: thumbnail?.hash ?? null,
    thumb_ext: thumbnail?.ext ?? null,
    thumb_width: thumbnail?.width ?? null,
    thumb_height: thumbnail?.height ?? null,
    original_name: cleanFileName(input.originalName),
    created_at: now,
    removed_at: null,
    removed_by: null,
  };
  const { row, replaced } = await getDb()
    .transaction()
    .execute(async (trx) => {
      const replaced =
        input.purpose === "avatar"
          ? await trx
              .deleteFrom("uploads")
              .where("member_id", "=", input.memberId)
              .where("purpose", "=", "avatar")
              .returning(["hash", "ext", "thumb_hash", "thumb_ext"])
              .execute()
          : [];
      const row = await trx.insertInto("uploads").values(values).returning(UPLOAD_COLUMNS).executeTakeFirstOrThrow();
      return { row, replaced };
    });
  await removeUnusedFiles(replaced.flatMap(fileNamesOf));
  return toView(row);
}

/** A name safe to show and to offer as a download name: no path, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.slice(0, 120) || "file";
}

/** The member's own upload by its file name (what a composer carries between two submissions), if live. */
export async function findOwnUpload(memberId: number, name: string): Promise<UploadView | null> {
  const { hash, ext } = splitName(name);
  const row = await uploadsOf(getDb(), memberId, "post")
    .where("hash", "=", hash)
    .where("ext", "=", ext)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return row ? toView(row) : null;
}

/** A member's profile picture (its thumbnail's address), or null. */
export async function profilePicture(memberId: number): Promise<UploadView | null> {
  const row = await uploadsOf(getDb(), memberId, "avatar").where("removed_at", "is", null).executeTakeFirst();
  return row ? toView(row) : null;
}

/** A new profile picture, replacing the last: every page that shows the member's posts shows it. */
export async function changeProfilePicture(memberId: number, file: { bytes: Buffer; filename: string }) {
  await saveUpload({ memberId, purpose: "avatar", bytes: file.bytes, originalName: file.filename });
  invalidateAllPages();
}

/** Takes a member's profile picture down (their own choice). */
export async function removeProfilePicture(memberId: number): Promise<void> {
  const gone = await getDb()
    .deleteFrom("uploads")
    .where("member_id", "=", memberId)
    .where("purpose", "=", "avatar")
    .returning(["hash", "ext", "thumb_hash", "thumb_ext"])
    .execute();
  if (!gone.length) return;
  invalidateAllPages();
  await removeUnusedFiles(gone.flatMap(fileNamesOf));
}

/** What the server answers for /uploads/<name>: the file's type, whether shared caches may keep it, and so on. */
export interface UploadAccess {
  contentType: string;
  /** Everyone may see it (a visitor could): a browser may keep it. Else it is private to this viewer. */
  public: boolean;
  /** A PDF is only ever downloaded, under the name it was sent with. */
  downloadName: string | null;
}

/**
 * Whether `viewer` may fetch the file `name` (an upload's file or its thumbnail), by the rules at the top.
 * Null means not found, for a file that does not exist and for one this viewer may not see alike.
 */
export async function uploadAccess(name: string, viewer: Viewer | null): Promise<UploadAccess | null> {
  const { hash, ext } = splitName(name);
  const contentType = CONTENT_TYPES[ext];
  if (!contentType) return null;
  const db = getDb();
  const rows = await db
    .selectFrom("uploads")
    .select(UPLOAD_COLUMNS)
    .where((eb) =>
      eb.or([
        eb.and([eb("hash", "=", hash), eb("ext", "=", ext)]),
        eb.and([eb("thumb_hash", "=", hash), eb("thumb_ext", "=", ext)]),
      ]),
    )
    .where("removed_at", "is", null)
    .limit(50)
    .execute();
  if (!rows.length) return null;
  const downloadName = ext === "pdf" ? rows[0]!.original_name : null;
  const access = (isPublic: boolean): UploadAccess => ({ contentType, public: isPublic, downloadName });
  if (rows.some((row) => row.purpose === "avatar")) return access(true);
  const postIds = (
    await db
      .selectFrom("post_uploads")
      .select("post_id")
      .where(
        "upload_id",
        "in",
        rows.map((row) => row.id),
      )
      .orderBy("post_id")
      .limit(50)
      .execute()
  ).map((row) => row.post_id);
  // The thread page's own rule decides, post by post: first as anyone may see it, then as this viewer.
  for (const postId of postIds) if (await postShows(postId, null)) return access(true);
  if (!viewer) return null;
  if (rows.some((row) => row.member_id === viewer.id)) return access(false);
  for (const postId of postIds) if (await postShows(postId, viewer)) return access(false);
  return null;
}

async function postShows(postId: number, viewer: Viewer | null): Promise<boolean> {
  const target = await getReplyTarget(postId, viewer);
  return target !== null && target.post.html !== null;
}

function fileNamesOf(row: { hash: string; ext: string; thumb_hash: string | null; thumb_ext: string | null }) {
  const names = [`${row.hash}.${row.ext}`];
  if (row.thumb_hash) names.push(`${row.thumb_hash}.${row.thumb_ext}`);
  return names;
}

/**
 * Deletes from storage those of `names` that no upload row still names (another member may have sent the same
 * bytes: same hash, one file). Called after the rows are gone; a failure is logged, and the file is left for
 * the cleaning to find.
 */
async function removeUnusedFiles(names: string[]): Promise<void> {
  const store = getUploadStore();
  for (const name of new Set(names)) {
    const { hash, ext } = splitName(name);
    const stillNamed = await getDb()
      .selectFrom("uploads")
      .select("id")
      .where((eb) =>
        eb.or([
          eb.and([eb("hash", "=", hash), eb("ext", "=", ext), eb("removed_at", "is", null)]),
          eb.and([eb("thumb_hash", "=", hash), eb("thumb_ext", "=", ext), eb("removed_at", "is", null)]),
        ]),
      )
      .executeTakeFirst();
    if (stillNamed) continue;
    try {
      await store.remove(name);
    } catch (error) {
      logError(error);
    }
  }
}

const REMOVED_PICTURE = "<em>[Picture removed by a moderator]</em>";
const REMOVED_FILE = "<em>[File removed by a moderator]</em>";

/** The HTML this module's renderer wrote for an upload, replaced by a note that it is gone. */
export function withoutUpload(html: string, name: string, note: { picture: string; file: string }): string {
  const escaped = name.replace(/\./g, "\\.");
  return html
    .replace(new RegExp(`<img src="/uploads/${escaped}"[^>]*>`, "g"), note.picture)
    .replace(new RegExp(`<a href="/uploads/${escaped}"[^>]*>[\\s\\S]*?</a>`, "g"), note.file);
}

/**
 * A moderator takes one upload down, everywhere at once: it is served to no one from now on, and the posts
 * that showed it (every version kept) say a moderator removed it. Logged, with the reason, against the first
 * post that showed it.
 */
export const REMOVE_REASON_MAX = 500;

export async function removeUpload(input: {
  moderatorId: number;
  uploadId: number;
  /** The post the moderator is looking at: the upload must be one it shows. */
  postId?: number;
  reason: string;
  now?: number;
}): Promise<{ ok: true } | { ok: false; field: "reason" | "form"; message: string }> {
  const now = input.now ?? Date.now();
  const reason = input.reason.trim();
  if (!reason || reason.length > REMOVE_REASON_MAX)
    return {
      ok: false,
      field: "reason",
      message: tr("composer:upload.removeReason", { max: REMOVE_REASON_MAX }),
    };
  if (!Number.isSafeInteger(input.uploadId) || input.uploadId < 1)
    return { ok: false, field: "form", message: tr("composer:upload.notInPost") };
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom("uploads")
        .select(UPLOAD_COLUMNS)
        .where("id", "=", input.uploadId)
        .$if(input.postId !== undefined, (q) =>
          q.where("id", "in", trx.selectFrom("post_uploads").select("upload_id").where("post_id", "=", input.postId!)),
        )
        .executeTakeFirst();
      if (!row || row.removed_at !== null) return null;
      await trx
        .updateTable("uploads")
        .set({ removed_at: now, removed_by: input.moderatorId })
        .where("id", "=", row.id)
        .execute();
      const posts = await trx.selectFrom("post_uploads").select("post_id").where("upload_id", "=", row.id).execute();
      const postIds = posts.map((post) => post.post_id);
      const name = `${row.hash}.${row.ext}`;
      for (const postId of postIds) await rewritePostHtml(trx, postId, name);
      await logAction(trx, {
        actorId: input.moderatorId,
        action: "upload.remove",
        targetType: postIds.length ? "post" : "member",
        targetId: postIds[0] ?? row.member_id,
        subjectMemberId: row.member_id,
        reason,
        before: { upload: name, name: row.original_name },
        now,
      });
      return { row, postIds };
    });
  if (!result) return { ok: false, field: "form", message: tr("composer:upload.notInPost") };
  for (const postId of result.postIds) await invalidatePostPages(postId);
  await removeUnusedFiles(fileNamesOf(result.row));
  return { ok: true };
}

async function rewritePostHtml(trx: Executor, postId: number, name: string): Promise<void> {
  const note = { picture: REMOVED_PICTURE, file: REMOVED_FILE };
  const post = await trx.selectFrom("posts").select("body_html").where("id", "=", postId).executeTakeFirst();
  if (post) {
    await trx
      .updateTable("posts")
      .set({ body_html: withoutUpload(post.body_html, name, note) })
      .where("id", "=", postId)
      .execute();
  }
  const revisions = await trx
    .selectFrom("post_revisions")
    .select(["id", "body_html"])
    .where("post_id", "=", postId)
    .execute();
  for (const revision of revisions) {
    if (revision.body_html === null) continue;
    const html = withoutUpload(revision.body_html, name, note);
    if (html !== revision.body_html)
      await trx.updateTable("post_revisions").set({ body_html: html }).where("id", "=", revision.id).execute();
  }
}

/** The uploads a moderator sees beside a post, to remove one. */
export async function uploadsOfPost(postId: number): Promise<UploadView[]> {
  const rows = await getDb()
    .selectFrom("post_uploads as pu")
    .innerJoin("uploads as u", "u.id", "pu.upload_id")
    .select(UPLOAD_COLUMNS.map((column) => `u.${column}` as const))
    .where("pu.post_id", "=", postId)
    .where("u.removed_at", "is", null)
    .orderBy("u.id")
    .execute();
  return rows.map(toView);
}

/**
 * Account deletion (decision 0016): inside its transaction, the member's upload rows go (their posts, if kept,
 * say the pictures were removed); the names of their files are returned for removeFilesAfterErasure.
 */
export async function eraseMemberUploads(trx: Executor, memberId: number): Promise<string[]> {
  const rows = await trx.selectFrom("uploads").select(UPLOAD_COLUMNS).where("member_id", "=", memberId).execute();
  if (!rows.length) return [];
  const ids = rows.map((row) => row.id);
  const links = await trx
    .selectFrom("post_uploads")
    .select(["post_id", "upload_id"])
    .where("upload_id", "in", ids)
    .execute();
  const note = { picture: "<em>[Picture removed]</em>", file: "<em>[File removed]</em>" };
  for (const link of links) {
    const row = rows.find((candidate) => candidate.id === link.upload_id)!;
    const post = await trx.selectFrom("posts").select("body_html").where("id", "=", link.post_id).executeTakeFirst();
    if (post)
      await trx
        .updateTable("posts")
        .set({ body_html: withoutUpload(post.body_html, `${row.hash}.${row.ext}`, note) })
        .where("id", "=", link.post_id)
        .execute();
  }
  await trx.deleteFrom("post_uploads").where("upload_id", "in", ids).execute();
  await trx.deleteFrom("uploads").where("id", "in", ids).execute();
  return rows.flatMap(fileNamesOf);
}

/** After the erasing transaction commits: the files themselves (those no one else's upload names). */
export async function removeFilesAfterErasure(names: string[]): Promise<void> {
  await removeUnusedFiles(names);
}

/**
 * Removes uploads that no post came to show within a day (a composer closed without posting), unless one of
 * the member's drafts still names them. Returns how many went. Run by the server now and then.
 */
export async function cleanUnusedUploads(now = Date.now()): Promise<number> {
  const db = getDb();
  const candidates = await db
    .selectFrom("uploads as u")
    .select(UPLOAD_COLUMNS.map((column) => `u.${column}` as const))
    .where("u.purpose", "=", "post")
    .where("u.created_at", "<", now - UNUSED_UPLOAD_TTL_MS)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("post_uploads as pu").select("pu.post_id").whereRef("pu.upload_id", "=", "u.id"))),
    )
    .orderBy("u.id")
    .limit(500)
    .execute();
  let removed = 0;
  for (const row of candidates) {
    const name = `${row.hash}.${row.ext}`;
    const inDraft = await db
      .selectFrom("drafts")
      .select("id")
      .where("member_id", "=", row.member_id)
      .where("body_source", "like", `%${name}%`)
      .executeTakeFirst();
    if (inDraft) continue;
    const gone = await db
      .deleteFrom("uploads")
      .where("id", "=", row.id)
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("post_uploads as pu").select("pu.post_id").where("pu.upload_id", "=", row.id))),
      )
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) continue;
    removed++;
    await removeUnusedFiles(fileNamesOf(row));
  }
  return removed;
}
