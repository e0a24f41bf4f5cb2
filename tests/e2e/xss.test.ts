// XSS (issue 7, Security 5): the hostile corpus (tests/fixtures/xss-corpus.json) posted through the real routes
// of the production server by a signed-in member, as thread bodies, replies, profile bios and titles; then the
// pages read in Chromium with JavaScript on. No script may run (no dialog, no request to another host), and the
// posts' content keeps to what the sanitizer allows: no on* or style attribute, no URL outside
// http/https/mailto (https for images), no foreign element, nothing placed outside its post.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~db/client.server";
import { hashPassword } from "~/auth/password.server";
import { htmlToPlainText, renderMarkdown } from "~/lib/markdown.server";
import { checkMarkdownStructure, MarkdownStructureError } from "~/lib/markdown-structure.server";
import { registerMember } from "~/models/members.server";
import corpus from "../fixtures/xss-corpus.json";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { startServer, type RunningServer } from "./support/server";

type Entry = { name: string; input: string };
const CORPUS = corpus as Entry[];

/** Whether the structure limits (app/lib/markdown-structure.server.ts) refuse an entry before it is rendered. */
function refusedForStructure(entry: Entry): boolean {
  try {
    checkMarkdownStructure(postable(entry.input));
    return false;
  } catch (error) {
    if (error instanceof MarkdownStructureError) return true;
    throw error;
  }
}
// What renders is read in the browser; what the limits refuse must be refused through the routes (below).
const ENTRIES = CORPUS.filter((entry) => !refusedForStructure(entry));
const REFUSED = CORPUS.filter(refusedForStructure);

const HANDLE = "xss_poster";
const PASSWORD = "a fairly long test passphrase";
const DAY_MS = 86_400_000;
const BODY_GROUP_CHARS = 12_000; // several entries to a thread body, well under the 50,000 limit
const ENTRIES_PER_THREAD = 25; // and as many replies, all on the thread's first page (50 a page)
const BIO_MAX = 5_000;
// Generous: the machine may be busy with other suites; unhurried, a page hydrates in well under a second.
const HYDRATION_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 120_000;
const TITLE_MAX = 150;
// A 1×1 transparent PNG: what a post's https image gets instead of the network.
const PIXEL = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

// What the sanitizer lets through (app/lib/markdown.server.ts), and what the page may hold inside a post.
const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  P: [],
  BR: [],
  HR: [],
  EM: [],
  STRONG: [],
  DEL: [],
  S: [],
  UL: [],
  OL: [],
  LI: [],
  BLOCKQUOTE: [],
  CODE: [],
  PRE: [],
  H2: [],
  H3: [],
  H4: [],
  TABLE: [],
  THEAD: [],
  TBODY: [],
  TR: [],
  TH: [],
  TD: [],
  A: ["href", "rel"],
  IMG: ["src", "alt", "title"],
};
const NEVER_IN_A_POST = [
  "script",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "form",
  "base",
  "meta",
  "link",
  "style",
  "article",
  "header",
  "main",
  "footer",
  "nav",
  "section",
  "dialog",
];

let server: RunningServer;
let browser: Browser;
let cookie = "";
const tried = { bodies: 0, replies: 0, bios: 0, titles: 0 };

beforeAll(async () => {
  // The poster joined two days ago, so the new-member limits (3 threads, 20 replies an hour) do not apply.
  // Written into this file's database (tests/setup/per-file.ts) before the server opens it.
  const joined = await registerMember({
    handle: HANDLE,
    email: `${HANDLE}@example.org`,
    displayName: "Xavier Poster",
    passwordHash: await hashPassword(PASSWORD),
    emailVerifiedAt: Date.now() - 2 * DAY_MS,
    now: Date.now() - 2 * DAY_MS,
  });
  if (!joined.ok) throw new Error(joined.message);
  await closeDatabase();
  [server, browser] = await Promise.all([
    // One poster saves a bio per entry: far past the profile-save limit meant for people.
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH!, PROFILE_SAVE_LIMIT: "100000" } }),
    launchBrowser(),
  ]);
  await openTab();
  const login = await post("/login", { login: HANDLE, password: PASSWORD });
  expect(login.status).toBe(302);
  cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0]!;
  expect(cookie).toMatch(/=/);
});

