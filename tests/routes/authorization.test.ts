// Authorization (issue 7, Security 6): every action in the app, tried by five people, with the request naming
// the owner's thing (so a member who is not the owner is someone changing an id in the request). Denied means
// a 403 or 404 (a login redirect for a visitor) and NOTHING changed in the database; "own" means the request
// worked but touched only the sender's own rows, whatever ids it named.
//
// One row per action; a new action is one more row. Cells tested elsewhere are not repeated here (`elsewhere`):
// tests/routes/mod-threads.test.ts (members and visitors on moderator intents; story authors closing replies),
// tests/routes/flags.test.ts (members and visitors on the flag queue and a reply's moderation page) and
// tests/routes/mod-members.test.ts (members on notes and suspensions; members and moderators on roles).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import type { Database } from "~db/schema";
import { signToken } from "~/lib/signed-token.server";
import { setBookmark } from "~/models/bookmarks.server";
import { saveDraft } from "~/models/drafts.server";
import { issueEmailToken } from "~/models/email-tokens.server";
import { startEmailChange } from "~/models/email-verification.server";
import { UNSUBSCRIBE_PURPOSE } from "~/models/digest-run.server";
import { ALERTS_UNSUBSCRIBE_PURPOSE } from "~/models/reply-alerts.server";
import { flagPost } from "~/models/flags.server";
import { followTopic, setThreadFollow } from "~/models/follows.server";
import { suspendMember } from "~/models/members-moderation.server";
import { setStoryRepliesClosed, setThreadFlag, setThreadHidden, setThreadLock } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { createTopic } from "~/models/topic-admin.server";
import { resolveTopics } from "~/models/topics.server";
import * as adminMembers from "~/routes/admin.members";
import * as drafts from "~/routes/drafts";
import * as forgotPassword from "~/routes/forgot-password";
import * as logout from "~/routes/logout";
import * as editProfileLink from "~/routes/members.$handle.edit";
import * as modApprovals from "~/routes/mod.approvals";
import * as modFlags from "~/routes/mod.flags";
import * as modMember from "~/routes/mod.members.$handle";
import * as modPost from "~/routes/mod.posts.$id";
import * as modPrompt from "~/routes/mod.prompts.new";
import * as modThread from "~/routes/mod.threads.$id";
import * as modTopics from "~/routes/mod.topics";
import * as notifications from "~/routes/notifications";
import * as deletePost from "~/routes/posts.$id.delete";
import * as editPost from "~/routes/posts.$id.edit";
import * as flagRoute from "~/routes/posts.$id.flag";
import * as helpful from "~/routes/posts.$id.helpful";
import * as savePost from "~/routes/posts.$id.save";
import * as savedPage from "~/routes/saved";
import * as history from "~/routes/posts.$id.history";
import * as reply from "~/routes/posts.$id.reply";
import * as exportCsv from "~/routes/rounds.$id.export[.]csv";
import * as exportJson from "~/routes/rounds.$id.export[.]json";
import * as mine from "~/routes/rounds.$id.mine";
import * as synthesis from "~/routes/rounds.$id.synthesis";
import * as resetPassword from "~/routes/reset-password.$token";
import * as newRound from "~/routes/rounds.new";
import * as accountSettings from "~/routes/settings.account";
import * as accountExport from "~/routes/settings.account.export";
import * as preview from "~/routes/preview";
import * as settings from "~/routes/settings._index";
import * as emailSettings from "~/routes/settings.email";
import * as digestSettings from "~/routes/settings.notifications";
import * as profile from "~/routes/settings.profile";
import * as newStory from "~/routes/stories.new";
import * as closeReplies from "~/routes/threads.$id.close";
import * as followThread from "~/routes/threads.$id.follow";
import * as shortAddress from "~/routes/threads.$id._index";
import * as newThread from "~/routes/threads.new";
import * as followTopicRoute from "~/routes/topics.$slug.follow";
import * as unsubscribe from "~/routes/unsubscribe";
import * as verifyEmail from "~/routes/verify-email.$token";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

const DAY = 86_400_000;
const LONG_AGO = Date.now() - 30 * DAY; // past the new-member posting limits

const ROLES = ["visitor", "stranger", "owner", "moderator", "admin"] as const;
type Role = (typeof ROLES)[number];
/** login: a redirect to log in; denied: 403/404 (or `deniedStatus`); allowed: done, the owner's rows changed; own: done, only the sender's rows changed. */
type Outcome = "login" | "denied" | "allowed" | "own";
type Form = Record<string, string | string[]>;
type Handler = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;
type Params = Record<string, string>;
type Sent = { path: string; params?: Params; form?: Form };

interface Case<T> {
  name: string;
  /** The route module; GET calls its loader, POST (the default) its action. */
  route: { action?: Handler; loader?: Handler };
  method?: "GET" | "POST";
  /** The owner's thing, made fresh for every cell. */
  setup: (owner: TestMember) => Promise<T>;
  request: (target: T, actor: TestMember | null, owner: TestMember) => Sent | Promise<Sent>;
  /** The owner's rows this action could change. */
  watch: (target: T, owner: TestMember) => Promise<unknown>;
  expect: Record<Role, Outcome>;
  deniedStatus?: number[];
  /** False when even the owner's allowed request changes nothing (a page, a redirect). */
  changes?: boolean;
  elsewhere?: Partial<Record<Role, string>>;
}

