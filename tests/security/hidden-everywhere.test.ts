// Hidden means hidden, everywhere, at once (issue 12, section 2). One matrix, generated from three arrays:
// surfaces (every page, feed, email and export that can show a thread or a post) x changes (a moderator hides
// a reply, hides a thread, flags hide a reply, its author deletes it, its author is suspended) x viewers
// (visitor, member, author, moderator). Each change gets a scenario of its own, written into the database
// before the production server starts; the change itself goes through the server over HTTP, so the server's
// own page cache invalidation is what is tested. For each change: read every surface as every viewer (the
// visitor first, which fills the visitor page cache), make the change, read everything again.
//
// The rules checked (docs/decisions/0012-hidden-means-hidden.md):
// - removed content is shown to no one; content moderators hid (or flags hid, pending review) is shown, marked
//   as hidden, to its author and to moderators, on its own pages (thread, branch, permalink, history) and in
//   members' own lists (notifications, flags, drafts); others get a 404 there, or a placeholder where other
//   replies hang on it;
// - lists, feeds, search, digests, round pages and exports show only what everyone may see, to everyone;
// - a suspension hides nothing: the member's content stays as it was;
// - a write drops exactly the cached visitor pages that showed what it changed.
// Members' thread and branch pages are assembled from post card fragments rendered once for every reader who
// sees a post the same way (docs/decisions/0030): each member reads every surface before the change (which fills
// the fragment cache with their cards) and again after it, so every rule above is checked against fragments
// too. tests/security/post-fragments.test.ts adds each reader's controls and edits and renames.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { runDigests } from "~/models/digest-run.server";
import { releaseDigest, setDigestFrequency } from "~/models/digests.server";
import { setBookmark } from "~/models/bookmarks.server";
import { saveDraft } from "~/models/drafts.server";
import { flagPost } from "~/models/flags.server";
import { followTopic, setThreadFollow } from "~/models/follows.server";
import { editPost } from "~/models/posts.server";
import { composeReplyAlert } from "~/models/reply-alert-mail.server";
import { REPLY_ALERT_KIND } from "~/models/reply-alerts.server";
import { createRound } from "~/models/rounds.server";
import { createTopic } from "~/models/topic-admin.server";
import { DAY_MS } from "~/lib/rounds";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { createTestAnswer } from "../factories/rounds";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";

const FLAG_HIDE_THRESHOLD = 2;

// --- the three axes ----------------------------------------------------------------------------------------

const VIEWERS = ["visitor", "member", "author", "moderator"] as const;
type ViewerKey = (typeof VIEWERS)[number];
const SIGNED_IN: ViewerKey[] = ["member", "author", "moderator"];

/** What a scenario shows, each piece with a word of its own to look for. */
const PIECES = ["title", "opening", "reply", "below", "promptTitle", "answer"] as const;
type Piece = (typeof PIECES)[number];
const PIECE_CODES: Record<Piece, string> = {
  title: "ti",
  opening: "op",
  reply: "re",
  below: "be",
  promptTitle: "pt",
  answer: "an",
};

/**
 * What a change can hide: the discussion (by its thread author), the author's reply in it, the round's prompt
 * thread (by a moderator) and the author's named answer to it. A piece is inside one or more of them.
 */
type Unit = "thread" | "reply" | "prompt" | "answer";
const UNITS_OF: Record<Piece, Unit[]> = {
  title: ["thread"],
  opening: ["thread"],
  reply: ["thread", "reply"],
  below: ["thread"],
  promptTitle: ["prompt"],
  answer: ["prompt", "answer"],
};

interface Change {
  key: string;
  label: string;
  /** Which units it hides or removes. */
  affects: Partial<Record<Unit, "hidden" | "deleted">>;
  /** The "author" viewer: who wrote what the change is about. */
  author: "replyAuthor" | "threadAuthor";
  apply(s: Scenario): Promise<void>;
}

