// Pictures and files in posts (issue 17), in Chromium against the production build. Without JavaScript: the
// composer's file field with a description publishes a story whose picture has its size, loads lazily and comes
// back without its GPS; without a description the picture waits and the message is next to the description
// field. With JavaScript: a PNG dropped on a reply or pasted into a post is sent at once with a progress bar,
// its description is asked inline and the Markdown goes in at the cursor (undo removes it); a 15 MB file is
// refused before anything is sent. A PNG that is also HTML never runs as a page. Axe on the composer.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import exifr from "exifr";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { seedBaseline } from "~/models/seed.server";
import { createReply } from "~/models/replies.server";
import { createThread } from "~/models/threads.server";
import { openingPostId } from "../factories/threads";
import { phoneJpeg, PHOTO_GPS, pngHtmlPolyglot, smallPdf } from "../fixtures/images";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SessionCookie } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const UPLOAD_URL = /^\/uploads\/[0-9a-f]{64}\.(jpg|png)$/;

let server: RunningServer;
let browser: Browser;
let uploadsDir: string;
let cookie: SessionCookie;
let replyPath: string;
let threadPath: string;
let hostReplyId: number;
let tab: TestPage | undefined;

beforeAll(async () => {
  await seedBaseline(getDb());
  const writer = await createMember({ handle: "pia_photos", displayName: "Pia Photos" });
  const host = await createMember({ handle: "hal_host", displayName: "Hal Host" });
  const thread = await createThread({
    authorId: host.id,
    kind: "discussion",
    title: "Show us your meeting flyers",
    bodySource: "The ones that brought people in.",
    tagSlugs: ["organizing"],
  });
  replyPath = `/posts/${await openingPostId(thread.id)}/reply`;
  threadPath = `/threads/${thread.id}/${thread.slug}`;
  const hostReply = await createReply({
    threadId: thread.id,
    parentId: null,
    authorId: host.id,
    bodySource: "Ours had the date in huge letters.",
  });
  if (!hostReply.ok) throw new Error(hostReply.message);
  hostReplyId = hostReply.postId;
  cookie = await createSessionCookie(writer.id);
  await closeDatabase();
  uploadsDir = mkdtempSync(join(tmpdir(), "roundtable-e2e-uploads-"));
  [server, browser] = await Promise.all([
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH as string, UPLOADS_DIR: uploadsDir } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
  if (uploadsDir) rmSync(uploadsDir, { recursive: true, force: true });
});

afterEach(async () => {
  const errors = tab?.errors ?? [];
  await tab?.close();
  tab = undefined;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(path: string, { javaScript = true } = {}): Promise<Page> {
  tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url, width: 1280, height: 900 });
  await tab.context.addCookies([{ ...cookie, url: server.url }]);
  await tab.page.goto(path);
  return tab.page;
}

/** Noise does not compress: a PNG of about `side`² × 3 bytes, large enough for the progress bar to show. */
function noisyPng(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

async function expectNoMetadata(bytes: Buffer) {
  expect(await exifr.parse(bytes, { gps: true, xmp: true, iptc: true, icc: true })).toBeUndefined();
  expect(await exifr.gps(bytes)).toBeUndefined();
  const metadata = await sharp(bytes).metadata();
  expect([metadata.exif, metadata.xmp, metadata.iptc]).toEqual([undefined, undefined, undefined]);
}

describe("without JavaScript", () => {
  it("publishes a story with a described photo, shown at its size, without its GPS", async () => {
    const page = await open("/stories/new", { javaScript: false });
    const photo = await phoneJpeg(640, 480); // taken sideways: EXIF orientation 6
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(PHOTO_GPS.latitude, 2); // it does carry a position
    const title = "The first block meeting, in pictures";
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("checkbox", { name: "Organizing", exact: true }).check();
    await page.getByLabel("Context", { exact: true }).fill("Forty people came to the laundry room.");
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "block-meeting.jpg",
      mimeType: "image/jpeg",
      buffer: photo,
    });

    // No description: the picture waits, and the message is next to the description field.
    await page.getByRole("button", { name: "Publish story" }).click();
    const altError = page.locator("#attachmentAlt-error");
    await altError.getByText("Describe the picture for people who can't see it").waitFor();
    const description = page.getByLabel("Describe the picture", { exact: true });
    expect(await description.getAttribute("aria-invalid")).toBe("true");
    expect((await description.getAttribute("aria-describedby"))?.split(" ")).toContain("attachmentAlt-error");
    expect(await page.locator('input[name="pendingUpload"]').inputValue()).toMatch(/^[0-9a-f]{64}\.jpg$/);
    await page.getByRole("img", { name: "The picture you sent, waiting for its description" }).waitFor();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);
    expect(await page.getByLabel("Context", { exact: true }).inputValue()).toBe(
      "Forty people came to the laundry room.",
    );

    await description.fill("Neighbours on folding chairs in the laundry room");
    await page.getByRole("button", { name: "Publish story" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const picture = page.getByRole("article").first().getByRole("img", {
      name: "Neighbours on folding chairs in the laundry room",
    });
    const attributes = await picture.evaluate((img: HTMLImageElement) => ({
      src: img.getAttribute("src"),
      width: img.getAttribute("width"),
      height: img.getAttribute("height"),
      loading: img.getAttribute("loading"),
      loaded: img.complete && img.naturalWidth > 0,
    }));
    // Turned upright: the sideways photo is as tall as it was wide.
    expect(attributes).toMatchObject({ width: "480", height: "640", loading: "lazy", loaded: true });
    expect(attributes.src).toMatch(UPLOAD_URL);

    const response = await tab!.context.request.get(attributes.src!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/jpeg");
    const served = await response.body();
    expect(served.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    await expectNoMetadata(served);
  });
});

describe("with JavaScript", () => {
  it("sends a PNG dropped on a reply with a progress bar, asks for its description and inserts it at the cursor", async () => {
    const page = await open(replyPath);
    const reply = page.getByRole("textbox", { name: "Your reply", exact: true });
    await page.getByRole("toolbar", { name: "Formatting for Your reply" }).waitFor();
    // Without JavaScript's "Attach and preview" and description field: the file goes at once.
    expect(await page.getByRole("button", { name: "Attach and preview" }).count()).toBe(0);
    await reply.fill("Here is ours.\nIt worked.");
    await reply.evaluate((textarea: HTMLTextAreaElement) => textarea.setSelectionRange(13, 13)); // after "ours."

    // Slow uploads, so the bar is seen filling; every state of the progress bar is recorded as it happens.
    const cdp = await tab!.context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 1024 * 1024,
    });
    await page.evaluate(() => {
      const seen: Array<{ label: string; value: number | null }> = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>(".upload-panel progress");
        if (bar)
          seen.push({ label: bar.labels[0]?.textContent ?? "", value: bar.getAttribute("value") ? bar.value : null });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const png = await noisyPng(700); // about 1.5 MB
    await dropFile(page, "textarea[name=bodySource]", png, "flyer.png", "image/png");

    const bar = page.getByRole("progressbar", { name: "Sending flyer.png" });
    await bar.waitFor();
    await page.getByRole("status").filter({ hasText: "Sending flyer.png…" }).waitFor();
    const description = page.getByRole("textbox", { name: "Describe the picture", exact: true });
    await description.waitFor({ timeout: 20_000 });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const seen = await page.evaluate(
      () => (window as unknown as { progressSeen: Array<{ label: string; value: number | null }> }).progressSeen,
    );
    const fractions = seen.filter((s) => s.label === "Sending flyer.png" && s.value !== null).map((s) => s.value!);
    expect(
      fractions.some((value) => value > 0 && value < 1),
      JSON.stringify(seen.slice(0, 20)),
    ).toBe(true);
    // The prompt has the focus; the status says what to do.
    expect(await description.evaluate((input) => input === document.activeElement)).toBe(true);
    await page.getByRole("status").filter({ hasText: "flyer.png is sent. Describe the picture" }).waitFor();

    // Insert with nothing written: refused with a message, the prompt stays.
    await page.getByRole("button", { name: "Insert", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Describe the picture for people who can't see it" }).waitFor();
    await description.fill("Flyer in English and Spanish: tenants' meeting, Thursday 7 pm");
    await description.press("Enter");
    await description.waitFor({ state: "detached" });
    const text = await reply.inputValue();
    expect(text).toMatch(
      /^Here is ours\.\n\n!\[Flyer in English and Spanish: tenants' meeting, Thursday 7 pm\]\(\/uploads\/[0-9a-f]{64}\.png\)\n\nIt worked\.$/,
    );
    expect(await reply.evaluate((textarea) => textarea === document.activeElement)).toBe(true);
    // Inserted as typing would be: Ctrl+Z takes it out, Ctrl+Shift+Z puts it back.
    await page.keyboard.press("Control+Z");
    expect(await reply.inputValue()).toBe("Here is ours.\nIt worked.");
    await page.keyboard.press("Control+Shift+Z");
    expect(await reply.inputValue()).toBe(text);

    await page.getByRole("button", { name: "Post reply" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/threads/"));
    const picture = page.getByRole("img", { name: "Flyer in English and Spanish: tenants' meeting, Thursday 7 pm" });
    await picture.waitFor();
    expect(await picture.getAttribute("loading")).toBe("lazy");
    expect(await picture.getAttribute("width")).toBe("700");
    expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 700)).toBe(true);
  });

  it("takes a pasted picture into a new post; Escape leaves it out and gives the text its focus back", async () => {
    const page = await open("/threads/new");
    const body = page.getByRole("textbox", { name: "Body", exact: true });
    await page.getByRole("toolbar", { name: "Formatting for Body" }).waitFor();
    await body.fill("Our map of the phone tree:");
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#2a7" } })
      .png()
      .toBuffer();
    await pasteFile(page, "textarea[name=bodySource]", png, "image.png", "image/png");
    const description = page.getByRole("textbox", { name: "Describe the picture", exact: true });
    await description.waitFor();
    await description.fill("Not this one");
    await description.press("Escape");
    await description.waitFor({ state: "detached" });
    expect(await body.inputValue()).toBe("Our map of the phone tree:");
    expect(await body.evaluate((textarea) => textarea === document.activeElement)).toBe(true);

    await pasteFile(page, "textarea[name=bodySource]", png, "image.png", "image/png");
    await description.fill("Phone tree: six captains, ten homes each");
    await page.getByRole("button", { name: "Insert", exact: true }).click();
    expect(await body.inputValue()).toMatch(
      /^Our map of the phone tree:\n\n!\[Phone tree: six captains, ten homes each\]\(\/uploads\/[0-9a-f]{64}\.png\)$/,
    );
  });

  it("in a composer opened in place, Escape in the description leaves the picture out, not the composer", async () => {
    const page = await open(threadPath);
    const reply = page.locator(`#post-${hostReplyId}`).getByRole("link", { name: "Reply", exact: true });
    await expect.poll(() => reply.getAttribute("aria-expanded")).toBe("false");
    await reply.click();
    const composer = page.locator(`#reply-in-place-${hostReplyId}`);
    const textarea = composer.getByRole("textbox", { name: "Your reply", exact: true });
    await textarea.waitFor();
    await textarea.fill("Ours too:");
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#963" } })
      .png()
      .toBuffer();
    await dropFile(page, `#reply-in-place-body-${hostReplyId}`, png, "date.png", "image/png");
    const description = composer.getByRole("textbox", { name: "Describe the picture", exact: true });
    await description.waitFor();
    await description.press("Escape");
    await description.waitFor({ state: "detached" });
    expect(await textarea.inputValue()).toBe("Ours too:");
    expect(await textarea.evaluate((element) => element === document.activeElement)).toBe(true);
    // The composer is still open; Escape from the text closes it, as before.
    await page.keyboard.press("Escape");
    await composer.waitFor({ state: "detached" });
  });

  it("adds a dropped PDF as a link at once, at the end of a text nobody has put a cursor in", async () => {
    const page = await open("/threads/new");
    await page.getByRole("toolbar", { name: "Formatting for Body" }).waitFor();
    const body = page.getByRole("textbox", { name: "Body", exact: true });
    await body.evaluate((textarea: HTMLTextAreaElement) => {
      textarea.value = "The toolkit we hand out:\nread it before the first meeting.";
    });
    await dropFile(page, "textarea[name=bodySource]", smallPdf(), "Tenant toolkit.pdf", "application/pdf");
    await page.getByRole("status").filter({ hasText: "Tenant toolkit.pdf added to the text as a link." }).waitFor();
    expect(await body.inputValue()).toMatch(
      /^The toolkit we hand out:\nread it before the first meeting\.\n\n\[Tenant toolkit\.pdf \(PDF\)\]\(\/uploads\/[0-9a-f]{64}\.pdf\)$/,
    );
    expect(await page.getByRole("textbox", { name: "Describe the picture", exact: true }).count()).toBe(0);
  });

  it("puts a file chosen in the file field into the story section last written in", async () => {
    const page = await open("/stories/new");
    await page.getByRole("toolbar", { name: "Formatting for Context" }).waitFor();
    const learned = page.getByLabel("What we learned", { exact: true });
    await learned.fill("Print it big.");
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "poster.png",
      mimeType: "image/png",
      buffer: await sharp({ create: { width: 50, height: 70, channels: 3, background: "#c33" } })
        .png()
        .toBuffer(),
    });
    const description = page.getByRole("textbox", { name: "Describe the picture", exact: true });
    await description.fill("A poster taped to a lobby door");
    await description.press("Enter");
    expect(await learned.inputValue()).toMatch(
      /^Print it big\.\n\n!\[A poster taped to a lobby door\]\(\/uploads\/.+\.png\)$/,
    );
    expect(await page.getByLabel("Context", { exact: true }).inputValue()).toBe("");
    // The file went by itself: the field is empty again, so the form will not send it twice.
    expect(
      await page.getByLabel("File", { exact: true }).evaluate((input: HTMLInputElement) => input.files?.length),
    ).toBe(0);
  });

  it("refuses a 15 MB picture in the browser, with a message, before sending anything", async () => {
    const page = await open(replyPath);
    await page.getByRole("toolbar", { name: "Formatting for Your reply" }).waitFor();
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") sent.push(request.url());
    });
    const huge = Buffer.alloc(15 * 1024 * 1024);
    (await noisyPng(8)).copy(huge); // a PNG's first bytes, then zeros
    await page
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: huge });
    await page.getByRole("alert").filter({ hasText: "That picture is larger than 10 MB" }).waitFor();
    // Dropped on the text, the same.
    await page.evaluate(() => {
      const file = new File([new Uint8Array(15 * 1024 * 1024)], "dropped.jpg", { type: "image/jpeg" });
      const data = new DataTransfer();
      data.items.add(file);
      const textarea = document.querySelector("textarea[name=bodySource]")!;
      textarea.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
    });
    await page.locator(".markdown-field").getByRole("alert").filter({ hasText: "larger than 10 MB" }).waitFor();
    expect(sent).toEqual([]);
  });
});

