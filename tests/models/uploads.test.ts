// Pictures and files (issue 17, docs/decisions/0036): what is kept of what a member sends, which texts may
// show an upload, who may fetch one, and how uploads leave (a moderator's removal, the daily cleaning, an
// account's deletion). Each rule is tried from the side that would break it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import exifr from "exifr";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import type { Viewer } from "~/auth/viewer";
import { stopMarkdownWorkers } from "~/lib/markdown-bounded.server";
import { UploadRefusedError } from "~/lib/upload-processing.server";
import { deleteAccount } from "~/models/account-deletion.server";
import { exportLists } from "~/models/account-export-lists.server";
import { saveDraft } from "~/models/drafts.server";
import { setThreadHidden } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { deletePost, editPost } from "~/models/posts.server";
import {
  cleanUnusedUploads,
  MissingAltTextError,
  removeUpload,
  renderPostBody,
  saveUpload,
  uploadAccess,
  UploadReferenceError,
  uploadMarkdown,
  type UploadView,
} from "~/models/uploads.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import {
  oversizedJpeg,
  phoneJpeg,
  PHOTO_GPS,
  pixelBomb,
  smallPdf,
  smallPng,
  SVG_WITH_SCRIPT,
} from "../fixtures/images";

afterAll(async () => {
  await stopMarkdownWorkers();
  await closeDatabase();
});

const DAY = 24 * 60 * 60 * 1000;
const uploadsDir = () => join(dirname(process.env.DATABASE_PATH!), "uploads");
const fileOnDisk = (url: string) => {
  const name = url.replace("/uploads/", "");
  return join(uploadsDir(), name.slice(0, 2), name);
};
const viewerOf = (member: TestMember, role: Viewer["role"] = "member"): Viewer => ({
  id: member.id,
  handle: member.handle,
  displayName: member.displayName,
  role,
});

async function upload(member: TestMember, bytes: Promise<Buffer> | Buffer, name = "photo.jpg", now?: number) {
  return saveUpload({ memberId: member.id, purpose: "post", bytes: await bytes, originalName: name, now });
}

async function storyShowing(author: TestMember, image: UploadView, alt = "The block meeting, in the church hall") {
  const thread = await createTestThread({
    authorId: author.id,
    body: `Our first meeting.\n\n${uploadMarkdown(image, alt)}`,
  });
  return { thread, postId: await openingPostId(thread.id) };
}

describe("what is kept of a photo", () => {
  it("keeps no metadata at all (no GPS, camera or owner), turns it upright and makes a thumbnail", async () => {
    const member = await createMember();
    const original = await phoneJpeg(300, 200);
    const before = await exifr.parse(original, true);
    expect(before.latitude).toBeCloseTo(PHOTO_GPS.latitude, 1);
    const image = await upload(member, original);
    expect(image.kind).toBe("image");
    expect(image.url).toMatch(/^\/uploads\/[0-9a-f]{64}\.jpg$/);
    // Orientation 6 (on its side): the stored picture is upright, so its width and height swap.
    expect([image.width, image.height]).toEqual([200, 300]);
    // exifr reads JPEG (the picture); sharp reads both it and the WebP thumbnail.
    expect(await exifr.parse(readFileSync(fileOnDisk(image.url)), true)).toBeUndefined();
    for (const url of [image.url, image.thumbnailUrl!]) {
      const stored = readFileSync(fileOnDisk(url));
      const metadata = await sharp(stored).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.iptc).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(stored.includes(Buffer.from("Resident Name"))).toBe(false);
    }
  });

  it("refuses SVG, what is not a picture, a pixel bomb and a file past 10 MB, each with a message", async () => {
    const member = await createMember();
    const refusal = (bytes: Buffer | Promise<Buffer>) =>
      upload(member, bytes).then(
        () => null,
        (error: unknown) => error,
      );
    const svg = await refusal(SVG_WITH_SCRIPT);
    expect(svg).toBeInstanceOf(UploadRefusedError);
    expect(svg).toMatchObject({ status: 415, message: expect.stringContaining("SVG") });
    // A name and a declared type say nothing: HTML named .png is read as what it is.
    expect(await refusal(Buffer.from("<html><script>alert(1)</script></html>"))).toMatchObject({ status: 415 });
    expect(await refusal(pixelBomb())).toMatchObject({
      status: 413,
      message: expect.stringContaining("million pixels"),
    });
    expect(await refusal(oversizedJpeg(15 * 1024 * 1024))).toMatchObject({
      status: 413,
      message: expect.stringContaining("10 MB"),
    });
    expect(await getDb().selectFrom("uploads").select("id").where("member_id", "=", member.id).execute()).toEqual([]);
  });

  it("keeps a PDF as it came, as a document", async () => {
    const member = await createMember();
    const pdf = await upload(member, smallPdf(), "Tenant toolkit.pdf");
    expect(pdf).toMatchObject({ kind: "document", originalName: "Tenant toolkit.pdf", thumbnailUrl: null });
    expect(uploadMarkdown(pdf, "")).toBe(`[Tenant toolkit.pdf (PDF)](${pdf.url})`);
  });
});