afterAll(async () => {
  await tab?.close();
  await Promise.all([browser?.close(), server?.stop()]);
  console.info(
    `XSS: ${ENTRIES.length} corpus entries, ${tried.bodies + tried.replies + tried.bios + tried.titles} vectors tried through the routes ` +
      `(${tried.bodies} in thread bodies, ${tried.replies} as replies, ${tried.bios} in bios, ${tried.titles} as titles).`,
  );
});

/** A form POST as the browser would send it, with the session once logged in. */
function post(path: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form),
  });
}

async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

// The forms refuse what is not text (app/lib/validation.ts; tests/security/text-validity.test.ts): the control
// characters some entries hide in are taken out, so the rest of each vector still goes through, and a title,
// being one line, has its line breaks and tabs as spaces.
function postable(input: string): string {
  return input.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "");
}

// Entries after which nothing more of a body shows (an unclosed raw-text element, comment or code fence swallows
// the rest): each goes last in its group, so that every entry in a joined body is read as hostile markup.
const SWALLOWS = new Set(
  ENTRIES.flatMap((entry, i) =>
    htmlToPlainText(renderMarkdown(`${postable(entry.input)}\n\n## Vector end`, { linkMentions: false })).includes(
      "Vector end",
    )
      ? []
      : [i],
  ),
);

/** Consecutive entries in groups of at most `count`, joined under `max` characters (a longer entry alone, cut to it). */
function groups(max: number, count = Infinity): Array<Array<{ entry: Entry; index: number }>> {
  const out: Array<Array<{ entry: Entry; index: number }>> = [];
  let group: Array<{ entry: Entry; index: number }> = [];
  let length = 0;
  ENTRIES.forEach((entry, index) => {
    const size = Math.min(entry.input.length, max) + 40;
    if (group.length && (length + size > max || group.length >= count)) {
      out.push(group);
      group = [];
      length = 0;
    }
    group.push({ entry, index });
    length += size;
    if (SWALLOWS.has(index)) {
      out.push(group);
      group = [];
      length = 0;
    }
  });
  if (group.length) out.push(group);
  return out;
}

/** Entries one after another, each under a marker heading; earlier ones may confuse the parser for later ones, on purpose. */
function joined(group: Array<{ entry: Entry; index: number }>, max: number): string {
  return group
    .map(({ entry, index }) => `## Vector ${index}\n\n${postable(entry.input)}`)
    .join("\n\n")
    .slice(0, max);
}

function titleOf(entry: Entry, index: number): string {
  const title = postable(entry.input)
    .replace(/[\t\n\r\u2028\u2029]/g, " ")
    .slice(0, TITLE_MAX);
  return title.trim().length >= 5 ? title : `${title.trim()} (vector ${index})`;
}

// ---------------------------------------------------------------------------------------------------------
// In the browser

// One visitor's tab for every page: it records dialogs and other hosts' requests for the page being checked,
// answers a post's https images itself (a 1×1 PNG, no network) and refuses every other host.
let tab: TestPage;
const seen = { dialogs: [] as string[], foreign: [] as string[], foreignImages: new Set<string>() };

async function openTab(): Promise<void> {
  tab = await newPage(browser, { baseURL: server.url });
  tab.page.on("dialog", (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  tab.page.on("websocket", (socket) => seen.foreign.push(`websocket ${socket.url()}`));
  await tab.context.route("**/*", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin === server.url) return route.continue();
    if (request.resourceType() === "image" && url.protocol === "https:") {
      seen.foreignImages.add(request.url());
      return route.fulfill({ status: 200, contentType: "image/png", body: PIXEL });
    }
    seen.foreign.push(`${request.resourceType()} ${request.method()} ${request.url()}`);
    return route.abort();
  });
}

