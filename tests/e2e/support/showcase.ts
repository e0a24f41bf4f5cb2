// The pages issue 6 asks us to check for accessibility and to photograph: seeded with the demo content, a
// moderator, a flag queue and notifications, so every page shows what a real one holds. Used by
// accessibility.test.ts and screenshots.test.ts, each with its own server on its own database file.
import type { Browser, Page } from "playwright-core";
import { closeDatabase, getDb } from "~db/client.server";
import { flagPost } from "~/models/flags.server";
import { addMemberNote } from "~/models/members-moderation.server";
import { setThreadFlag } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { createReply } from "~/models/replies.server";
import { seedDemo } from "~/models/seed.server";
import { createThread } from "~/models/threads.server";
import { newPage, type TestPage } from "./browser";
import { createMember, createSessionCookie, type SessionCookie } from "./members";
import { startServer, type RunningServer } from "./server";

export type Viewer = "visitor" | "member" | "moderator";

export interface ShowcasePage {
  /** A file-name-safe name, also the test's name. */
  name: string;
  /** A path, or where to find it once the data is seeded. */
  path: string | ((showcase: Showcase) => string);
  viewer: Viewer;
  /** What to do after loading the page, before checking it (e.g. submit a form to show its errors). */
  prepare?: (page: Page) => Promise<void>;
}

export interface Showcase {
  server: RunningServer;
  /** Session cookies for the seeded viewers, by viewer. */
  cookies: Record<Exclude<Viewer, "visitor">, SessionCookie>;
  /** The demo story with replies four levels deep. */
  nestedThreadPath: string;
  /** A thread with wide content (long link, code, table) and replies nine levels deep. */
  wideThreadPath: string;
}

/** The member whose view we check: a demo member with stories, replies and unread notifications. */
export const MEMBER_HANDLE = "marisol_vega";
export const NESTED_THREAD_TITLE = "How a paper phone tree held our building together through an 11-week rent strike";

/** Seeds the file's database (DATABASE_PATH), then starts the server on it. Call from beforeAll. */
export async function startShowcase(): Promise<Showcase> {
  const db = getDb();
  await seedDemo(db);
  const moderator = await createMember({ handle: "mira_mod", displayName: "Mira Okonjo", role: "moderator" });
  const member = await db
    .selectFrom("members")
    .select("id")
    .where("handle", "=", MEMBER_HANDLE)
    .executeTakeFirstOrThrow();
  const thread = await db
    .selectFrom("threads")
    .select(["id", "slug"])
    .where("title", "=", NESTED_THREAD_TITLE)
    .executeTakeFirstOrThrow();
  // Two flagged replies in the queue: one hidden by three flags, pending review; one flagged once.
  const replies = await db
    .selectFrom("posts")
    .innerJoin("members", "members.id", "posts.author_id")
    .select(["posts.id", "members.handle"])
    .where("posts.thread_id", "=", thread.id)
    .where("posts.depth", ">", 0)
    .orderBy("posts.id")
    .execute();
  const flaggers = await db
    .selectFrom("members")
    .select(["id", "handle"])
    .where("handle", "in", ["hana_cho", "darnell_brooks", "priya_raman"])
    .execute();
  const [first, second] = replies.filter((r) => !flaggers.some((f) => f.handle === r.handle));
  if (!first || !second) throw new Error("The demo thread has too few replies to flag.");
  for (const flagger of flaggers) {
    const result = await flagPost({
      postId: first.id,
      memberId: flagger.id,
      reason: "off-topic",
      note: "This belongs in its own thread.",
    });
    if (!result.ok) throw new Error(result.message);
  }
  const once = await flagPost({
    postId: second.id,
    memberId: flaggers[0]!.id,
    reason: "personal-information",
    note: "",
  });
  if (!once.ok) throw new Error(once.message);

  // A thread built to stretch a narrow screen: a long unbroken link, wide code and a table, and a chain of
  // replies deeper than the page indents (the rest is behind "Continue this thread").
  const voices = await db
    .selectFrom("members")
    .select("id")
    .where("handle", "in", ["tomas_herrera", "adaeze_okafor"])
    .execute();
  const wide = await createThread({
    authorId: member.id,
    kind: "discussion",
    title: WIDE_THREAD_TITLE,
    bodySource: WIDE_BODY,
    tagSlugs: ["training"],
  });
  let parentId: number | null = null;
  for (let depth = 1; depth <= 9; depth++) {
    const reply = await createReply({
      threadId: wide.id,
      parentId,
      authorId: voices[depth % 2]!.id,
      bodySource: `Level ${depth}: our sign-up sheet lives at ${LONG_URL}?step=${depth}`,
    });
    if (!reply.ok) throw new Error(reply.message);
    parentId = reply.postId;
  }

  // A newcomer waiting for a moderator's approval (as with MEMBER_APPROVAL=1), so the queue shows one.
  const newcomer = await createMember({ handle: "wren_waiting", displayName: "Wren Waiting" });
  await db.updateTable("members").set({ approval_state: "waiting" }).where("id", "=", newcomer.id).execute();

  // A moderation log with a thread, a post and a member in it, named by title and name: the wide thread
  // pinned, its deepest reply (behind "Continue this thread") hidden, a note about the newcomer.
  const logged = [
    await setThreadFlag(moderator.id, wide.id, "pin"),
    await moderatePost(moderator.id, parentId!, { reason: "off-topic", note: "Moved to its own thread." }),
    await addMemberNote(moderator.id, newcomer.id, "Asked about their organization before approving."),
  ];
  for (const result of logged) if (!result.ok) throw new Error(result.message);

  const cookies = { member: await createSessionCookie(member.id), moderator: await createSessionCookie(moderator.id) };
  await closeDatabase();
  const server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH as string } });
  return {
    server,
    cookies,
    nestedThreadPath: `/threads/${thread.id}/${thread.slug}`,
    wideThreadPath: `/threads/${wide.id}/${wide.slug}`,
  };
}