describe("which texts may show an upload", () => {
  it("shows the author's own picture at its size, lazily; refuses one without a description", async () => {
    const author = await createMember();
    const image = await upload(author, smallPng());
    const rendered = await renderPostBody(author.id, `Look: ${uploadMarkdown(image, "Our flyer")}`);
    expect(rendered.html).toContain(
      `<img src="${image.url}" alt="Our flyer" width="24" height="16" loading="lazy" decoding="async" />`,
    );
    await expect(renderPostBody(author.id, `![](${image.url})`)).rejects.toBeInstanceOf(MissingAltTextError);
    await expect(renderPostBody(author.id, `![   ](${image.url})`)).rejects.toBeInstanceOf(MissingAltTextError);
    await expect(createTestThread({ authorId: author.id, body: `![](${image.url})` })).rejects.toBeInstanceOf(
      MissingAltTextError,
    );
  });

  it("refuses another member's upload, by any spelling, so no one can show (or unhide) someone else's file", async () => {
    const owner = await createMember();
    const other = await createMember();
    const image = await upload(owner, smallPng("#111111"));
    await expect(renderPostBody(other.id, `![copy](${image.url})`)).rejects.toBeInstanceOf(UploadReferenceError);
    await expect(renderPostBody(other.id, `[file](${image.url})`)).rejects.toBeInstanceOf(UploadReferenceError);
    // Spelled with entities the address escapes the check, and shows nothing of the file.
    const escaped = await renderPostBody(other.id, `<img src="&#47;uploads${image.url.slice(8)}" alt="x">`);
    expect(escaped.html).not.toContain("<img");
    // Another site's address that ends like ours is just a link there.
    const remote = await renderPostBody(other.id, `![elsewhere](https://elsewhere.example${image.url})`);
    expect(remote.html).toContain(`<a href="https://elsewhere.example${image.url}"`);
  });
});