const ONLY_OWNER: Record<Role, Outcome> = {
  visitor: "login",
  stranger: "denied",
  owner: "allowed",
  moderator: "denied",
  admin: "denied",
};
const EACH_THEIR_OWN: Record<Role, Outcome> = {
  visitor: "login",
  stranger: "own",
  owner: "allowed",
  moderator: "own",
  admin: "own",
};
const NOT_THE_OWNER: Record<Role, Outcome> = {
  visitor: "login",
  stranger: "allowed",
  owner: "denied",
  moderator: "allowed",
  admin: "allowed",
};
const MODERATORS: Record<Role, Outcome> = {
  visitor: "login",
  stranger: "denied",
  owner: "denied",
  moderator: "allowed",
  admin: "allowed",
};
const SEEN_BY_OWNER_AND_MODERATORS: Record<Role, Outcome> = {
  visitor: "login",
  stranger: "denied",
  owner: "allowed",
  moderator: "allowed",
  admin: "allowed",
};
const ADMINS: Record<Role, Outcome> = {
  visitor: "login",
  stranger: "denied",
  owner: "denied",
  moderator: "denied",
  admin: "allowed",
};

const MOD_THREADS = "tests/routes/mod-threads.test.ts";
const FLAGS = "tests/routes/flags.test.ts";
const MOD_MEMBERS = "tests/routes/mod-members.test.ts";

const db = () => getDb();

// ---------------------------------------------------------------------------------------------------------
// What the rows act on.

async function openingOf(threadId: number) {
  return (
    await db()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow()
  ).id;
}

/** A discussion by the owner with one reply by the owner. */
async function ownersThread(owner: TestMember, kind: "discussion" | "story" = "discussion") {
  const thread = await createTestThread({ authorId: owner.id, kind, tagSlugs: ["organizing"] });
  const replyId = await createTestReply({ threadId: thread.id, authorId: owner.id, body: "The owner's own words." });
  return { thread, openingId: await openingOf(thread.id), replyId };
}

/** The owner's reply, flagged by someone else (so it is in the moderators' queue). */
async function flaggedReply(owner: TestMember) {
  const target = await ownersThread(owner);
  const flagger = await createMember({ createdAt: LONG_AGO });
  await flagPost({ postId: target.replyId, memberId: flagger.id, reason: "spam", note: "" });
  return target;
}

/** The owner's thread with a reply by someone else, then hidden by a moderator. */
async function hiddenThreadWithReply(owner: TestMember) {
  const target = await ownersThread(owner);
  const other = await fresh();
  const othersReplyId = await createTestReply({
    threadId: target.thread.id,
    authorId: other.id,
    body: "Someone else's words.",
  });
  await setThreadHidden(target.thread.id, { actorId: someModerator.id, reason: "spam", note: "" });
  return { ...target, othersReplyId };
}

let someModerator: TestMember;

async function fresh(role: "member" | "moderator" | "admin" = "member") {
  return createMember({ role, createdAt: LONG_AGO });
}

let topicCounter = 0;
async function freshTopic(actorId: number) {
  topicCounter++;
  const slug = `authz-topic-${topicCounter}`;
  const created = await createTopic(actorId, { slug, name: `Authz topic ${topicCounter}`, description: "" });
  if (!created.ok) throw new Error(created.message);
  return slug;
}

async function tagId(slug: string) {
  return (await resolveTopics([slug])).ids[0]!;
}

// ---------------------------------------------------------------------------------------------------------
// What a row watches.

function rows<T extends keyof Database>(table: T, column: string, value: number) {
  return db()
    .selectFrom(table as keyof Database)
    .selectAll()
    .where(column as never, "=", value as never)
    .execute();
}

const postRows = (postId: number) => db().selectFrom("posts").selectAll().where("id", "=", postId).execute();
const threadRows = (threadId: number) =>
  Promise.all([
    db().selectFrom("threads").selectAll().where("id", "=", threadId).execute(),
    rows("thread_tags", "thread_id", threadId),
  ]);
const memberRows = (memberId: number) =>
  Promise.all([
    db().selectFrom("members").selectAll().where("id", "=", memberId).execute(),
    rows("member_fields", "member_id", memberId),
    rows("suspensions", "member_id", memberId),
    rows("member_notes", "member_id", memberId),
    rows("topic_follows", "member_id", memberId),
  ]);
const tokensOf = (memberId: number) => rows("email_tokens", "member_id", memberId);
const unverify = (memberId: number) =>
  db().updateTable("members").set({ email_verified_at: null }).where("id", "=", memberId).execute();
/** An emailed link's token of the sender's own (a visitor has none, so theirs is made up). */
async function ownToken(actor: TestMember | null, purpose: "reset" | "verify") {
  return actor ? issueEmailToken({ memberId: actor.id, purpose }) : "made-up-token-that-matches-nothing-at-all-x";
}
const sessionsOf = (memberId: number) =>
  db().selectFrom("sessions").select(["id", "created_at"]).where("member_id", "=", memberId).orderBy("id").execute();

// Every table a request could write to. Sessions are compared without their expiry, which a request renews
// for its sender; the search index follows the posts table and is left out.
const TABLES: Array<keyof Database> = [
  "members",
  "email_tokens",
  "tags",
  "member_fields",
  "threads",
  "thread_tags",
  "posts",
  "post_revisions",
  "post_reactions",
  "drafts",
  "flags",
  "suspensions",
  "member_notes",
  "audit_log",
  "topic_follows",
  "thread_follows",
  "notifications",
  "digest_sends",
  "rounds",
  "round_prompts",
  "round_tags",
  "round_answers",
  "consent_changes",
  "reserved_handles",
  "bookmarks",
];

async function everything() {
  const tables = await Promise.all(
    TABLES.map(async (table) =>
      (await db().selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)).sort(),
    ),
  );
  const sessions = await db().selectFrom("sessions").select(["id", "member_id", "created_at"]).orderBy("id").execute();
  return JSON.stringify([tables, sessions]);
}

// ---------------------------------------------------------------------------------------------------------
// The matrix.

