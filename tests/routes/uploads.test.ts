// Pictures and files through real HTTP against the built server (issue 17): the composer's file field as a
// browser without JavaScript sends it, the scripts' /uploads/new, what /uploads/<name> answers and to whom, the
// limits and refusals (each a message next to its field, never a 500), profile pictures beside posts.
import exifr from "exifr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { saveUpload, uploadMarkdown } from "~/models/uploads.server";
import { oversizedJpeg, phoneJpeg, pngHtmlPolyglot, smallPdf, smallPng, SVG_WITH_SCRIPT } from "../fixtures/images";

let server: RunningServer;
let author: TestMember;
let authorCookie: string;
let moderatorCookie: string;
let reader: TestMember;
let readerCookie: string;

beforeAll(async () => {
  author = await createMember();
  reader = await createMember();
  const moderator = await createMember({ role: "moderator" });
  authorCookie = await sessionCookieFor(author.id);
  readerCookie = await sessionCookieFor(reader.id);
  moderatorCookie = await sessionCookieFor(moderator.id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
});
afterAll(async () => {
  await server?.stop();
});

type FormValue = string | { bytes: Buffer; name: string; type?: string };

function multipart(values: Record<string, FormValue>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === "string") form.append(key, value);
    else
      form.append(
        key,
        new Blob([new Uint8Array(value.bytes)], { type: value.type ?? "application/octet-stream" }),
        value.name,
      );
  }
  return form;
}

async function send(path: string, form: FormData, cookie: string): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: form,
    headers: { Cookie: cookie, Origin: server.url },
    redirect: "manual",
  });
}

async function get(path: string, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: "manual",
  });
}

const newThread = (values: Record<string, FormValue>) =>
  multipart({ title: "Our first block meeting, in pictures", tagSlugs: "organizing", intent: "publish", ...values });

/** The text of the error shown next to a field (by its id), or null. */
function fieldError(html: string, id: string): string | null {
  const match = new RegExp(`<p id="${id}-error" class="field-error" role="alert">([^<]*)</p>`).exec(html);
  return match
    ? match[1]!
        .replace(/&#x27;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&")
    : null;
}

const UPLOADED_IMG =
  /<img src="(\/uploads\/[0-9a-f]{64}\.(?:jpg|png|webp|gif))" alt="([^"]*)" width="(\d+)" height="(\d+)" loading="lazy"/;