/** Loads the page as a visitor with JavaScript on, and waits until it is hydrated and idle. */
async function load(path: string): Promise<Page> {
  const response = await tab.page.goto(path);
  expect(response?.status(), path).toBe(200);
  // Hydrated, then idle: anything a vector could have scheduled has had its chance.
  await tab.page
    .waitForFunction(() => "__remixRouter" in window, undefined, { timeout: HYDRATION_TIMEOUT_MS })
    .catch((error: Error) => {
      throw new Error(`${path} did not hydrate: ${error.message}\n${tab.errors.join("\n")}`);
    });
  await tab.page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 300 })));
  return tab.page;
}

interface PageReport {
  problems: string[];
  proseImages: string[];
  proseCount: number;
  articleCount: number;
  text: string;
}

/** Everything wrong with the page's posts, judged by the browser's own parse of the page. */
function inspect(page: Page): Promise<PageReport> {
  return page.evaluate(
    ({ allowed, never }) => {
      const problems: string[] = [];
      const where = (el: Element) =>
        `<${el.tagName.toLowerCase()}> in ${(el.closest("article, section") as HTMLElement | null)?.id || "a post"}`;
      // Anywhere on the page: the app itself renders no inline handlers, so any is a vector's.
      for (const el of document.querySelectorAll("*")) {
        for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) problems.push(`${attr}= on ${where(el)}`);
      }
      const proseImages: string[] = [];
      const proses = [...document.querySelectorAll(".prose")];
      for (const prose of proses) {
        const post = prose.closest("article") ?? prose.closest("section") ?? prose.parentElement!;
        const box = post.getBoundingClientRect();
        for (const tag of never) if (prose.querySelector(tag)) problems.push(`<${tag}> inside a post's content`);
        for (const el of prose.querySelectorAll("*")) {
          const attrs = allowed[el.tagName];
          if (!attrs) problems.push(`element ${where(el)}`);
          for (const attr of el.getAttributeNames()) {
            if (attr === "style" || !attrs?.includes(attr)) problems.push(`attribute ${attr} on ${where(el)}`);
          }
          // URLs as the browser reads them; one it can't parse goes nowhere, but must still name a safe scheme.
          const schemeOf = (raw: string) =>
            URL.canParse(raw, location.href)
              ? new URL(raw, location.href).protocol
              : (/^[a-z][a-z0-9+.-]*:/i.exec(raw)?.[0] ?? "").toLowerCase();
          if (el instanceof HTMLAnchorElement && el.hasAttribute("href")) {
            const raw = el.getAttribute("href")!;
            const sameSitePath =
              /^\/(?![/\\])/.test(raw) &&
              URL.canParse(raw, location.href) &&
              new URL(raw, location.href).origin === location.origin;
            if (!sameSitePath && !["http:", "https:", "mailto:"].includes(schemeOf(raw)))
              problems.push(`href ${JSON.stringify(raw)}`);
          }
          if (el instanceof HTMLImageElement) {
            const raw = el.getAttribute("src") ?? "";
            // Only pictures uploaded here (docs/decisions/0036): one from elsewhere is a link, never an <img>.
            if (!/^\/uploads\/[0-9a-f]{64}\.(?:jpg|png|webp|gif)$/.test(raw))
              problems.push(`img src ${JSON.stringify(raw)}`);
            else proseImages.push(el.src);
          }
          const position = getComputedStyle(el).position;
          if (position !== "static" && position !== "relative") problems.push(`position ${position} on ${where(el)}`);
          // What shows of it (clipped by any scrolling box inside the post) stays within the post.
          const rect = el.getBoundingClientRect();
          let [left, top, right, bottom] = [rect.left, rect.top, rect.right, rect.bottom];
          for (let up = el.parentElement; up && up !== post; up = up.parentElement) {
            const style = getComputedStyle(up);
            if (style.overflowX === "visible" && style.overflowY === "visible") continue;
            const clip = up.getBoundingClientRect();
            [left, top, right, bottom] = [
              Math.max(left, clip.left),
              Math.max(top, clip.top),
              Math.min(right, clip.right),
              Math.min(bottom, clip.bottom),
            ];
          }
          if (right - left <= 0 || bottom - top <= 0) continue;
          if (left < box.left - 1 || top < box.top - 1 || right > box.right + 1 || bottom > box.bottom + 1) {
            problems.push(
              `${where(el)} outside its post (${Math.round(left)},${Math.round(top)})-(${Math.round(right)},${Math.round(bottom)})`,
            );
          }
        }
      }
      return {
        problems,
        proseImages,
        proseCount: proses.length,
        articleCount: document.querySelectorAll("article").length,
        text: document.body.innerText,
      };
    },
    { allowed: ALLOWED_ATTRIBUTES, never: NEVER_IN_A_POST },
  );
}