function row<T>(c: Case<T>): Case<unknown> {
  return c as Case<unknown>;
}

const CASES: Array<Case<unknown>> = [
  // Posts
  row({
    name: "edit a reply",
    route: editPost,
    setup: ownersThread,
    request: (t) => ({
      path: `/posts/${t.replyId}/edit`,
      params: { id: String(t.replyId) },
      form: { intent: "publish", bodySource: "Rewritten by whoever sent this." },
    }),
    watch: (t) => postRows(t.replyId),
    expect: ONLY_OWNER,
  }),
  row({
    name: "edit an opening post and title",
    route: editPost,
    setup: ownersThread,
    request: (t) => ({
      path: `/posts/${t.openingId}/edit`,
      params: { id: String(t.openingId) },
      form: { intent: "publish", title: "A title someone else chose", bodySource: "New words.", tagSlugs: ["health"] },
    }),
    watch: (t) => Promise.all([postRows(t.openingId), threadRows(t.thread.id)]),
    expect: ONLY_OWNER,
  }),
  row({
    name: "open the edit form (with the source) of a reply",
    route: editPost,
    method: "GET",
    setup: ownersThread,
    request: (t) => ({ path: `/posts/${t.replyId}/edit`, params: { id: String(t.replyId) } }),
    watch: (t) => postRows(t.replyId),
    expect: ONLY_OWNER,
    changes: false,
  }),
  row({
    name: "delete a reply",
    route: deletePost,
    setup: ownersThread,
    request: (t) => ({ path: `/posts/${t.replyId}/delete`, params: { id: String(t.replyId) }, form: {} }),
    watch: (t) => postRows(t.replyId),
    expect: ONLY_OWNER,
  }),
  row({
    name: "delete a thread (its opening post)",
    route: deletePost,
    setup: ownersThread,
    request: (t) => ({ path: `/posts/${t.openingId}/delete`, params: { id: String(t.openingId) }, form: {} }),
    watch: (t) => Promise.all([postRows(t.openingId), threadRows(t.thread.id)]),
    expect: ONLY_OWNER,
  }),
  row({
    name: "find a post helpful",
    route: helpful,
    setup: ownersThread,
    request: (t) => ({ path: `/posts/${t.replyId}/helpful`, params: { id: String(t.replyId) }, form: {} }),
    watch: (t) => Promise.all([postRows(t.replyId), rows("post_reactions", "post_id", t.replyId)]),
    expect: NOT_THE_OWNER,
  }),
  row({
    name: "flag a post",
    route: flagRoute,
    setup: ownersThread,
    request: (t) => ({
      path: `/posts/${t.replyId}/flag`,
      params: { id: String(t.replyId) },
      form: { reason: "spam", note: "" },
    }),
    watch: (t) => rows("flags", "post_id", t.replyId),
    expect: NOT_THE_OWNER,
    deniedStatus: [400], // "You can't flag your own post", with the form kept
  }),
  row({
    name: "read a post's edit history",
    route: history,
    method: "GET",
    setup: ownersThread,
    request: (t) => ({ path: `/posts/${t.replyId}/history`, params: { id: String(t.replyId) } }),
    watch: (t) => postRows(t.replyId),
    // Public, like the post itself.
    expect: { visitor: "own", stranger: "own", owner: "own", moderator: "own", admin: "own" },
    changes: false,
  }),

  // What a member can't see, they can't act on: a thread moderators hid is seen by its author and moderators only.
  row({
    name: "find helpful a reply in a thread moderators hid",
    route: helpful,
    setup: hiddenThreadWithReply,
    request: (t) => ({ path: `/posts/${t.othersReplyId}/helpful`, params: { id: String(t.othersReplyId) }, form: {} }),
    watch: (t) => Promise.all([postRows(t.othersReplyId), rows("post_reactions", "post_id", t.othersReplyId)]),
    expect: SEEN_BY_OWNER_AND_MODERATORS,
  }),
  row({
    name: "save a reply in a thread moderators hid",
    route: savePost,
    setup: hiddenThreadWithReply,
    request: (t) => ({
      path: `/posts/${t.othersReplyId}/save`,
      params: { id: String(t.othersReplyId) },
      form: { saved: "1" },
    }),
    watch: (t) => rows("bookmarks", "post_id", t.othersReplyId),
    expect: SEEN_BY_OWNER_AND_MODERATORS,
  }),
  row({
    name: "follow a thread moderators hid",
    route: followThread,
    setup: hiddenThreadWithReply,
    request: (t) => ({
      path: `/threads/${t.thread.id}/follow`,
      params: { id: String(t.thread.id) },
      form: { intent: "mute" },
    }),
    watch: (t) => rows("thread_follows", "thread_id", t.thread.id),
    expect: SEEN_BY_OWNER_AND_MODERATORS,
  }),
  row({
    name: "flag a reply in a thread moderators hid",
    route: flagRoute,
    setup: hiddenThreadWithReply,
    request: (t) => ({
      path: `/posts/${t.othersReplyId}/flag`,
      params: { id: String(t.othersReplyId) },
      form: { reason: "spam", note: "" },
    }),
    watch: (t) => rows("flags", "post_id", t.othersReplyId),
    expect: SEEN_BY_OWNER_AND_MODERATORS,
  }),
  row({
    name: "the short address of a thread moderators hid (its redirect names the title)",
    route: shortAddress,
    method: "GET",
    setup: hiddenThreadWithReply,
    request: (t) => ({ path: `/threads/${t.thread.id}`, params: { id: String(t.thread.id) } }),
    watch: (t) => threadRows(t.thread.id),
    expect: { ...SEEN_BY_OWNER_AND_MODERATORS, visitor: "denied" },
    changes: false,
  }),
  row({
    name: "reply in a thread moderators hid",
    route: reply,
    setup: hiddenThreadWithReply,
    request: (t) => ({
      path: `/posts/${t.othersReplyId}/reply`,
      params: { id: String(t.othersReplyId) },
      form: { intent: "publish", bodySource: "Hello?" },
    }),
    watch: (t) => rows("posts", "thread_id", t.thread.id),
    // Nobody replies to a hidden thread; those who can see it are told so next to the form.
    expect: { visitor: "login", stranger: "denied", owner: "denied", moderator: "denied", admin: "denied" },
    deniedStatus: [400, 404],
  }),

  // Drafts: a draft is never anyone else's, whatever draft id a request names.
  row({
    name: "discard a draft",
    route: drafts,
    setup: async (owner) =>
      saveDraft({ memberId: owner.id, kind: "discussion", title: "Half a thought", bodySource: "Unfinished." }),
    request: (draftId) => ({ path: "/drafts", form: { draftId: String(draftId) } }),
    watch: (draftId) => rows("drafts", "id", draftId),
    expect: ONLY_OWNER,
  }),
  row({
    name: "save a draft over someone's draft id",
    route: newThread,
    setup: async (owner) =>
      saveDraft({ memberId: owner.id, kind: "discussion", title: "Half a thought", bodySource: "Unfinished." }),
    request: (draftId) => ({
      path: "/threads/new",
      form: {
        intent: "save-draft",
        draftId: String(draftId),
        title: "Overwritten",
        bodySource: "Overwritten words.",
        tagSlugs: "health",
      },
    }),
    watch: (draftId) => rows("drafts", "id", draftId),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "save a reply draft over someone's draft id",
    route: reply,
    setup: async (owner) => {
      const target = await ownersThread(owner);
      const draftId = await saveDraft({
        memberId: owner.id,
        kind: "reply",
        threadId: target.thread.id,
        parentPostId: target.replyId,
        bodySource: "Unfinished reply.",
      });
      return { ...target, draftId };
    },
    request: (t) => ({
      path: `/posts/${t.replyId}/reply`,
      params: { id: String(t.replyId) },
      form: { intent: "save-draft", draftId: String(t.draftId), bodySource: "Overwritten." },
    }),
    watch: (t) => rows("drafts", "id", t.draftId),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "publish a reply naming someone's draft (which publishing discards)",
    route: reply,
    setup: async (owner) => {
      const target = await ownersThread(owner);
      const draftId = await saveDraft({
        memberId: owner.id,
        kind: "reply",
        threadId: target.thread.id,
        parentPostId: target.replyId,
        bodySource: "Unfinished reply.",
      });
      return { ...target, draftId };
    },
    request: (t) => ({
      path: `/posts/${t.replyId}/reply`,
      params: { id: String(t.replyId) },
      form: { intent: "publish", draftId: String(t.draftId), bodySource: "A published reply." },
    }),
    watch: (t) => rows("drafts", "id", t.draftId),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "publish a story naming someone's draft",
    route: newStory,
    setup: async (owner) =>
      saveDraft({ memberId: owner.id, kind: "story", title: "Half a story", bodySource: "Unfinished." }),
    request: (draftId) => ({
      path: "/stories/new",
      form: {
        intent: "publish",
        draftId: String(draftId),
        title: "A story from the field",
        bodySource: "It happened like this.",
        tagSlugs: "health",
      },
    }),
    watch: (draftId) => rows("drafts", "id", draftId),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "open someone's draft in the composer",
    route: newThread,
    method: "GET",
    setup: async (owner) =>
      saveDraft({
        memberId: owner.id,
        kind: "discussion",
        title: "Private plans",
        bodySource: "Not for anyone else yet.",
      }),
    request: (draftId) => ({ path: `/threads/new?draft=${draftId}` }),
    watch: (draftId) => rows("drafts", "id", draftId),
    expect: ONLY_OWNER,
    changes: false,
  }),

  // Following
  ...(["follow", "stop", "mute"] as const).map((intent) =>
    row({
      name: `${intent} a thread`,
      route: followThread,
      setup: async (owner) => {
        const target = await ownersThread(owner);
        await setThreadFollow(owner.id, target.thread.id, intent === "follow" ? "muted" : "following");
        return target;
      },
      request: (t, _actor, owner) => ({
        path: `/threads/${t.thread.id}/follow`,
        params: { id: String(t.thread.id) },
        form: { intent, memberId: String(owner.id) },
      }),
      watch: (t, owner) =>
        db()
          .selectFrom("thread_follows")
          .select(["level", "updated_at"])
          .where("thread_id", "=", t.thread.id)
          .where("member_id", "=", owner.id)
          .execute(),
      expect: EACH_THEIR_OWN,
    }),
  ),
  ...(["follow", "unfollow"] as const).map((intent) =>
    row({
      name: `${intent} a topic`,
      route: followTopicRoute,
      setup: async (owner) => {
        if (intent === "unfollow") await followTopic(owner.id, await tagId("funding"));
        return "funding";
      },
      request: (slug, _actor, owner) => ({
        path: `/topics/${slug}/follow`,
        params: { slug },
        form: { intent, memberId: String(owner.id) },
      }),
      watch: (_slug, owner) => rows("topic_follows", "member_id", owner.id),
      expect: EACH_THEIR_OWN,
    }),
  ),

  // Saved for later: a member's own list; ids in the form are ignored.
  ...(["1", "0"] as const).map((saved) =>
    row({
      name: saved === "1" ? "save a post" : "remove a saved post",
      route: savePost,
      setup: async (owner) => {
        const target = await ownersThread(owner);
        if (saved === "0") await setBookmark({ memberId: owner.id, postId: target.replyId, saved: true });
        return target;
      },
      request: (t, _actor, owner) => ({
        path: `/posts/${t.replyId}/save`,
        params: { id: String(t.replyId) },
        form: { saved, memberId: String(owner.id) },
      }),
      watch: (_t, owner) => rows("bookmarks", "member_id", owner.id),
      expect: EACH_THEIR_OWN,
    }),
  ),
  row({
    name: "read the saved list",
    route: savedPage,
    method: "GET",
    setup: async (owner) => {
      const target = await ownersThread(owner);
      await setBookmark({ memberId: owner.id, postId: target.replyId, saved: true });
      return target;
    },
    request: () => ({ path: "/saved" }),
    watch: (_t, owner) => rows("bookmarks", "member_id", owner.id),
    expect: EACH_THEIR_OWN,
    changes: false,
  }),

  // Settings: the member is always the signed-in one; ids and handles in the form are ignored.
  row({
    name: "change the profile",
    route: profile,
    setup: async () => null,
    request: (_t, _actor, owner) => ({
      path: "/settings/profile",
      form: {
        displayName: "Renamed",
        bioSource: "A new bio.",
        memberId: String(owner.id),
        id: String(owner.id),
        handle: owner.handle,
      },
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "the edit-profile link of a member page",
    route: editProfileLink,
    setup: async () => null,
    request: (_t, _actor, owner) => ({
      path: `/members/${owner.handle}/edit`,
      params: { handle: owner.handle },
      form: {},
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: ONLY_OWNER,
    changes: false,
  }),
  row({
    name: "change the password",
    route: settings,
    setup: async () => null,
    request: (_t, actor, owner) => ({
      path: "/settings",
      form: {
        intent: "change-password",
        currentPassword: actor?.password ?? "",
        newPassword: "an entirely new passphrase",
        memberId: String(owner.id),
        handle: owner.handle,
      },
    }),
    watch: (_t, owner) => Promise.all([memberRows(owner.id), sessionsOf(owner.id)]),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "preview Markdown beside a composer (the live preview)",
    route: preview,
    setup: async () => null,
    // Renders the sender's text, counted against the sender's own limit; it names no one else's rows.
    request: (_t, _actor, owner) => ({
      path: "/preview",
      form: { bodySource: "**Hello**", memberId: String(owner.id) },
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: EACH_THEIR_OWN,
    changes: false,
  }),
  row({
    name: "set the time zone",
    route: settings,
    setup: async () => null,
    request: (_t, _actor, owner) => ({
      path: "/settings",
      form: { intent: "time-zone", timeZone: "Asia/Tokyo", memberId: String(owner.id), handle: owner.handle },
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "download your data",
    route: accountExport,
    setup: async () => null,
    // Whatever ids it names, the file is the sender's own (tests/routes/account-data.test.ts reads it).
    request: (_t, _actor, owner) => ({ path: "/settings/account/export", form: { memberId: String(owner.id) } }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: EACH_THEIR_OWN,
    changes: false,
  }),
  row({
    name: "delete your account",
    route: accountSettings,
    setup: async () => null,
    request: (_t, actor, owner) => ({
      path: "/settings/account",
      form: {
        intent: "delete-account",
        posts: "remove",
        currentPassword: actor?.password ?? "",
        memberId: String(owner.id),
        handle: owner.handle,
      },
    }),
    watch: (_t, owner) => Promise.all([memberRows(owner.id), sessionsOf(owner.id)]),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "sign out everywhere",
    route: settings,
    setup: async (owner) => {
      await sessionCookieFor(owner.id); // a second device
      return null;
    },
    request: (_t, _actor, owner) => ({
      path: "/settings",
      form: { intent: "sign-out-everywhere", memberId: String(owner.id) },
    }),
    watch: (_t, owner) => sessionsOf(owner.id),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "log out",
    route: logout,
    setup: async () => null,
    request: (_t, _actor, owner) => ({ path: "/logout", form: { memberId: String(owner.id) } }),
    watch: (_t, owner) => sessionsOf(owner.id),
    expect: { visitor: "own", stranger: "own", owner: "allowed", moderator: "own", admin: "own" },
  }),
  row({
    name: "digest settings",
    route: digestSettings,
    setup: async (owner) => {
      const funding = await tagId("funding");
      await followTopic(owner.id, funding);
      return funding;
    },
    request: (funding, _actor, owner) => ({
      path: "/settings/notifications",
      form: { frequency: "weekly", digestTopic: String(funding), alerts: "digest", memberId: String(owner.id) },
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "unfollow a topic from the digest settings",
    route: digestSettings,
    setup: async (owner) => {
      const funding = await tagId("funding");
      await followTopic(owner.id, funding);
      return funding;
    },
    request: (funding, _actor, owner) => ({
      path: "/settings/notifications",
      form: { intent: "unfollow", tagId: String(funding), memberId: String(owner.id) },
    }),
    watch: (_t, owner) => rows("topic_follows", "member_id", owner.id),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "one-click unsubscribe, with a token for someone else",
    route: unsubscribe,
    setup: async (owner) => {
      await db().updateTable("members").set({ digest_frequency: "daily" }).where("id", "=", owner.id).execute();
      return null;
    },
    // No login: the signed token is the proof. Each sender signs for themselves and names the owner.
    request: async (_t, actor, owner) => ({
      path: `/unsubscribe?m=${owner.id}&t=${await signToken(UNSUBSCRIBE_PURPOSE, String(actor?.id ?? 0))}`,
      form: {},
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: { visitor: "denied", stranger: "denied", owner: "allowed", moderator: "denied", admin: "denied" },
    deniedStatus: [400],
  }),
  row({
    name: "one-click unsubscribe from reply alerts, with a token for someone else",
    route: unsubscribe,
    setup: async () => null,
    // The digest's token does not stop alerts, nor the reverse: each link is signed for its own list.
    request: async (_t, actor, owner) => ({
      path: `/unsubscribe?list=alerts&m=${owner.id}&t=${await signToken(ALERTS_UNSUBSCRIBE_PURPOSE, String(actor?.id ?? 0))}`,
      form: {},
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: { visitor: "denied", stranger: "denied", owner: "allowed", moderator: "denied", admin: "denied" },
    deniedStatus: [400],
  }),

  // Accounts by email (issue 13). Anyone may ask for a reset link for any account: it goes to the account's
  // own address. A link is the proof for the account it was made for, whatever a form names.
  row({
    name: "ask for a password reset link for an account",
    route: forgotPassword,
    setup: async () => null,
    request: (_t, _actor, owner) => ({ path: "/forgot-password", form: { login: owner.handle } }),
    watch: (_t, owner) => tokensOf(owner.id),
    expect: { visitor: "allowed", stranger: "allowed", owner: "allowed", moderator: "allowed", admin: "allowed" },
  }),
  row({
    name: "set a new password with a reset link (the sender's own; the form names the owner)",
    route: resetPassword,
    setup: async () => null,
    request: async (_t, actor, owner) => {
      const token = await ownToken(actor, "reset");
      return {
        path: `/reset-password/${token}`,
        params: { token },
        form: { newPassword: "a fresh passphrase for me", memberId: String(owner.id), handle: owner.handle },
      };
    },
    watch: (_t, owner) => Promise.all([memberRows(owner.id), sessionsOf(owner.id)]),
    expect: { visitor: "denied", stranger: "own", owner: "allowed", moderator: "own", admin: "own" },
  }),
  row({
    name: "confirm an address with a verification link (the sender's own; the form names the owner)",
    route: verifyEmail,
    setup: async (owner) => unverify(owner.id),
    request: async (_t, actor, owner) => {
      const token = await ownToken(actor, "verify");
      return { path: `/verify-email/${token}`, params: { token }, form: { memberId: String(owner.id) } };
    },
    watch: (_t, owner) => memberRows(owner.id),
    expect: { visitor: "denied", stranger: "own", owner: "allowed", moderator: "own", admin: "own" },
  }),
  row({
    name: "send the verification link again",
    route: emailSettings,
    setup: async (owner) => unverify(owner.id),
    request: (_t, _actor, owner) => ({
      path: "/settings/email",
      form: { intent: "resend", memberId: String(owner.id) },
    }),
    watch: (_t, owner) => tokensOf(owner.id),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "change the email address",
    route: emailSettings,
    setup: async () => null,
    request: (_t, actor, owner) => ({
      path: "/settings/email",
      form: {
        intent: "change-email",
        newEmail: `moved-${actor?.handle ?? "nobody"}@example.org`,
        currentPassword: actor?.password ?? "",
        memberId: String(owner.id),
      },
    }),
    watch: (_t, owner) => Promise.all([memberRows(owner.id), tokensOf(owner.id)]),
    expect: EACH_THEIR_OWN,
  }),
  row({
    name: "cancel a change of address",
    route: emailSettings,
    setup: async (owner) => startEmailChange({ memberId: owner.id, newEmail: `pending-${owner.handle}@example.org` }),
    request: (_t, _actor, owner) => ({
      path: "/settings/email",
      form: { intent: "cancel-change", memberId: String(owner.id) },
    }),
    watch: (_t, owner) => tokensOf(owner.id),
    expect: EACH_THEIR_OWN,
  }),
  ...(["approve", "decline"] as const).map((intent) =>
    row({
      name: `${intent} a member waiting for approval`,
      route: modApprovals,
      setup: async (owner) =>
        db().updateTable("members").set({ approval_state: "waiting" }).where("id", "=", owner.id).execute(),
      request: (_t, _actor, owner) => ({ path: "/mod/approvals", form: { intent, memberId: String(owner.id) } }),
      watch: (_t, owner) => memberRows(owner.id),
      expect: MODERATORS,
    }),
  ),

  // Notifications
  ...(["by id", "all"] as const).map((how) =>
    row({
      name: `mark notifications read (${how})`,
      route: notifications,
      setup: async (owner) => {
        const target = await ownersThread(owner);
        const replier = await fresh();
        await createTestReply({
          threadId: target.thread.id,
          parentId: target.replyId,
          authorId: replier.id,
          body: "An answer to you.",
        });
        const ids = (await rows("notifications", "member_id", owner.id)).map((n) => String((n as { id: number }).id));
        expect(ids.length).toBeGreaterThan(0);
        return ids;
      },
      request: (ids): Sent => ({
        path: "/notifications",
        form: how === "all" ? { intent: "read-all", ids: ids.join(",") } : { ids: ids.join(",") },
      }),
      watch: (_ids, owner) => rows("notifications", "member_id", owner.id),
      expect: EACH_THEIR_OWN,
    }),
  ),

  // A story's author closes and reopens replies (moderators lock instead).
  ...(["close", "reopen"] as const).map((intent) =>
    row({
      name: `${intent} a story's replies`,
      route: closeReplies,
      setup: async (owner) => {
        const target = await ownersThread(owner, "story");
        if (intent === "reopen") await setStoryRepliesClosed(owner.id, target.thread.id, true);
        return target;
      },
      request: (t) => ({
        path: `/threads/${t.thread.id}/close`,
        params: { id: String(t.thread.id) },
        form: { intent },
      }),
      watch: (t) => threadRows(t.thread.id),
      expect: ONLY_OWNER,
      elsewhere:
        intent === "close"
          ? { owner: MOD_THREADS, stranger: MOD_THREADS, visitor: MOD_THREADS }
          : { owner: MOD_THREADS },
    }),
  ),

  // Rounds
  row({
    name: "change consent on a round answer",
    route: mine,
    setup: async (owner) => {
      const round = await createTestRound({ createdBy: someModerator.id });
      const postId = await createTestAnswer({
        roundId: round.id,
        threadId: round.promptIds[0]!,
        memberId: owner.id,
        consent: "named",
      });
      return { roundId: round.id, postId };
    },
    request: (t) => ({
      path: `/rounds/${t.roundId}/mine`,
      params: { id: String(t.roundId) },
      form: { postId: String(t.postId), consent: "none" },
    }),
    watch: (t) =>
      Promise.all([rows("round_answers", "post_id", t.postId), rows("consent_changes", "post_id", t.postId)]),
    expect: ONLY_OWNER,
    deniedStatus: [400], // "That is not one of your answers.", next to the form
  }),
  ...(["save", "publish"] as const).map((intent) =>
    row({
      name: `${intent} a round's synthesis`,
      route: synthesis,
      setup: async (owner) => {
        const now = Date.now();
        const round = await createTestRound({
          createdBy: someModerator.id,
          opensAt: now - 5 * DAY,
          closesAt: now - DAY,
          now: now - 6 * DAY,
        });
        await createTestAnswer({
          roundId: round.id,
          threadId: round.promptIds[0]!,
          memberId: owner.id,
          now: now - 3 * DAY,
        });
        return round.id;
      },
      request: (roundId) => ({
        path: `/rounds/${roundId}/synthesis`,
        params: { id: String(roundId) },
        form: { intent, synthesisSource: "What practitioners said, in short." },
      }),
      watch: (roundId) => db().selectFrom("rounds").selectAll().where("id", "=", roundId).execute(),
      expect: MODERATORS,
    }),
  ),
  ...([exportCsv, exportJson] as const).map((route, i) =>
    row({
      name: `export a round's answers as ${i ? "JSON" : "CSV"}`,
      route,
      method: "GET",
      setup: async (owner) => {
        const round = await createTestRound({ createdBy: someModerator.id });
        await createTestAnswer({ roundId: round.id, threadId: round.promptIds[0]!, memberId: owner.id });
        return round.id;
      },
      request: (roundId) => ({
        path: `/rounds/${roundId}/export.${i ? "json" : "csv"}`,
        params: { id: String(roundId) },
      }),
      watch: (roundId) => db().selectFrom("rounds").selectAll().where("id", "=", roundId).execute(),
      expect: MODERATORS,
      changes: false,
    }),
  ),
  row({
    name: "open a round",
    route: newRound,
    setup: async () => null,
    request: () => ({
      path: "/rounds/new",
      form: {
        title: "A round nobody asked for",
        purposeSource: "Why not.",
        opensOn: new Date().toISOString().slice(0, 10),
        closesOn: new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10),
        tagSlugs: ["health"],
        promptTitle: ["What would you change first?"],
        promptBody: ["One thing."],
      },
    }),
    watch: () => db().selectFrom("rounds").select("id").execute(),
    expect: MODERATORS,
  }),

  // Moderators: a thread (its author is the owner)
  ...(
    [
      ["pin", {}, undefined],
      ["unpin", {}, "pin"],
      ["feature", {}, undefined],
      ["unfeature", {}, "feature"],
      ["lock", { lockReason: "Cooling off." }, undefined],
      ["unlock", {}, "lock"],
      ["topics", { tagSlugs: "policy" }, undefined],
      ["hide", { reason: "spam", note: "" }, undefined],
      ["restore", {}, "hide"],
    ] as const
  ).map(([intent, form, before]) =>
    row({
      name: `moderate a thread: ${intent}`,
      route: modThread,
      setup: async (owner) => {
        const target = await ownersThread(owner, "story");
        const id = target.thread.id;
        if (before === "pin" || before === "feature") await setThreadFlag(someModerator.id, id, before);
        if (before === "lock") await setThreadLock(someModerator.id, id, { reason: "Locked before." });
        if (before === "hide") await setThreadHidden(id, { actorId: someModerator.id, reason: "spam", note: "" });
        return target;
      },
      request: (t) => ({
        path: `/mod/threads/${t.thread.id}`,
        params: { id: String(t.thread.id) },
        form: { intent, ...form },
      }),
      watch: (t) => threadRows(t.thread.id),
      expect: MODERATORS,
      elsewhere: { owner: MOD_THREADS, visitor: MOD_THREADS },
    }),
  ),

  // Moderators: a reply (its author is the owner)
  ...(["hide", "restore"] as const).map((intent) =>
    row({
      name: `moderate a reply: ${intent}`,
      route: modPost,
      setup: async (owner) => {
        const target = await ownersThread(owner);
        if (intent === "restore") await moderatePost(someModerator.id, target.replyId, { reason: "spam", note: "" });
        return target;
      },
      request: (t) => ({
        path: `/mod/posts/${t.replyId}`,
        params: { id: String(t.replyId) },
        form: { intent, reason: "spam", note: "" },
      }),
      watch: (t) => postRows(t.replyId),
      expect: MODERATORS,
      elsewhere: { stranger: FLAGS, visitor: FLAGS },
    }),
  ),
  ...(
    [
      ["hide", { reason: "spam", note: "" }],
      ["dismiss", {}],
      ["hide-suspend", { reason: "spam", note: "", length: "1d" }],
    ] as const
  ).map(([intent, form]) =>
    row({
      name: `the flag queue: ${intent}`,
      route: modFlags,
      setup: flaggedReply,
      request: (t) => ({ path: "/mod/flags", form: { intent, postId: String(t.replyId), ...form } }),
      watch: (t, owner) =>
        Promise.all([postRows(t.replyId), rows("flags", "post_id", t.replyId), memberRows(owner.id)]),
      expect: MODERATORS,
      elsewhere: { stranger: FLAGS, visitor: FLAGS },
    }),
  ),

  // Moderators: a member (the owner is the member moderated)
  ...(
    [
      ["suspend", { reason: "Repeated attacks.", length: "7d" }, false],
      ["lift", {}, true],
      ["note", { body: "Warned by email." }, false],
    ] as const
  ).map(([intent, form, suspended]) =>
    row({
      name: `moderate a member: ${intent}`,
      route: modMember,
      setup: async (owner) => {
        if (suspended)
          await suspendMember({ actorId: someModerator.id, memberId: owner.id, reason: "Before.", until: null });
        return null;
      },
      request: (_t, _actor, owner) => ({
        path: `/mod/members/${owner.handle}`,
        params: { handle: owner.handle },
        form: { intent, ...form },
      }),
      watch: (_t, owner) => memberRows(owner.id),
      expect: MODERATORS,
      elsewhere: intent === "lift" ? {} : { stranger: MOD_MEMBERS },
    }),
  ),
  row({
    name: "change a member's role",
    route: adminMembers,
    setup: async () => null,
    request: (_t, _actor, owner) => ({
      path: "/admin/members",
      form: { memberId: String(owner.id), role: "moderator" },
    }),
    watch: (_t, owner) => memberRows(owner.id),
    expect: ADMINS,
    elsewhere: { stranger: MOD_MEMBERS, moderator: MOD_MEMBERS },
  }),

  // Moderators: topics and prompts (no member owns them; the "owner" is one more member)
  ...(["create", "edit", "merge"] as const).map((intent) =>
    row({
      name: `topics: ${intent}`,
      route: modTopics,
      setup: async () => ({
        from: await freshTopic(someModerator.id),
        into: await freshTopic(someModerator.id),
        created: `authz-new-${++topicCounter}`,
      }),
      request: (t): Sent => ({
        path: "/mod/topics",
        form:
          intent === "create"
            ? { intent, name: "A new topic", slug: t.created, description: "" }
            : intent === "edit"
              ? { intent, slug: t.from, name: "Renamed topic", description: "Changed." }
              : { intent, from: t.from, into: t.into },
      }),
      watch: () => db().selectFrom("tags").selectAll().orderBy("id").execute(),
      expect: MODERATORS,
      elsewhere: { stranger: MOD_THREADS, visitor: MOD_THREADS },
    }),
  ),
  row({
    name: "open a prompt",
    route: modPrompt,
    setup: async () => null,
    request: () => ({
      path: "/mod/prompts/new",
      form: { title: "What do you wish you had known?", bodySource: "Tell us.", tagSlugs: ["health"], pinned: "yes" },
    }),
    watch: () => db().selectFrom("threads").select("id").where("kind", "=", "prompt").execute(),
    expect: MODERATORS,
    elsewhere: { stranger: MOD_THREADS, visitor: MOD_THREADS },
  }),
];

// ---------------------------------------------------------------------------------------------------------

beforeAll(async () => {
  someModerator = await fresh("moderator");
  await signToken(UNSUBSCRIBE_PURPOSE, "0"); // makes the signing secret now, not inside a watched request
});

async function actorFor(role: Role, owner: TestMember): Promise<TestMember | null> {
  if (role === "visitor") return null;
  if (role === "owner") return owner;
  return fresh(role === "stranger" ? "member" : role);
}

async function send(
  c: Case<unknown>,
  target: unknown,
  actor: TestMember | null,
  owner: TestMember,
  cookie: string | undefined,
): Promise<Response> {
  const { path, params = {}, form } = await c.request(target, actor, owner);
  const method = c.method ?? "POST";
  const handler = method === "GET" ? c.route.loader : c.route.action;
  if (!handler) throw new Error(`${c.name}: the route has no ${method === "GET" ? "loader" : "action"}`);
  return run(handler, method === "GET" ? getRequest(path, cookie) : formRequest(path, form ?? {}, cookie), params);
}

const tally = { cells: 0, elsewhere: 0 };
afterAll(() => {
  console.info(
    `Authorization matrix: ${CASES.length} actions × ${ROLES.length} roles; ${tally.cells} cells run here, ${tally.elsewhere} covered by the files named in them.`,
  );
});

describe.each(CASES)("$name", (c) => {
  const roles = ROLES.filter((role) => !c.elsewhere?.[role]);
  tally.elsewhere += ROLES.length - roles.length;
  it.each(roles)("as %s", async (role) => {
    tally.cells++;
    const owner = await fresh();
    const target = await c.setup(owner);
    const actor = await actorFor(role, owner);
    const cookie = actor ? await sessionCookieFor(actor.id) : undefined;
    const before = { all: await everything(), watched: JSON.stringify(await c.watch(target, owner)) };

    const response = await send(c, target, actor, owner, cookie);

    const outcome = c.expect[role];
    const watchedNow = JSON.stringify(await c.watch(target, owner));
    const location = response.headers.get("Location") ?? "";
    if (outcome === "login") {
      expect(response.status).toBe(302);
      expect(location).toMatch(/^\/login\?redirectTo=/);
    } else if (outcome === "denied") {
      expect(c.deniedStatus ?? [403, 404], `status ${response.status} ${location}`).toContain(response.status);
    } else {
      expect(response.status, await response.clone().text()).toBeLessThan(400);
      expect(location).not.toMatch(/^\/login/);
    }
    if (outcome === "login" || outcome === "denied") expect(await everything(), "nothing changed").toBe(before.all);
    if (outcome === "own") expect(watchedNow, "the owner's rows are untouched").toBe(before.watched);
    if (outcome === "allowed" && c.changes !== false)
      expect(watchedNow, "the owner's rows changed").not.toBe(before.watched);
  });
});