describe("the composer's file field, without JavaScript", () => {
  it("publishes a photo with its description: shown at its size, lazily, with no metadata left", async () => {
    const posted = await send(
      "/threads/new",
      newThread({
        bodySource: "Forty neighbours came.",
        attachment: { bytes: await phoneJpeg(320, 240), name: "IMG_0042.JPG", type: "image/jpeg" },
        attachmentAlt: "Neighbours seated in a circle in the church hall",
      }),
      authorCookie,
    );
    expect(posted.status).toBe(302);
    const page = await (await get(posted.headers.get("location")!)).text();
    const img = UPLOADED_IMG.exec(page);
    expect(img, "the thread page shows the picture").not.toBeNull();
    expect(img![2]).toBe("Neighbours seated in a circle in the church hall");
    expect([img![3], img![4]]).toEqual(["240", "320"]); // turned upright
    const picture = await get(img![1]!);
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/jpeg");
    expect(picture.headers.get("x-content-type-options")).toBe("nosniff");
    expect(picture.headers.get("content-security-policy")).toContain("sandbox");
    expect(picture.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const bytes = Buffer.from(await picture.arrayBuffer());
    expect(await exifr.parse(bytes, true)).toBeUndefined();
    expect(bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    // Its name is its content: a browser asking again is told it has it.
    const again = await get(img![1]!, undefined, { "If-None-Match": picture.headers.get("etag")! });
    expect(again.status).toBe(304);
  });

  it("keeps a picture sent without a description waiting, with the message next to the description", async () => {
    const form = multipart({
      title: "Flyers in three languages",
      tagSlugs: "organizing",
      intent: "publish",
      "story-context": "We printed flyers.",
      attachment: { bytes: await smallPng("#0f766e"), name: "flyer.png", type: "image/png" },
    });
    const refused = await send("/stories/new", form, authorCookie);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(fieldError(html, "attachmentAlt")).toMatch(/^Describe the picture for people who can't see it/);
    const pending = /name="pendingUpload" value="([0-9a-f]{64}\.png)"/.exec(html);
    expect(pending, "the picture waits in the form").not.toBeNull();
    expect(html).toContain("We printed flyers.");

    const posted = await send(
      "/stories/new",
      multipart({
        title: "Flyers in three languages",
        tagSlugs: "organizing",
        intent: "publish",
        "story-context": "We printed flyers.",
        "story-did": "We handed them out door to door.",
        pendingUpload: pending![1]!,
        attachmentAlt: "The flyer, in English, Spanish and Korean",
        attachTo: "story-did",
      }),
      authorCookie,
    );
    expect(posted.status).toBe(302);
    const page = await (await get(posted.headers.get("location")!)).text();
    const did = page.indexOf("What we did");
    const img = page.indexOf(`/uploads/${pending![1]}`);
    expect(did).toBeGreaterThan(0);
    expect(img).toBeGreaterThan(did); // in the section chosen
    expect(page).toContain('alt="The flyer, in English, Spanish and Korean"');
  });

  it("refuses a 15 MB picture with a message next to the file field, the text kept, nothing stored", async () => {
    const before = await countUploads(author.id);
    const refused = await send(
      "/threads/new",
      newThread({
        bodySource: "Words I do not want to lose.",
        attachment: { bytes: oversizedJpeg(15 * 1024 * 1024), name: "huge.jpg", type: "image/jpeg" },
        attachmentAlt: "A very large photo",
      }),
      authorCookie,
    );
    expect(refused.status).toBe(413);
    const html = await refused.text();
    expect(fieldError(html, "attachment")).toMatch(/larger than 10 MB/);
    expect(html).toContain("Words I do not want to lose.");
    expect(await countUploads(author.id)).toBe(before);
  });

  it("refuses a body past the largest file before reading it", async () => {
    const answer = await fetch(`${server.url}/threads/new`, {
      method: "POST",
      headers: {
        Cookie: authorCookie,
        Origin: server.url,
        "Content-Type": "multipart/form-data; boundary=x",
        "Content-Length": String(30 * 1024 * 1024),
      },
      body: "--x--",
      redirect: "manual",
    }).catch((error: unknown) => error);
    // Either the 413 arrives, or the connection is closed on a body that never came: never a 500, never a wait.
    if (answer instanceof Response) {
      expect(answer.status).toBe(413);
      expect(await answer.text()).toMatch(/pictures can be up to 10 MB and PDF files up to 20 MB/);
    } else {
      expect(answer).toBeInstanceOf(Error);
    }
  });

  it("refuses an SVG with a script, and what is not a picture, whatever its name and type say", async () => {
    for (const [bytes, name, type, message] of [
      [SVG_WITH_SCRIPT, "drawing.svg", "image/svg+xml", /SVG drawings are not taken/],
      [Buffer.from("<html><script>alert(1)</script></html>"), "cat.png", "image/png", /not one we take/],
    ] as const) {
      const refused = await send(
        "/threads/new",
        newThread({ bodySource: "See the drawing.", attachment: { bytes, name, type }, attachmentAlt: "A drawing" }),
        authorCookie,
      );
      expect(refused.status).toBe(415);
      expect(fieldError(await refused.text(), "attachment")).toMatch(message);
    }
  });
});

describe("/uploads/new, for the composer's scripts", () => {
  it("answers the upload and its Markdown as JSON; the file is the uploader's alone until a post shows it", async () => {
    const answer = await send(
      "/uploads/new",
      multipart({ file: { bytes: await smallPng("#7c3aed"), name: "map.png" }, alt: "Map of the phone tree" }),
      authorCookie,
    );
    expect(answer.status).toBe(200);
    const data = (await answer.json()) as { ok: true; upload: { url: string; kind: string }; markdown: string };
    expect(data.upload.kind).toBe("image");
    expect(data.markdown).toBe(`![Map of the phone tree](${data.upload.url})`);
    const own = await get(data.upload.url, authorCookie);
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    expect((await get(data.upload.url)).status).toBe(404);
    expect((await get(data.upload.url, readerCookie)).status).toBe(404);
  });

  it("refuses a visitor, and says why a file is refused", async () => {
    const visitor = await send("/uploads/new", multipart({ file: { bytes: await smallPng(), name: "a.png" } }), "");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toMatch(/^\/login/);
    const svg = await send(
      "/uploads/new",
      multipart({ file: { bytes: SVG_WITH_SCRIPT, name: "a.svg" } }),
      authorCookie,
    );
    expect(svg.status).toBe(415);
    expect(await svg.json()).toEqual({
      ok: false,
      message: expect.stringMatching(/SVG/),
      fieldErrors: { file: expect.stringMatching(/SVG/) },
    });
  });
});

describe("/uploads/<name>", () => {
  it("serves a PDF only as a download, under the name it was sent with", async () => {
    const uploaded = (await (
      await send(
        "/uploads/new",
        multipart({ file: { bytes: smallPdf(), name: "Guía del inquilino.pdf" } }),
        authorCookie,
      )
    ).json()) as { upload: { url: string }; markdown: string };
    const thread = await createTestThread({ authorId: author.id, body: `The toolkit: ${uploaded.markdown}` });
    const page = await (await get(`/threads/${thread.id}/${thread.slug}`)).text();
    expect(page).toContain(`<a href="${uploaded.upload.url}"`);
    const pdf = await get(uploaded.upload.url);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(
      `attachment; filename="Guia del inquilino.pdf"; filename*=UTF-8''${encodeURIComponent("Guía del inquilino.pdf")}`,
    );
  });

  it("turns a PNG that is also a page into just a picture", async () => {
    const uploaded = (await (
      await send("/uploads/new", multipart({ file: { bytes: await pngHtmlPolyglot(), name: "x.png" } }), authorCookie)
    ).json()) as { upload: { url: string } };
    const file = await get(uploaded.upload.url, authorCookie);
    expect(file.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.includes(Buffer.from("<script"))).toBe(false);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("stops serving a reply's picture the moment a moderator hides the reply, to all but its author and moderators", async () => {
    const thread = await createTestThread({ authorId: reader.id });
    const uploaded = (await (
      await send("/uploads/new", multipart({ file: { bytes: await smallPng("#be123c"), name: "p.png" } }), authorCookie)
    ).json()) as { upload: { url: string }; markdown: string };
    const opening = await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    const replied = await send(
      `/posts/${opening.id}/reply`,
      multipart({ bodySource: uploaded.markdown.replace("![]", "![A photo]"), intent: "publish" }),
      authorCookie,
    );
    expect(replied.status).toBe(302);
    const reply = await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 1)
      .executeTakeFirstOrThrow();
    expect((await get(uploaded.upload.url)).status).toBe(200);
    const hidden = await fetch(`${server.url}/mod/posts/${reply.id}`, {
      method: "POST",
      headers: { Cookie: moderatorCookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "hide", reason: "off-topic" }),
      redirect: "manual",
    });
    expect(hidden.status).toBe(302);
    expect((await get(uploaded.upload.url)).status).toBe(404);
    expect((await get(uploaded.upload.url, readerCookie)).status).toBe(404);
    expect((await get(uploaded.upload.url, authorCookie)).status).toBe(200);
    expect((await get(uploaded.upload.url, moderatorCookie)).status).toBe(200);
    // The thread page a visitor reads does not show it either.
    expect(await (await get(`/threads/${thread.id}/${thread.slug}`)).text()).not.toContain(uploaded.upload.url);
  });

  it("lets a moderator remove one picture from a post, with a reason, and then serves it to no one", async () => {
    const uploaded = (await (
      await send(
        "/uploads/new",
        multipart({ file: { bytes: await smallPng("#0e7490"), name: "face.png" } }),
        authorCookie,
      )
    ).json()) as { upload: { url: string }; markdown: string };
    const thread = await createTestThread({
      authorId: author.id,
      body: `Our meeting.\n\n${uploaded.markdown.replace("![]", "![The meeting]")}`,
    });
    const opening = await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    const modPage = await (await get(`/mod/posts/${opening.id}`, moderatorCookie)).text();
    const uploadId = /name="uploadId" value="(\d+)"/.exec(modPage)?.[1];
    expect(uploadId, "the moderation page lists the post's pictures").toBeDefined();
    const remove = (reason: string, cookie: string) =>
      fetch(`${server.url}/mod/posts/${opening.id}`, {
        method: "POST",
        headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "remove-upload", uploadId: uploadId!, reason }),
        redirect: "manual",
      });
    // Only moderators; and a reason is needed, said next to its field.
    expect((await remove("Because", readerCookie)).status).toBe(403);
    const noReason = await remove("", moderatorCookie);
    expect(noReason.status).toBe(400);
    expect(fieldError(await noReason.text(), `reason-${uploadId}`)).toMatch(/Say why/);
    expect((await get(uploaded.upload.url)).status).toBe(200);
    expect((await remove("A resident's face, shared without asking", moderatorCookie)).status).toBe(302);
    for (const cookie of [undefined, authorCookie, moderatorCookie])
      expect((await get(uploaded.upload.url, cookie)).status).toBe(404);
    const page = await (await get(`/threads/${thread.id}/${thread.slug}`)).text();
    expect(page).toContain("[Picture removed by a moderator]");
    expect(page).not.toContain(uploaded.upload.url);
  });

  it("answers 404 for names that are not uploads, without touching the disk", async () => {
    for (const name of ["../../etc/passwd", `${"a".repeat(64)}.jpg`, `${"a".repeat(64)}.svg`, "x.html"])
      expect((await get(`/uploads/${encodeURIComponent(name)}`)).status).toBe(404);
  });
});

describe("lists", () => {
  it("show a story's first picture as a small thumbnail, at its size, that everyone may fetch", async () => {
    const image = await saveUpload({
      memberId: author.id,
      purpose: "post",
      bytes: await smallPng("#ca8a04"),
      originalName: "garden.png",
    });
    const thread = await createTestThread({
      authorId: author.id,
      kind: "story",
      title: "The community garden we built on the vacant lot",
      body: `It took a year.\n\n${uploadMarkdown(image, "The garden in spring")}`,
    });
    const topic = await (await get("/topics/organizing")).text();
    const item = topic.slice(topic.indexOf(`/threads/${thread.id}/`));
    const cover =
      /<img class="thread-cover" src="(\/uploads\/[0-9a-f]{64}\.webp)" width="(\d+)" height="(\d+)" alt="" loading="lazy"/.exec(
        item,
      );
    expect(cover, "the list item shows the thumbnail").not.toBeNull();
    expect(cover![1]).toBe(image.thumbnailUrl);
    expect((await get(cover![1]!)).status).toBe(200);
  });
});

describe("pictures from other sites", () => {
  it("are links, and the page allows images from this site only", async () => {
    const thread = await createTestThread({
      authorId: author.id,
      body: "![A tracking pixel](https://tracker.example/pixel.gif)",
    });
    const page = await get(`/threads/${thread.id}/${thread.slug}`);
    const html = await page.text();
    expect(html).not.toContain('<img src="https://tracker.example');
    expect(html).toContain(
      '<a href="https://tracker.example/pixel.gif" rel="nofollow ugc noopener">A tracking pixel</a>',
    );
    expect(page.headers.get("content-security-policy")).toContain("img-src 'self';");
  });
});

describe("a profile picture", () => {
  it("appears beside the member's posts, cropped square, to everyone", async () => {
    const member = await createMember({ displayName: "Rosa Delgado" });
    const cookie = await sessionCookieFor(member.id);
    const saved = await send(
      "/settings/profile",
      multipart({
        displayName: "Rosa Delgado",
        organization: "",
        location: "",
        bioSource: "",
        picture: { bytes: await phoneJpeg(400, 300), name: "me.jpg", type: "image/jpeg" },
      }),
      cookie,
    );
    expect(saved.status).toBe(302);
    const thread = await createTestThread({ authorId: member.id, body: "Hello from Rosa." });
    const page = await (await get(`/threads/${thread.id}/${thread.slug}`)).text();
    const avatar = /<img class="avatar avatar-picture" src="(\/uploads\/[0-9a-f]{64}\.webp)" alt=""/.exec(page);
    expect(avatar, "the post shows the picture").not.toBeNull();
    const picture = await get(avatar![1]!);
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/webp");

    // A PDF is not a picture: said next to the field.
    const refused = await send(
      "/settings/profile",
      multipart({ displayName: "Rosa Delgado", picture: { bytes: smallPdf(), name: "me.pdf" } }),
      cookie,
    );
    expect(refused.status).toBe(415);
    expect(fieldError(await refused.text(), "picture")).toMatch(/must be a picture/);

    // Removed: initials again.
    expect(
      (await send("/settings/profile", multipart({ displayName: "Rosa Delgado", removePicture: "yes" }), cookie))
        .status,
    ).toBe(302);
    expect((await get(avatar![1]!)).status).toBe(404);
  });
});

async function countUploads(memberId: number): Promise<number> {
  const rows = await getDb().selectFrom("uploads").select("id").where("member_id", "=", memberId).execute();
  return rows.length;
}