const CHANGES: Change[] = [
  {
    key: "hide-post",
    label: "a moderator hides a reply",
    affects: { reply: "hidden", answer: "hidden" },
    author: "replyAuthor",
    async apply(s) {
      for (const id of [s.posts.reply, s.posts.answer])
        await send(`/mod/posts/${id}`, { intent: "hide", reason: "spam", note: "" }, s.members.moderator);
    },
  },
  {
    key: "hide-thread",
    label: "a moderator hides a thread",
    affects: { thread: "hidden", prompt: "hidden" },
    author: "threadAuthor",
    async apply(s) {
      for (const id of [s.thread.id, s.prompt.id])
        await send(`/mod/threads/${id}`, { intent: "hide", reason: "off-topic", note: "" }, s.members.moderator);
    },
  },
  {
    key: "flag-hide",
    label: `${FLAG_HIDE_THRESHOLD} flags hide a reply`,
    affects: { reply: "hidden", answer: "hidden" },
    author: "replyAuthor",
    async apply(s) {
      for (const id of [s.posts.reply, s.posts.answer])
        for (const flagger of [s.members.member, s.members.replier])
          await send(`/posts/${id}/flag`, { reason: "harassment", note: "" }, flagger);
    },
  },
  {
    key: "delete",
    label: "its author deletes a reply",
    affects: { reply: "deleted", answer: "deleted" },
    author: "replyAuthor",
    async apply(s) {
      for (const id of [s.posts.reply, s.posts.answer]) await send(`/posts/${id}/delete`, {}, s.members.replyAuthor);
    },
  },
  {
    key: "suspend",
    label: "its author is suspended",
    affects: {},
    author: "replyAuthor",
    async apply(s) {
      const reason = "Suspended to see what it hides";
      await send(
        `/mod/members/${s.members.replyAuthor.handle}`,
        { intent: "suspend", reason, length: "7d" },
        s.members.moderator,
      );
      // A suspension ends the member's sessions; they may still log in and read.
      const login = await send("/login", { login: s.members.replyAuthor.handle, password: FACTORY_PASSWORD });
      s.members.replyAuthor.cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0]!;
    },
  },
];

// --- scenarios ---------------------------------------------------------------------------------------------

interface Member extends TestMember {
  role: "member" | "moderator";
  cookie: string;
}

interface Scenario {
  key: string;
  word: Record<Piece, string>;
  topic: string;
  roundId: number;
  thread: { id: number; slug: string };
  prompt: { id: number; slug: string };
  /** `first` is a reply to `reply` before `below`: a branch page of `reply` after it shows `below` (a page 2). */
  posts: { opening: number; reply: number; first: number; below: number; answer: number };
  /** The latest earlier version of the reply and of the answer: `?before=` it is their history's next page. */
  revisions: { reply: number; answer: number };
  members: {
    threadAuthor: Member;
    replyAuthor: Member;
    replier: Member;
    member: Member;
    moderator: Member;
    promptAuthor: Member;
  };
}

/** Who wrote each unit: their author may see it while it is hidden. */
function ownerOf(s: Scenario, unit: Unit): Member {
  return unit === "thread"
    ? s.members.threadAuthor
    : unit === "prompt"
      ? s.members.promptAuthor
      : s.members.replyAuthor;
}

function viewerMember(s: Scenario, viewer: ViewerKey, change: Change): Member | null {
  if (viewer === "visitor") return null;
  if (viewer === "author") return s.members[change.author];
  return s.members[viewer];
}

/** Six letters and a digit: with a piece's code after it, a word that appears nowhere else. */
const randomTag = () =>
  Array.from({ length: 6 }, () => "abcdefghjkmnpqrstuvwxyz"[Math.floor(Math.random() * 23)]).join("") +
  String(Math.floor(Math.random() * 10));

async function member(role: Member["role"] = "member"): Promise<Member> {
  const created = await createMember({ role });
  return { ...created, role, cookie: await sessionCookieFor(created.id) };
}

/**
 * A discussion with a reply by its "reply author" and a reply below that, and a round whose one prompt the
 * reply author answers with their name; followers, digests and sessions set up. Written before the server
 * starts, through the app's own models.
 */