describe("who may fetch an upload", () => {
  it("only its uploader until a post shows it; then whoever may see that post", async () => {
    const author = await createMember();
    const reader = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const image = await upload(author, smallPng("#aa00aa"));
    const name = image.url.replace("/uploads/", "");
    const thumbnail = image.thumbnailUrl!.replace("/uploads/", "");
    expect(await uploadAccess(name, null)).toBeNull();
    expect(await uploadAccess(name, viewerOf(reader))).toBeNull();
    expect(await uploadAccess(name, viewerOf(author))).toMatchObject({ public: false, contentType: "image/png" });

    const { thread } = await storyShowing(author, image);
    expect(await uploadAccess(name, null)).toMatchObject({ public: true });
    expect(await uploadAccess(thumbnail, null)).toMatchObject({ public: true, contentType: "image/webp" });

    // The thread hidden by a moderator: its pictures with it, for everyone it is hidden from.
    expect(await setThreadHidden(thread.id, { actorId: moderator.id, reason: "spam", note: "" })).toEqual({ ok: true });
    expect(await uploadAccess(name, null)).toBeNull();
    expect(await uploadAccess(thumbnail, null)).toBeNull();
    expect(await uploadAccess(name, viewerOf(reader))).toBeNull();
    expect(await uploadAccess(name, viewerOf(author))).toMatchObject({ public: false });
    expect(await uploadAccess(name, viewerOf(moderator, "moderator"))).toMatchObject({ public: false });
  });

  it("hides a reply's picture with the reply, and a deleted reply's from everyone", async () => {
    const author = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: moderator.id });
    const hidden = await upload(author, smallPng("#00aaaa"));
    const deleted = await upload(author, smallPng("#aaaa00"));
    const hiddenReply = await createTestReply({
      threadId: thread.id,
      authorId: author.id,
      body: uploadMarkdown(hidden, "one"),
    });
    const deletedReply = await createTestReply({
      threadId: thread.id,
      authorId: author.id,
      body: uploadMarkdown(deleted, "two"),
    });
    const nameOf = (image: UploadView) => image.url.replace("/uploads/", "");
    expect(await uploadAccess(nameOf(hidden), null)).toMatchObject({ public: true });
    expect(await moderatePost(moderator.id, hiddenReply, { reason: "off-topic", note: "" })).toEqual({ ok: true });
    expect(await uploadAccess(nameOf(hidden), null)).toBeNull();
    expect(await uploadAccess(nameOf(hidden), viewerOf(author))).not.toBeNull();
    expect(await deletePost({ post: { id: deletedReply }, memberId: author.id })).toMatchObject({ ok: true });
    expect(await uploadAccess(nameOf(deleted), null)).toBeNull();
    const stranger = await createMember();
    expect(await uploadAccess(nameOf(deleted), viewerOf(stranger))).toBeNull();
  });

  it("withholds a round answer's picture as the answer is withheld (answer before you see others)", async () => {
    const moderator = await createMember({ role: "moderator" });
    const answerer = await createMember();
    const notYet = await createMember();
    const round = await createTestRound({ createdBy: moderator.id, answerFirst: true, prompts: 1 });
    const image = await upload(answerer, smallPng("#123456"));
    await createTestAnswer({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: answerer.id,
      body: `My answer.\n\n${uploadMarkdown(image, "Our phone tree")}`,
    });
    const name = image.url.replace("/uploads/", "");
    expect(await uploadAccess(name, null)).toBeNull();
    expect(await uploadAccess(name, viewerOf(notYet))).toBeNull();
    expect(await uploadAccess(name, viewerOf(moderator, "moderator"))).not.toBeNull();
  });
});