const WIDE_THREAD_TITLE = "Sign-up sheets, scripts and spreadsheets: what we actually use";
const LONG_URL =
  "https://forms.example.org/community-health-workers/outreach/2026/sign-up-sheet-for-the-eastside-tenant-association-volunteers";
const WIDE_BODY = `Our volunteer sign-up form is ${LONG_URL} and the call script is pasted below.

\`\`\`
Hi, this is {volunteer_name} from the Eastside Tenants Association, calling about the hearing on {hearing_date} at {hearing_location}.
\`\`\`

| Tool | What for | Cost per month | Who keeps it up |
| --- | --- | --- | --- |
| Shared spreadsheet | Contact list, floor captains, call outcomes | $0 | Volunteer coordinator |
| Text-banking service | Reminders the day before each meeting | $35 | Communications lead |

| Week | Doors | Calls | Texts | Sign-ups | Turnout | Notes |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 120 | 340 | 1,200 | 45 | 38 | Rain on Saturday |
| 2 | 180 | 410 | 1,350 | 61 | 52 | Added Spanish-language captains |

Supercalifragilisticexpialidociousworkflowautomationplatformsubscriptions are not for us.`;

const nestedThread = (showcase: Showcase) => showcase.nestedThreadPath;

export const SHOWCASE_PAGES: ShowcasePage[] = [
  { name: "home", path: "/", viewer: "visitor" },
  { name: "topics", path: "/topics", viewer: "visitor" },
  { name: "topic", path: "/topics/organizing", viewer: "visitor" },
  { name: "thread", path: nestedThread, viewer: "visitor" },
  { name: "thread-member", path: nestedThread, viewer: "member" },
  { name: "thread-wide-deep", path: (showcase) => showcase.wideThreadPath, viewer: "member" },
  {
    name: "story-composer-error",
    path: "/stories/new",
    viewer: "member",
    // Publish with a one-letter title and no topic: the page comes back with an error next to each field.
    prepare: async (page) => {
      await page.getByLabel("Title", { exact: true }).fill("A");
      await page.getByRole("button", { name: "Publish story" }).click();
      await page.getByRole("group", { name: "Topics" }).getByRole("alert").waitFor();
      await page
        .getByRole("textbox", { name: "Title", exact: true })
        .and(page.locator("[aria-invalid=true]"))
        .waitFor();
    },
  },
  { name: "profile", path: `/members/${MEMBER_HANDLE}`, viewer: "visitor" },
  { name: "search", path: "/search?q=phone+tree", viewer: "visitor" },
  { name: "notifications", path: "/notifications", viewer: "member" },
  { name: "flag-queue", path: "/mod/flags", viewer: "moderator" },
  { name: "approval-queue", path: "/mod/approvals", viewer: "moderator" },
  { name: "mod-log", path: "/mod/log", viewer: "moderator" },
  { name: "mod-member", path: "/mod/members/wren_waiting", viewer: "moderator" },
  { name: "facilitate", path: "/mod/facilitate", viewer: "moderator" },
  { name: "join", path: "/join", viewer: "visitor" },
  { name: "login", path: "/login", viewer: "visitor" },
  { name: "forgot-password", path: "/forgot-password", viewer: "visitor" },
  { name: "email-settings", path: "/settings/email", viewer: "member" },
];

/** A tab for the viewer on the showcase's server (JavaScript on unless told, 1280 px wide unless told). */
export async function openAs(
  browser: Browser,
  showcase: Showcase,
  viewer: Viewer,
  { width = 1280, javaScriptEnabled = true }: { width?: number; javaScriptEnabled?: boolean } = {},
): Promise<TestPage> {
  const tab = await newPage(browser, { baseURL: showcase.server.url, width, height: 900, javaScriptEnabled });
  if (viewer !== "visitor") await tab.context.addCookies([{ ...showcase.cookies[viewer], url: showcase.server.url }]);
  return tab;
}

/** Loads a showcase page and makes it ready to check: hydrated (with JavaScript), fonts loaded, prepared. */
export async function visit(page: Page, showcase: Showcase, target: ShowcasePage): Promise<void> {
  const path = typeof target.path === "string" ? target.path : target.path(showcase);
  const response = await page.goto(path);
  if (!response?.ok()) throw new Error(`${path} answered ${response?.status()}`);
  await whenSettled(page);
  if (target.prepare) {
    await target.prepare(page);
    await whenSettled(page);
  }
}

/**
 * Waits for Remix to hydrate the page (when it runs scripts at all) and for the browser to go idle, and for
 * fonts; quicker than waiting for the network to stay quiet for half a second.
 */
async function whenSettled(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  const scripted = await page.evaluate(() => "__remixContext" in window);
  if (scripted) await page.waitForFunction(() => "__remixRouter" in window);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) =>
      typeof requestIdleCallback === "function"
        ? requestIdleCallback(resolve, { timeout: 1000 })
        : setTimeout(resolve, 50),
    );
  });
}