async function createScenario(key: string): Promise<Scenario> {
  const tag = randomTag();
  const word = Object.fromEntries(PIECES.map((p) => [p, `${tag}${PIECE_CODES[p]}`])) as Record<Piece, string>;
  const members = {
    threadAuthor: await member(),
    replyAuthor: await member(),
    replier: await member(),
    member: await member(),
    moderator: await member("moderator"),
    promptAuthor: await member("moderator"),
  };
  const topicSlug = `matrix-${key}-${tag}`;
  const topic = await createTopic(members.moderator.id, { slug: topicSlug, name: `Matrix ${key}`, description: "" });
  if (!topic.ok) throw new Error(topic.message);
  for (const m of [members.member, members.replyAuthor, members.threadAuthor, members.moderator]) {
    await followTopic(m.id, topic.id);
    await setDigestFrequency(m.id, "daily");
  }
  const thread = await createTestThread({
    authorId: members.threadAuthor.id,
    title: `Discussion ${word.title} for the matrix`,
    body: `${word.opening} opens the discussion.`,
    tagSlugs: [topicSlug],
  });
  for (const m of [members.member, members.moderator]) await setThreadFollow(m.id, thread.id, "following");
  const opening = await openingPostId(thread.id);
  const reply = await createTestReply({
    threadId: thread.id,
    parentId: opening,
    authorId: members.replyAuthor.id,
    body: `${word.reply} is what the author replied.`,
  });
  const first = await createTestReply({
    threadId: thread.id,
    parentId: reply,
    authorId: members.replier.id,
    body: "A first answer to the reply above, in no words of the matrix.",
  });
  const below = await createTestReply({
    threadId: thread.id,
    parentId: reply,
    authorId: members.replier.id,
    body: `${word.below} answers the reply above.`,
  });
  // Edited twice, so that its history has a page before its latest earlier version.
  for (const then of ["and then edited", "and edited again"]) {
    const edited = await editPost({
      post: { id: reply },
      editorId: members.replyAuthor.id,
      bodySource: `${word.reply} is what the author replied, ${then}.`,
    });
    if (!edited.ok) throw new Error(edited.message);
  }
  // The member's own lists name the thread too: a flag they raised in it, a reply they started there.
  const flagged = await flagPost({ postId: below, memberId: members.member.id, reason: "off-topic", note: "" });
  if (!flagged.ok) throw new Error(flagged.message);
  await saveDraft({
    memberId: members.member.id,
    kind: "reply",
    threadId: thread.id,
    parentPostId: below,
    bodySource: "A reply not sent yet.",
  });

  const now = Date.now();
  const round = await createRound({
    createdBy: members.promptAuthor.id,
    title: `Round of the ${key} scenario`,
    purposeSource: "What this round wants to learn.",
    opensAt: now - DAY_MS,
    closesAt: now + 5 * DAY_MS,
    answerFirst: false,
    tagSlugs: [topicSlug],
    prompts: [{ title: `Prompt ${word.promptTitle} of the round`, bodySource: "What did you learn this year?" }],
    now,
  });
  if (!round.ok) throw new Error(round.message);
  const promptRow = await getDb()
    .selectFrom("round_prompts")
    .innerJoin("threads", "threads.id", "round_prompts.thread_id")
    .select(["threads.id", "threads.slug"])
    .where("round_prompts.round_id", "=", round.id)
    .executeTakeFirstOrThrow();
  await setThreadFollow(members.moderator.id, promptRow.id, "following");
  for (const m of [members.member, members.threadAuthor])
    await createTestAnswer({ roundId: round.id, threadId: promptRow.id, memberId: m.id, consent: "named" });
  const answer = await createTestAnswer({
    roundId: round.id,
    threadId: promptRow.id,
    memberId: members.replyAuthor.id,
    consent: "named",
    body: `${word.answer} is the named answer.`,
  });
  for (const then of ["edited once", "edited twice"]) {
    const answerEdited = await editPost({
      post: { id: answer },
      editorId: members.replyAuthor.id,
      bodySource: `${word.answer} is the named answer, ${then}.`,
    });
    if (!answerEdited.ok) throw new Error(answerEdited.message);
  }
  // Everyone signed in saved the discussion, the reply and the answer for later (/saved).
  for (const m of [members.member, members.replyAuthor, members.threadAuthor, members.moderator]) {
    for (const postId of [opening, reply, answer]) await setBookmark({ memberId: m.id, postId, saved: true });
  }
  return {
    key,
    word,
    topic: topicSlug,
    roundId: round.id,
    thread: { id: thread.id, slug: thread.slug },
    prompt: { id: promptRow.id, slug: promptRow.slug },
    posts: { opening, reply, first, below, answer },
    revisions: { reply: await latestRevisionId(reply), answer: await latestRevisionId(answer) },
    members,
  };
}

async function latestRevisionId(postId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("post_revisions")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("post_id", "=", postId)
    .executeTakeFirstOrThrow();
  if (row.id === null) throw new Error(`post ${postId} has no earlier version`);
  return row.id;
}

// --- reading the surfaces ----------------------------------------------------------------------------------

let server: RunningServer;
let outbox: string;

interface Page {
  path: string;
  status: number;
  location: string | null;
  /** The body, without the address asked for (a page may repeat it, say in its log-in link). */
  text: string;
  cache: string | null;
}

interface Snapshot {
  pages: Page[];
  /** The pieces found, by their words. */
  found: Set<Piece>;
  /** The notification count in the page header, and the count the rules give (notification count only). */
  count?: number;
  expectedCount?: number;
}