/** Loads the page, inspects it (and runs `also` on it); every finding comes back, prefixed with the page. */
async function check(
  path: string,
  expectations: { posts?: number; also?: (page: Page) => Promise<void> } = {},
): Promise<{ findings: string[]; report: PageReport }> {
  seen.dialogs = [];
  seen.foreign = [];
  seen.foreignImages.clear();
  const errorsBefore = tab.errors.length;
  const page = await load(path);
  const report = await inspect(page);
  await expectations.also?.(page);
  const findings = [
    ...seen.dialogs.map((d) => `dialog opened: ${d}`),
    ...seen.foreign.map((r) => `request to another host: ${r}`),
    ...[...seen.foreignImages]
      .filter((src) => !report.proseImages.includes(src))
      .map((src) => `image request not from a post's <img>: ${src}`),
    ...report.problems,
    ...tab.errors.slice(errorsBefore),
  ];
  if (expectations.posts !== undefined && report.articleCount !== expectations.posts) {
    findings.push(
      `${report.articleCount} posts on the page, expected ${expectations.posts}: something broke out of its post`,
    );
  }
  return { findings: findings.map((f) => `${path.slice(0, 60)}: ${f}`), report };
}

// ---------------------------------------------------------------------------------------------------------

describe("the XSS corpus, posted through the routes and read in Chromium", () => {
  const threads: Array<{ path: string; openingId: number; replies: number; markers: number[] }> = [];

  it("posts every entry inside thread bodies and, one by one, as replies", { timeout: STEP_TIMEOUT_MS }, async () => {
    const bodyGroups = groups(BODY_GROUP_CHARS, ENTRIES_PER_THREAD);
    for (const [g, group] of bodyGroups.entries()) {
      const response = await post("/threads/new", {
        intent: "publish",
        title: titleOf(group[0]!.entry, group[0]!.index),
        bodySource: joined(group, 50_000),
        tagSlugs: "organizing",
      });
      expect(response.status, `thread ${g}: ${await response.clone().text()}`).toBe(302);
      const path = response.headers.get("Location")!;
      const html = await (await fetch(`${server.url}${path}`)).text();
      const openingId = Number(/id="post-(\d+)"/.exec(html)?.[1]);
      threads.push({ path, openingId, replies: 0, markers: group.map((m) => m.index) });
      tried.bodies += group.length;
      tried.titles++;
    }
    // Each entry alone, as a reply in the thread whose body holds it.
    const replies = bodyGroups.flatMap((group, g) => group.map(({ entry }) => ({ entry, thread: threads[g]! })));
    await inParallel(replies, 4, async ({ entry, thread }) => {
      const response = await post(`/posts/${thread.openingId}/reply`, {
        intent: "publish",
        bodySource: postable(entry.input),
      });
      expect(response.status, `${entry.name}: ${response.status}`).toBe(302);
      thread.replies++;
      tried.replies++;
    });
    expect(tried.replies).toBe(ENTRIES.length);
  });

  it(
    "refuses, next to the field, every entry whose structure is past the limits",
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      expect(REFUSED.length).toBeGreaterThan(0);
      for (const entry of REFUSED) {
        const response = await post(`/posts/${threads[0]!.openingId}/reply`, {
          intent: "publish",
          bodySource: postable(entry.input),
        });
        expect(response.status, entry.name).toBe(400);
        expect(await response.text(), entry.name).toMatch(/we format at most|mentions are allowed/);
      }
    },
  );

  it(
    "runs no script and keeps every post's content inside the post, on each thread page",
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      const findings: string[] = [];
      let markersSeen = 0;
      for (const thread of threads) {
        const { findings: found, report } = await check(thread.path, { posts: 1 + thread.replies });
        findings.push(...found);
        expect(report.proseCount).toBe(1 + thread.replies);
        markersSeen += thread.markers.filter((i) => report.text.includes(`Vector ${i}`)).length;
      }
      // Every marker shows: no entry before it in its body swallowed it (SWALLOWS come last), or broke the page.
      expect(markersSeen).toBe(tried.bodies);
      expect(findings).toEqual([]);
    },
  );

  it(
    "shows every entry as a title, as plain text, in the topic's lists and on the home page",
    { timeout: STEP_TIMEOUT_MS },
    async () => {
      // The thread bodies above already used some entries as titles; the rest get a thread each, in one topic.
      const expected = new Map<number, string>();
      const rest = ENTRIES.map((entry, index) => ({ entry, index })).filter(
        ({ index }) => !threads.some((t) => t.markers[0] === index),
      );
      await inParallel(rest, 4, async ({ entry, index }) => {
        const title = titleOf(entry, index);
        const response = await post("/threads/new", {
          intent: "publish",
          title,
          bodySource: `Title vector ${index}.`,
          tagSlugs: "funding",
        });
        expect(response.status, `${entry.name}: ${await response.clone().text()}`).toBe(302);
        expected.set(Number(response.headers.get("Location")!.split("/")[2]), title.trim());
        tried.titles++;
      });
      expect(tried.titles).toBe(ENTRIES.length);

      const findings: string[] = [];
      const shown = new Map<number, string>();
      let path: string | null = "/topics/funding";
      for (let pages = 0; path && pages < 20; pages++) {
        let next: string | null = null;
        const { findings: found } = await check(path, {
          also: async (page) => {
            const links = await page
              .locator(".thread-title a")
              .evaluateAll((as) => as.map((a) => [a.getAttribute("href") ?? "", a.textContent ?? ""]));
            for (const [href, text] of links) shown.set(Number(href!.split("/")[2]), text!.trim());
            const older = page.locator('a[rel="next"]');
            next = (await older.count()) ? await older.first().getAttribute("href") : null;
          },
        });
        findings.push(...found);
        path = next;
      }
      findings.push(...(await check("/")).findings);
      expect(findings).toEqual([]);
      for (const [id, title] of expected) expect(shown.get(id), `thread ${id}`).toBe(title);
    },
  );

  it("runs no script from a profile bio and keeps it inside its section", { timeout: STEP_TIMEOUT_MS }, async () => {
    const findings: string[] = [];
    for (const group of groups(BIO_MAX)) {
      const bioSource = joined(group, BIO_MAX);
      const response = await post("/settings/profile", {
        displayName: "Xavier Poster",
        organization: "",
        location: "",
        bioSource,
      });
      expect(response.status, await response.clone().text()).toBe(302);
      tried.bios += group.length;
      findings.push(...(await check(`/members/${HANDLE}`)).findings);
    }
    expect(tried.bios).toBe(ENTRIES.length);
    expect(findings).toEqual([]);
  });
});