describe("a PNG that is also HTML", () => {
  it("is served as an image that never runs as a page", async () => {
    const page = await open(replyPath);
    const polyglot = Buffer.concat([await pngHtmlPolyglot(), Buffer.from("<script>window.x = 1</script>")]);
    expect((await sharp(polyglot).metadata()).format).toBe("png"); // still a picture to an image library
    const upload = await tab!.context.request.post("/uploads/new", {
      headers: { Origin: server.url, Accept: "application/json" },
      multipart: { file: { name: "innocent.png", mimeType: "image/png", buffer: polyglot } },
    });
    expect(upload.status()).toBe(200);
    const answer = (await upload.json()) as { ok: boolean; upload: { url: string } };
    expect(answer.ok).toBe(true);
    expect(answer.upload.url).toMatch(UPLOAD_URL);

    const response = await page.goto(answer.upload.url);
    const headers = response!.headers();
    expect(headers["content-type"]).toBe("image/png");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toMatch(/\bsandbox\b/);
    expect(headers["content-security-policy"]).toMatch(/default-src 'none'/);
    const served = await response!.body();
    expect(served.includes("<script")).toBe(false); // re-encoded: the payload is gone
    const documentSeen = await page.evaluate(() => ({
      contentType: document.contentType,
      title: document.title,
      x: (window as unknown as { x?: number }).x,
      scripts: document.scripts.length,
      image: document.body?.firstElementChild?.tagName,
    }));
    expect(documentSeen).toMatchObject({ contentType: "image/png", x: undefined, scripts: 0, image: "IMG" });
    expect(documentSeen.title).not.toContain("polyglot ran");
    // Chromium styles its own image viewer inline, which the sandboxing policy blocks too: expected here, and
    // taken out of the page's errors, which must hold nothing else.
    const blockedStyles = /^console\.error: Applying inline style violates the following Content Security Policy/;
    expect(tab!.errors.some((error) => blockedStyles.test(error))).toBe(true);
    tab!.errors.splice(0, tab!.errors.length, ...tab!.errors.filter((error) => !blockedStyles.test(error)));
  });
});