describe("how uploads leave", () => {
  it("a moderator's removal: served to no one, gone from the post and its history, logged", async () => {
    const author = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const image = await upload(author, smallPng("#654321"));
    const { postId } = await storyShowing(author, image);
    expect(
      await editPost({
        post: { id: postId },
        editorId: author.id,
        bodySource: `Edited.\n\n${uploadMarkdown(image, "Still here")}`,
      }),
    ).toEqual({ ok: true });
    const row = await getDb()
      .selectFrom("uploads")
      .select("id")
      .where("member_id", "=", author.id)
      .executeTakeFirstOrThrow();
    expect(
      await removeUpload({
        moderatorId: moderator.id,
        uploadId: row.id,
        reason: "A resident's face, shared without asking",
      }),
    ).toEqual({ ok: true });
    expect(await uploadAccess(image.url.replace("/uploads/", ""), viewerOf(moderator, "moderator"))).toBeNull();
    expect(await uploadAccess(image.url.replace("/uploads/", ""), viewerOf(author))).toBeNull();
    const post = await getDb()
      .selectFrom("posts")
      .select("body_html")
      .where("id", "=", postId)
      .executeTakeFirstOrThrow();
    expect(post.body_html).not.toContain(image.url);
    expect(post.body_html).toContain("[Picture removed by a moderator]");
    const revisions = await getDb()
      .selectFrom("post_revisions")
      .select("body_html")
      .where("post_id", "=", postId)
      .execute();
    expect(revisions.length).toBe(1);
    for (const revision of revisions) expect(revision.body_html).not.toContain(image.url);
    expect(existsSync(fileOnDisk(image.url))).toBe(false);
    expect(existsSync(fileOnDisk(image.thumbnailUrl!))).toBe(false);
    const log = await getDb()
      .selectFrom("audit_log")
      .select(["action", "target_id", "reason"])
      .where("actor_id", "=", moderator.id)
      .execute();
    expect(log).toEqual([
      { action: "upload.remove", target_id: postId, reason: "A resident's face, shared without asking" },
    ]);
    // And it can't be put back by its author.
    await expect(renderPostBody(author.id, uploadMarkdown(image, "again"))).rejects.toBeInstanceOf(
      UploadReferenceError,
    );
  });

  it("the daily cleaning: uploads no post or draft came to show go after a day, with their files", async () => {
    const member = await createMember();
    const longAgo = Date.now() - 2 * DAY;
    const orphan = await upload(member, smallPng("#010101"), "a.png", longAgo);
    const inDraft = await upload(member, smallPng("#020202"), "b.png", longAgo);
    const inPost = await upload(member, smallPng("#030303"), "c.png", longAgo);
    const fresh = await upload(member, smallPng("#040404"), "d.png");
    await saveDraft({
      memberId: member.id,
      kind: "discussion",
      title: "Later",
      bodySource: uploadMarkdown(inDraft, "b"),
      tagSlugs: [],
    });
    await storyShowing(member, inPost);
    expect(await cleanUnusedUploads()).toBeGreaterThanOrEqual(1);
    const left = await getDb()
      .selectFrom("uploads")
      .select(["hash", "ext"])
      .where("member_id", "=", member.id)
      .execute();
    const urls = left.map((row) => `/uploads/${row.hash}.${row.ext}`).sort();
    expect(urls).toEqual([inDraft.url, inPost.url, fresh.url].sort());
    expect(existsSync(fileOnDisk(orphan.url))).toBe(false);
    expect(existsSync(fileOnDisk(inPost.url))).toBe(true);
  });

  it("an account's deletion takes the member's files, even from the posts it keeps", async () => {
    const member = await createMember();
    const image = await upload(member, smallPng("#0a0b0c"));
    const { postId } = await storyShowing(member, image);
    expect(await deleteAccount({ memberId: member.id, posts: "keep" })).toMatchObject({ ok: true });
    expect(existsSync(fileOnDisk(image.url))).toBe(false);
    expect(await uploadAccess(image.url.replace("/uploads/", ""), null)).toBeNull();
    const post = await getDb()
      .selectFrom("posts")
      .select("body_html")
      .where("id", "=", postId)
      .executeTakeFirstOrThrow();
    expect(post.body_html).toContain("[Picture removed]");
  });

  it("the daily quota: a new member may send fewer files", async () => {
    process.env.NEW_MEMBER_UPLOADS_PER_DAY = "2";
    try {
      const newcomer = await createMember({ createdAt: Date.now() });
      await upload(newcomer, smallPng("#100000"));
      await upload(newcomer, smallPng("#200000"));
      await expect(upload(newcomer, smallPng("#300000"))).rejects.toMatchObject({ status: 429 });
      const settled = await createMember();
      for (const color of ["#100001", "#200001", "#300001"]) await upload(settled, smallPng(color));
    } finally {
      delete process.env.NEW_MEMBER_UPLOADS_PER_DAY;
    }
  });

  it("the member's data export lists what they sent, by address", async () => {
    const member = await createMember();
    const image = await upload(member, smallPng("#0d0d0d"), "Flyer.png");
    const list = exportLists("https://example.org").find((l) => l.name === "uploads")!;
    const rows = await list.page(member.id, null, 100);
    expect(rows.map((r) => r.row)).toEqual([
      {
        url: `https://example.org${image.url}`,
        purpose: "post",
        kind: "image",
        name: "Flyer.png",
        bytes: expect.any(Number),
        sentAt: expect.any(String),
        removedByModeratorAt: null,
      },
    ]);
  });

  it("an unconfirmed address may not send files", async () => {
    const member = await createMember({ verified: false });
    await expect(upload(member, smallPng())).rejects.toMatchObject({ status: 403 });
  });
});