async function send(path: string, form: Record<string, string>, as?: Member): Promise<Response> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(as ? { Cookie: as.cookie } : {}),
    },
    body: new URLSearchParams(form),
  });
  if (response.status !== 302)
    throw new Error(`POST ${path} answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return response;
}

async function read(path: string, as: Member | null): Promise<Page> {
  const response = await fetch(`${server.url}${path}`, {
    redirect: "manual",
    headers: as ? { Cookie: as.cookie } : {},
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  const text = [path, encodeURIComponent(path), path.replace(/&/g, "&amp;")].reduce(
    (t, p) => t.split(p).join(""),
    body,
  );
  return {
    path,
    status: response.status,
    location: response.headers.get("Location"),
    text,
    cache: response.headers.get("X-Page-Cache"),
  };
}

function findPieces(s: Scenario, text: string): Set<Piece> {
  return new Set(PIECES.filter((p) => text.includes(s.word[p])));
}

interface Surface {
  key: string;
  /** "own": the content's own pages and notifications, where its author and moderators see it hidden, marked.
   * "public": lists, feeds, search, digests, rounds and exports, the same for everyone who may read them. */
  rule: "own" | "public";
  viewers: readonly ViewerKey[];
  /** What it shows each viewer before any change: what a cell expects to find, so that its absence means something. */
  shows(viewer: ViewerKey, change: Change): Piece[];
  /** None for digests and reply alerts: read for every member at once (readDigests, readAlerts). */
  read?(s: Scenario, as: Member | null): Promise<Snapshot>;
  /** Pieces this surface shows only as the context of others (a thread's title above a reply in it): such a
   * piece need not stay once none of those others may be shown. */
  alongside?: Partial<Record<Piece, Piece[]>>;
}

const pagesOf =
  (paths: (s: Scenario) => string[]) =>
  async (s: Scenario, as: Member | null): Promise<Snapshot> => {
    const pages: Page[] = [];
    for (const path of paths(s)) pages.push(await read(path, as));
    return { pages, found: findPieces(s, pages.map((p) => p.text).join("\n")) };
  };

const ALL = [...PIECES];
const threadPath = (t: { id: number; slug: string }) => `/threads/${t.id}/${t.slug}`;

const profilePaths = (s: Scenario) => [
  `/members/${s.members.replyAuthor.handle}?section=replies`,
  `/members/${s.members.replier.handle}?section=replies`,
  `/members/${s.members.threadAuthor.handle}?section=discussions`,
];
/** The pages of a scenario that the visitor page cache keeps, but for those shared with others (home, topic index). */
const ownCachedPages = (s: Scenario) => [
  threadPath(s.thread),
  threadPath(s.prompt),
  `/topics/${s.topic}`,
  ...profilePaths(s),
];

const SURFACES: Surface[] = [
  {
    key: "thread page",
    rule: "own",
    viewers: VIEWERS,
    shows: () => ALL,
    read: pagesOf((s) => [threadPath(s.thread), threadPath(s.prompt)]),
  },
  {
    key: "branch page",
    rule: "own",
    viewers: VIEWERS,
    shows: () => ["title", "reply", "below"],
    read: pagesOf((s) => [`/posts/${s.posts.below}?branch=1`]),
  },
  {
    // A bounded branch page's next part (docs/decisions/0005): the reply at its top, its replies after `first`.
    key: "branch page, later replies",
    rule: "own",
    viewers: VIEWERS,
    shows: () => ["title", "reply", "below"],
    read: pagesOf((s) => [`/posts/${s.posts.reply}?after=${s.posts.first}&branch=1`]),
  },
  {
    key: "permalink",
    rule: "own",
    viewers: VIEWERS,
    shows: () => [],
    read: pagesOf((s) => [`/posts/${s.posts.reply}`, `/posts/${s.posts.answer}`]),
  },
  {
    key: "edit history",
    rule: "own",
    viewers: VIEWERS,
    shows: () => ["title", "reply", "promptTitle", "answer"],
    read: pagesOf((s) => [`/posts/${s.posts.reply}/history`, `/posts/${s.posts.answer}/history`]),
    alongside: { title: ["reply"], promptTitle: ["answer"] },
  },
  {
    // A paged history's older versions (?before=), which the first page links to when there are many.
    key: "edit history, older versions",
    rule: "own",
    viewers: VIEWERS,
    shows: () => ["title", "reply", "promptTitle", "answer"],
    read: pagesOf((s) => [
      `/posts/${s.posts.reply}/history?before=${s.revisions.reply}`,
      `/posts/${s.posts.answer}/history?before=${s.revisions.answer}`,
    ]),
    alongside: { title: ["reply"], promptTitle: ["answer"] },
  },
  {
    key: "profile activity tabs",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ALL,
    read: pagesOf(profilePaths),
    alongside: { title: ["opening", "reply", "below"], promptTitle: ["answer"] },
  },
  {
    key: "home",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["title", "opening"],
    read: pagesOf(() => ["/"]),
  },
  {
    key: "topic lists",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["title", "opening", "promptTitle"],
    read: pagesOf((s) => [`/topics/${s.topic}`, "/topics"]),
  },
  {
    key: "search",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ALL,
    // A piece is found when searching for its word finds something (the page repeats the word it was asked for).
    async read(s, as) {
      const pages: Page[] = [];
      const found = new Set<Piece>();
      for (const piece of PIECES) {
        const page = await read(`/search?q=${s.word[piece]}`, as);
        pages.push(page);
        if (page.text.includes('class="snippet"')) found.add(piece);
      }
      return { pages, found };
    },
  },
  {
    key: "site feed",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["title", "opening", "promptTitle"],
    read: pagesOf(() => ["/feed.atom"]),
  },
  {
    key: "topic feed",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["title", "opening", "promptTitle"],
    read: pagesOf((s) => [`/topics/${s.topic}/feed.atom`]),
  },
  {
    key: "member feed",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["title", "opening"],
    read: pagesOf((s) => [`/members/${s.members.threadAuthor.handle}/feed.atom`]),
  },
  {
    key: "thread feeds",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["title", "reply", "below", "promptTitle", "answer"],
    read: pagesOf((s) => [`/threads/${s.thread.id}/feed.atom`, `/threads/${s.prompt.id}/feed.atom`]),
  },
  {
    key: "rounds feed",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["promptTitle"],
    read: pagesOf(() => ["/rounds/feed.atom"]),
  },
  {
    key: "notifications page",
    rule: "own",
    viewers: SIGNED_IN,
    shows: (viewer) => (viewer === "author" ? ["title"] : ["title", "promptTitle"]),
    read: pagesOf(() => ["/notifications"]),
  },
  {
    key: "notification count",
    rule: "own",
    viewers: SIGNED_IN,
    shows: () => [],
    async read(s, as) {
      const page = await read("/about", as);
      const match = /Notifications, (\d+) unread/.exec(page.text);
      return {
        pages: [page],
        found: new Set(),
        count: match ? Number(match[1]) : 0,
        expectedCount: await unreadTheRulesAllow(as!),
      };
    },
  },
  {
    key: "your flags",
    rule: "own",
    viewers: ["member"],
    shows: () => ["title"],
    read: pagesOf(() => ["/flags"]),
  },
  {
    key: "saved for later",
    rule: "own",
    viewers: SIGNED_IN,
    shows: () => ["title", "opening", "reply", "promptTitle", "answer"],
    read: pagesOf(() => ["/saved"]),
    // The prompt's title is there only as the answer's thread.
    alongside: { promptTitle: ["answer"] },
  },
  {
    key: "your drafts",
    rule: "own",
    viewers: ["member"],
    shows: () => ["title"],
    read: pagesOf(() => ["/drafts"]),
  },
  {
    key: "digest",
    rule: "public",
    viewers: SIGNED_IN,
    shows: () => ["title", "promptTitle"],
  },
  {
    // Replies to the author's posts (theirs only: the others here follow, which alerts nothing), as the mail
    // worker would email them now: an email is read away from the site, so only what everyone may see.
    key: "reply alerts",
    rule: "public",
    viewers: ["author"],
    shows: (_viewer, change) => (change.author === "threadAuthor" ? ["title", "reply"] : ["title", "below"]),
    alongside: { title: ["reply", "below"] },
  },
  {
    key: "round page",
    rule: "public",
    viewers: VIEWERS,
    shows: () => ["promptTitle"],
    read: pagesOf((s) => [`/rounds/${s.roundId}`]),
  },
  {
    key: "your answers",
    rule: "public",
    viewers: ["member", "author"],
    shows: (viewer, change) =>
      viewer === "author" && change.author === "replyAuthor" ? ["promptTitle", "answer"] : ["promptTitle"],
    read: pagesOf((s) => [`/rounds/${s.roundId}/mine`]),
  },
  {
    key: "round exports",
    rule: "public",
    viewers: VIEWERS,
    shows: (viewer) => (viewer === "moderator" ? ["promptTitle", "answer"] : []),
    read: pagesOf((s) => [`/rounds/${s.roundId}/export.csv`, `/rounds/${s.roundId}/export.json`]),
  },
];

/** The count of unread notifications a member may see, by the rules, from the rows themselves. */
async function unreadTheRulesAllow(member: Member): Promise<number> {
  const rows = await getDb()
    .selectFrom("notifications as n")
    .leftJoin("threads as t", "t.id", "n.thread_id")
    .leftJoin("posts as p", "p.id", "n.post_id")
    .select([
      "n.kind",
      "t.id as thread_id",
      "t.hidden_at as thread_hidden",
      "t.deleted_at as thread_deleted",
      "t.author_id as thread_author",
      "p.id as post_id",
      "p.hidden_at as post_hidden",
      "p.deleted_at as post_deleted",
      "p.author_id as post_author",
    ])
    .where("n.member_id", "=", member.id)
    .where("n.read_at", "is", null)
    .execute();
  const sees = (hidden: number | null, deleted: number | null, author: number | null) =>
    deleted === null && (hidden === null || member.role === "moderator" || author === member.id);
  // Notices about the member's own content being moderated, or their flags, are theirs whatever the content.
  const aboutModeration = ["content-hidden", "content-restored", "flag-outcome"];
  return rows.filter(
    (r) =>
      aboutModeration.includes(r.kind) ||
      ((r.thread_id === null || sees(r.thread_hidden, r.thread_deleted, r.thread_author)) &&
        (r.post_id === null || sees(r.post_hidden, r.post_deleted, r.post_author))),
  ).length;
}

/**
 * What each viewer's queued reply alerts would email now: their jobs, one batch per thread, composed as the mail
 * worker composes them at send time (composeReplyAlert), in this process and without claiming or sending
 * them. An alert goes only while its notification is unread, and seeing a post on a page reads it, so the
 * viewers' reply and mention notifications are made unread first: a write from this process, which (like the
 * digests) is why this runs before the pages are read and cached, and after the cache was checked.
 */
async function readAlerts(s: Scenario, change: Change): Promise<Map<ViewerKey, Snapshot>> {
  const snapshots = new Map<ViewerKey, Snapshot>();
  for (const viewer of SIGNED_IN) {
    const m = viewerMember(s, viewer, change)!;
    await getDb()
      .updateTable("notifications")
      .set({ read_at: null })
      .where("member_id", "=", m.id)
      .where("kind", "in", ["reply", "mention"])
      .execute();
    const jobs = await getDb()
      .selectFrom("mail_jobs")
      .select(["id", "kind", "payload", "attempts", "group_key"])
      .where("member_id", "=", m.id)
      .where("kind", "=", REPLY_ALERT_KIND)
      .where("state", "=", "queued")
      .orderBy("id")
      .execute();
    const pages: Page[] = [];
    for (const groupKey of new Set(jobs.map((j) => j.group_key))) {
      const batch = {
        token: "hidden-everywhere",
        memberId: m.id,
        groupKey,
        jobs: jobs
          .filter((j) => j.group_key === groupKey)
          .map((j) => ({ id: j.id, kind: j.kind, payload: JSON.parse(j.payload) as unknown, attempts: j.attempts })),
      };
      const { mail } = await composeReplyAlert(batch, { now: Date.now(), origin: server.url });
      const text = mail ? [mail.subject, mail.text, mail.html].join("\n") : "";
      pages.push({ path: `(alert, ${groupKey})`, status: 0, location: null, text, cache: null });
    }
    snapshots.set(viewer, { pages, found: findPieces(s, pages.map((p) => p.text).join("\n")) });
  }
  return snapshots;
}

/** Runs the daily digest into the outbox (as `npm run digest` would) and reads each member's email. */
async function readDigests(s: Scenario, change: Change): Promise<Map<ViewerKey, Snapshot>> {
  const report = await runDigests("daily", { origin: server.url });
  if (report.failed.length) throw new Error(`Digests failed: ${JSON.stringify(report.failed)}`);
  // Give the claims back, so that the next run sends this period's digest again.
  for (const sent of report.sent) await releaseDigest(sent.memberId, "daily", report.key);
  const snapshots = new Map<ViewerKey, Snapshot>();
  for (const viewer of SIGNED_IN) {
    const m = viewerMember(s, viewer, change)!;
    const sent = report.sent.find((r) => r.memberId === m.id);
    const text = sent ? decodeQuotedPrintable(readFileSync(sent.where, "utf8")) : "";
    snapshots.set(viewer, {
      pages: [{ path: sent?.where ?? "(no digest)", status: 0, location: null, text, cache: null }],
      found: findPieces(s, text),
    });
  }
  return snapshots;
}

function decodeQuotedPrintable(eml: string): string {
  return eml
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function readAll(s: Scenario, change: Change): Promise<Map<string, Map<ViewerKey, Snapshot>>> {
  const all = new Map<string, Map<ViewerKey, Snapshot>>();
  for (const surface of SURFACES) all.set(surface.key, new Map());
  // The visitor first: their reads fill (or are served from) the page cache.
  for (const viewer of VIEWERS) {
    const as = viewerMember(s, viewer, change);
    for (const surface of SURFACES) {
      if (surface.read && surface.viewers.includes(viewer))
        all.get(surface.key)!.set(viewer, await surface.read(s, as));
    }
  }
  return all;
}

// --- what a cell expects -----------------------------------------------------------------------------------

/** Whether the rules let this viewer see this piece on this kind of surface after the change. */
function mayShow(s: Scenario, change: Change, viewer: ViewerKey, piece: Piece, rule: Surface["rule"]): boolean {
  const who = viewerMember(s, viewer, change);
  return UNITS_OF[piece].every((unit) => {
    const state = change.affects[unit];
    if (!state) return true;
    if (state === "deleted" || rule === "public") return false;
    return who !== null && (who.role === "moderator" || who.id === ownerOf(s, unit).id);
  });
}

const MARKS = {
  replyHidden: "Hidden by moderators",
  replyPlaceholder: "This reply was hidden by moderators.",
  replyRemoved: "This reply was removed by its author.",
  threadHidden: "This thread is hidden by moderators",
};

/** Notices a page must carry after the change: hidden content marked, placeholders where replies hang on it. */
function expectedMarks(surface: string, s: Scenario, change: Change, viewer: ViewerKey): string[] {
  const threadVisible = mayShow(s, change, viewer, "title", "own");
  const marks: string[] = [];
  if (surface === "thread page" || surface.startsWith("branch page")) {
    // The reply has a reply below it, so it keeps its place.
    if (threadVisible && change.affects.reply === "deleted") marks.push(MARKS.replyRemoved);
    if (threadVisible && change.affects.reply === "hidden")
      marks.push(mayShow(s, change, viewer, "reply", "own") ? MARKS.replyHidden : MARKS.replyPlaceholder);
  }
  if (surface === "thread page" && change.affects.thread === "hidden" && threadVisible) marks.push(MARKS.threadHidden);
  if (
    surface.startsWith("edit history") &&
    change.affects.reply === "hidden" &&
    mayShow(s, change, viewer, "reply", "own")
  )
    marks.push(MARKS.replyHidden);
  return marks;
}

function checkCell(
  cell: string,
  surface: Surface,
  s: Scenario,
  change: Change,
  viewer: ViewerKey,
  before: Snapshot,
  after: Snapshot,
) {
  const where = (snapshot: Snapshot) =>
    snapshot.pages.map((p) => `${p.path} → ${p.status}${p.cache ? ` (cache ${p.cache})` : ""}`).join(", ");
  // Before the change, the surface shows what it is for: otherwise "not found after" would prove nothing.
  for (const piece of surface.shows(viewer, change))
    expect(before.found.has(piece), `${cell}: before the change, ${piece} was not shown (${where(before)})`).toBe(true);

  const stillInContext = (piece: Piece) =>
    surface.alongside?.[piece]?.some((other) => mayShow(s, change, viewer, other, surface.rule)) ?? true;
  for (const piece of PIECES) {
    const allowed = mayShow(s, change, viewer, piece, surface.rule);
    const message = `${cell}: ${piece} (“${s.word[piece]}”) is still shown (${where(after)})`;
    if (!allowed) expect(after.found.has(piece), message).toBe(false);
    else if (before.found.has(piece) && stillInContext(piece))
      expect(
        after.found.has(piece),
        `${cell}: ${piece} is no longer shown, though the rules allow it (${where(after)})`,
      ).toBe(true);
  }

  const text = after.pages.map((p) => p.text).join("\n");
  for (const mark of expectedMarks(surface.key, s, change, viewer))
    expect(text.includes(mark), `${cell}: the page does not say “${mark}” (${where(after)})`).toBe(true);

  if (surface.key === "permalink") {
    for (const page of before.pages)
      expect(page.status, `${cell}: before the change, ${page.path} did not lead to its thread`).toBe(302);
    const targets = [
      { page: after.pages[0]!, piece: "reply" as const, thread: s.thread, title: s.word.title },
      { page: after.pages[1]!, piece: "answer" as const, thread: s.prompt, title: s.word.promptTitle },
    ];
    for (const { page, piece, thread, title } of targets) {
      if (mayShow(s, change, viewer, piece, "own")) {
        expect(page.status, `${cell}: ${page.path} should lead to its thread`).toBe(302);
        expect(page.location, `${cell}: ${page.path}`).toContain(`/threads/${thread.id}/${thread.slug}`);
      } else {
        expect(page.status, `${cell}: ${page.path} should answer 404`).toBe(404);
        expect(page.location, `${cell}: ${page.path} gives an address`).toBeNull();
        expect(page.text.includes(title), `${cell}: ${page.path} names the thread`).toBe(false);
      }
    }
  }
  if (surface.key === "notification count") {
    expect(before.count, `${cell}: before the change, the header count`).toBe(before.expectedCount);
    expect(after.count, `${cell}: the header counts notifications about what this viewer may not see`).toBe(
      after.expectedCount,
    );
  }
}

/**
 * Which cached visitor pages a change must drop (they showed what it changed) and which it must keep (they
 * did not): a reply's change leaves the profile of the member who answered it alone; a suspension changes no
 * page; nothing changes the pages of another discussion (the control scenario).
 */
function expectedCache(change: Change, s: Scenario, control: Scenario): { dropped: string[]; kept: string[] } {
  const controlPages = ownCachedPages(control);
  const own = [threadPath(s.thread), threadPath(s.prompt), `/topics/${s.topic}`, "/"];
  const [replyAuthor, replier, threadAuthor] = profilePaths(s) as [string, string, string];
  if (change.key === "suspend")
    return { dropped: [], kept: [...own, replyAuthor, replier, threadAuthor, ...controlPages] };
  if (change.affects.thread)
    return { dropped: [...own, "/topics", replyAuthor, replier, threadAuthor], kept: controlPages };
  return { dropped: [...own, replyAuthor, threadAuthor], kept: [replier, ...controlPages] };
}

// --- the matrix --------------------------------------------------------------------------------------------

const scenarios = new Map<string, Scenario>();
let control: Scenario;
let cells = 0;
const failedCells: string[] = [];

beforeAll(async () => {
  for (const change of CHANGES) scenarios.set(change.key, await createScenario(change.key));
  control = await createScenario("control");
  await closeDatabase();
  server = await startServer({
    env: { DATABASE_PATH: process.env.DATABASE_PATH!, FLAG_HIDE_THRESHOLD: String(FLAG_HIDE_THRESHOLD) },
  });
  outbox = mkdtempSync(join(tmpdir(), "roundtable-outbox-"));
  process.env.OUTBOX_DIR = outbox;
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (outbox) rmSync(outbox, { recursive: true, force: true });
  console.info(
    `Hidden everywhere: ${cells} cells (${SURFACES.length} surfaces x ${CHANGES.length} changes x ` +
      `up to ${VIEWERS.length} viewers)` +
      (failedCells.length ? `, ${failedCells.length} failed:\n  ${failedCells.join("\n  ")}` : ", all held."),
  );
});

for (const change of CHANGES) {
  describe(`${change.label}`, () => {
    let s: Scenario;
    const before = new Map<string, Map<ViewerKey, Snapshot>>();
    const after = new Map<string, Map<ViewerKey, Snapshot>>();
    const cacheAfter = new Map<string, string | null>();

    beforeAll(async () => {
      s = scenarios.get(change.key)!;
      // Digests first: the run writes from this process, which makes the server drop its whole page cache.
      const digestsBefore = await readDigests(s, change);
      const alertsBefore = await readAlerts(s, change);
      for (const [key, map] of await readAll(s, change)) before.set(key, map);
      before.set("digest", digestsBefore);
      before.set("reply alerts", alertsBefore);
      // The control scenario's pages are cached too, to see that they survive the change.
      for (const path of ownCachedPages(control)) await read(path, null);

      await change.apply(s);

      for (const path of [
        ...new Set([...expectedCache(change, s, control).dropped, ...expectedCache(change, s, control).kept]),
      ])
        cacheAfter.set(path, (await read(path, null)).cache);
      for (const [key, map] of await readAll(s, change)) after.set(key, map);
      after.set("digest", await readDigests(s, change));
      after.set("reply alerts", await readAlerts(s, change));
    }, 600_000);

    it(`drops exactly the cached visitor pages that showed it`, () => {
      const { dropped, kept } = expectedCache(change, s, control);
      for (const path of dropped)
        expect(cacheAfter.get(path), `${change.label}: ${path} came from the cache`).not.toBe("hit");
      for (const path of kept)
        expect(cacheAfter.get(path), `${change.label}: ${path} was dropped from the cache`).toBe("hit");
    });

    for (const surface of SURFACES) {
      for (const viewer of surface.viewers) {
        cells++;
        const cell = `${surface.key} × ${change.label} × ${viewer}`;
        it(cell, () => {
          try {
            checkCell(
              cell,
              surface,
              s,
              change,
              viewer,
              before.get(surface.key)!.get(viewer)!,
              after.get(surface.key)!.get(viewer)!,
            );
          } catch (error) {
            failedCells.push(cell);
            throw error;
          }
        });
      }
    }
  });
}