describe("accessibility", () => {
  it("has no axe violations on a composer with its attachment field, and with a picture's description asked", async () => {
    const page = await open(replyPath);
    await page.getByRole("toolbar", { name: "Formatting for Your reply" }).waitFor();
    await page.getByRole("group", { name: "Add a picture or a PDF" }).waitFor();
    const check = async () => {
      const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
        [],
      );
    };
    await check();
    const png = await sharp({ create: { width: 30, height: 30, channels: 3, background: "#345" } })
      .png()
      .toBuffer();
    await dropFile(page, "textarea[name=bodySource]", png, "chart.png", "image/png");
    await page.getByRole("textbox", { name: "Describe the picture", exact: true }).waitFor();
    await page.getByRole("button", { name: "Insert", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "Describe the picture" }).waitFor();
    await check();
  });
});

/** Drops a file on an element as a person dragging it from their desktop would (dragover, then drop). */
async function dropFile(page: Page, selector: string, bytes: Buffer, name: string, type: string) {
  await page.evaluate(
    ([selector, base64, name, type]) => {
      const file = new File([Uint8Array.from(atob(base64!), (c) => c.charCodeAt(0))], name!, { type });
      const data = new DataTransfer();
      data.items.add(file);
      const target = document.querySelector(selector!)!;
      target.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: data }));
      target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: data }));
    },
    [selector, bytes.toString("base64"), name, type],
  );
}

/** Pastes a file into an element as Ctrl+V with a copied picture would. */
async function pasteFile(page: Page, selector: string, bytes: Buffer, name: string, type: string) {
  await page.evaluate(
    ([selector, base64, name, type]) => {
      const file = new File([Uint8Array.from(atob(base64!), (c) => c.charCodeAt(0))], name!, { type });
      const data = new DataTransfer();
      data.items.add(file);
      const target = document.querySelector<HTMLTextAreaElement>(selector!)!;
      target.focus();
      target.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true, clipboardData: data }));
    },
    [selector, bytes.toString("base64"), name, type],
  );
}
