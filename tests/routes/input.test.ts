import { tr } from "~/lib/translate";
// Input (issue 7, Security 4), tried from outside. Forms: every action answers bad input with a 400 and a message
// for the field, and garbage of every shape with a 4xx, never a 500. Over real HTTP against the production
// server: junk ids, handles, slugs and cursors in every dynamic address are a 400 or 404; bodies of another media
// type are a 415; bodies over 256 KB are a 413 before any route parses them, chunked ones included.
import { readdirSync, readFileSync } from "node:fs";
import { writesHere } from "../setup/writes";
import http from "node:http";
import { join } from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROL_CHARACTER_MESSAGE, UNREADABLE_TEXT_MESSAGE } from "~/lib/validation";
import { issueEmailToken } from "~/models/email-tokens.server";
import { flagPost } from "~/models/flags.server";
import * as adminMembers from "~/routes/admin.members";
import * as drafts from "~/routes/drafts";
import * as forgotPassword from "~/routes/forgot-password";
import * as joinRoute from "~/routes/join";
import * as login from "~/routes/login";
import * as modApprovals from "~/routes/mod.approvals";
import * as modFacilitate from "~/routes/mod.facilitate";
import * as languageRoute from "~/routes/language";
import * as modFlags from "~/routes/mod.flags";
import * as modMember from "~/routes/mod.members.$handle";
import * as modPost from "~/routes/mod.posts.$id";
import * as modPrompt from "~/routes/mod.prompts.new";
import * as modThread from "~/routes/mod.threads.$id";
import * as modTopics from "~/routes/mod.topics";
import * as notifications from "~/routes/notifications";
import * as editPost from "~/routes/posts.$id.edit";
import * as flagRoute from "~/routes/posts.$id.flag";
import * as reply from "~/routes/posts.$id.reply";
import * as savePost from "~/routes/posts.$id.save";
import * as resetPassword from "~/routes/reset-password.$token";
import * as answer from "~/routes/rounds.$id.prompts.$threadId.answer";
import * as mine from "~/routes/rounds.$id.mine";
import * as synthesis from "~/routes/rounds.$id.synthesis";
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
import * as newThread from "~/routes/threads.new";
import * as followTopic from "~/routes/topics.$slug.follow";
import * as unsubscribe from "~/routes/unsubscribe";
import * as uploadNew from "~/routes/uploads.new";
import * as verifyEmail from "~/routes/verify-email.$token";
import { REPO_ROOT, startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { formRequest, run, sessionCookieFor } from "../setup/requests";

type Action = (args: ActionFunctionArgs) => unknown;
type Form = Record<string, string | string[]>;
type Role = "visitor" | "member" | "moderator" | "admin";

const LONG_AGO = Date.now() - 30 * 86_400_000; // past the new-member posting limits

interface Fixtures {
  member: TestMember;
  cookies: Record<Role, string | undefined>;
  thread: { id: number; slug: string };
  openingId: number;
  replyId: number;
  flaggedReplyId: number;
  round: { id: number; promptIds: number[] };
  answerId: number;
  /** Emailed links of a member of their own (a garbage payload may use them up). */
  resetToken: string;
  verifyToken: string;
}

let f: Fixtures;

beforeAll(async () => {
  const [member, moderator, admin, flagger, linkHolder] = await Promise.all([
    createMember({ createdAt: LONG_AGO }),
    createMember({ role: "moderator", createdAt: LONG_AGO }),
    createMember({ role: "admin", createdAt: LONG_AGO }),
    createMember({ createdAt: LONG_AGO }),
    createMember({ createdAt: LONG_AGO, verified: false }),
  ]);
  const thread = await createTestThread({ authorId: member.id, title: "Where do you find volunteers?" });
  const openingId = await openingPostId(thread.id);
  const replyId = await createTestReply({ threadId: thread.id, authorId: member.id, body: "At the library." });
  const flaggedReplyId = await createTestReply({
    threadId: thread.id,
    authorId: member.id,
    body: "Buy cheap watches.",
  });
  await flagPost({ postId: flaggedReplyId, memberId: flagger.id, reason: "spam", note: "" });
  const round = await createTestRound({ createdBy: moderator.id });
  const answerId = await createTestAnswer({ roundId: round.id, threadId: round.promptIds[0]!, memberId: member.id });
  f = {
    member,
    cookies: {
      visitor: undefined,
      member: await sessionCookieFor(member.id),
      moderator: await sessionCookieFor(moderator.id),
      admin: await sessionCookieFor(admin.id),
    },
    thread,
    openingId: openingId,
    replyId,
    flaggedReplyId,
    round,
    answerId,
    resetToken: await issueEmailToken({ memberId: linkHolder.id, purpose: "reset" }),
    verifyToken: await issueEmailToken({ memberId: linkHolder.id, purpose: "verify" }),
  };
});

// ---------------------------------------------------------------------------------------------------------
// Forms, called as Remix calls them.

interface FormRow {
  name: string;
  action: Action;
  path: () => string;
  params?: () => Record<string, string>;
  /** Who sends it: someone the route lets through, so that the form itself is judged. */
  as: Role;
  /** The form's fields, for the garbage payloads. */
  fields: string[];
  /** Bad input, and the field its message is for; `null` for forms of buttons only (a plain 400 or 404). */
  bad: Array<{ form: Form; field: string | null; status?: number }>;
}

const today = () => new Date().toISOString().slice(0, 10);
const roundForm = (overrides: Form): Form => ({
  title: "What keeps you going?",
  purposeSource: "A round about sustaining the work.",
  opensOn: today(),
  closesOn: today(),
  tagSlugs: ["organizing"],
  promptTitle: ["What keeps you going?"],
  promptBody: ["Think of a hard week."],
  ...overrides,
});

const FORMS: FormRow[] = [
  {
    name: "join",
    action: joinRoute.action,
    path: () => "/join",
    as: "visitor",
    fields: ["handle", "displayName", "email", "password", "rulesAccepted", "redirectTo"],
    bad: [
      {
        form: {
          handle: "no spaces!",
          displayName: "Ana",
          email: "ana@example.org",
          password: "a long enough passphrase",
        },
        field: "handle",
      },
      {
        form: { handle: "ana_b", displayName: "Ana", email: "not an email", password: "a long enough passphrase" },
        field: "email",
      },
      {
        form: { handle: "ana_c", displayName: " ", email: "anac@example.org", password: "a long enough passphrase" },
        field: "displayName",
      },
      {
        form: { handle: "ana_d", displayName: "Ana", email: "anad@example.org", password: "a long enough passphrase" },
        field: "rulesAccepted",
      },
    ],
  },
  {
    // The footer's language switch: a language it does not know is ignored (back to the page, nothing kept).
    name: "language switch",
    action: languageRoute.action,
    path: () => "/language",
    as: "member",
    fields: ["language", "redirectTo"],
    bad: [],
  },
  {
    name: "log in",
    action: login.action,
    path: () => "/login",
    as: "visitor",
    fields: ["login", "password", "redirectTo"],
    bad: [
      { form: { login: "", password: "x" }, field: "login" },
      { form: { login: "someone" }, field: "password" },
    ],
  },
  {
    name: "forgot password",
    action: forgotPassword.action,
    path: () => "/forgot-password",
    as: "visitor",
    fields: ["login"],
    bad: [
      { form: { login: " " }, field: "login" },
      { form: { login: "x".repeat(255) }, field: "login" },
    ],
  },
  {
    name: "reset password",
    action: resetPassword.action,
    path: () => `/reset-password/${f.resetToken}`,
    params: () => ({ token: f.resetToken }),
    as: "visitor",
    fields: ["newPassword"],
    bad: [
      { form: { newPassword: "" }, field: "newPassword" },
      { form: { newPassword: "short" }, field: "newPassword" },
      { form: { newPassword: "x".repeat(201) }, field: "newPassword" },
    ],
  },
  {
    name: "confirm an address",
    action: verifyEmail.action,
    path: () => `/verify-email/${f.verifyToken}`,
    params: () => ({ token: f.verifyToken }),
    as: "visitor",
    fields: ["intent"],
    bad: [], // a button only; the link is the input (junk links: the addresses below)
  },
  {
    name: "email address",
    action: emailSettings.action,
    path: () => "/settings/email",
    as: "member",
    fields: ["intent", "newEmail", "currentPassword"],
    bad: [
      { form: { intent: "change-email", newEmail: "not an address", currentPassword: "x" }, field: "newEmail" },
      { form: { intent: "change-email", newEmail: "new@example.org", currentPassword: "" }, field: "currentPassword" },
      { form: { intent: "forward-everything" }, field: "form" },
    ],
  },
  {
    name: "profile",
    action: profile.action,
    path: () => "/settings/profile",
    as: "member",
    fields: ["displayName", "organization", "location", "bioSource", "fieldSlugs"],
    bad: [
      { form: { displayName: "" }, field: "displayName" },
      { form: { displayName: "Ana", bioSource: "x".repeat(5_001) }, field: "bioSource" },
      { form: { displayName: "Ana", organization: "x".repeat(121) }, field: "organization" },
      {
        form: { displayName: "Ana", fieldSlugs: Array.from({ length: 9 }, (_, i) => `topic-${i}`) },
        field: "fieldSlugs",
      },
    ],
  },
  {
    name: "change password",
    action: settings.action,
    path: () => "/settings",
    as: "moderator",
    fields: ["intent", "currentPassword", "newPassword"],
    bad: [
      {
        form: { intent: "change-password", currentPassword: "", newPassword: "a brand new passphrase" },
        field: "currentPassword",
      },
      {
        form: { intent: "change-password", currentPassword: "not the password", newPassword: "a brand new passphrase" },
        field: "currentPassword",
      },
      { form: { intent: "sign-out-nowhere" }, field: null },
    ],
  },
  {
    name: "time zone",
    action: settings.action,
    path: () => "/settings",
    as: "member",
    fields: ["intent", "timeZone"],
    bad: [
      { form: { intent: "time-zone", timeZone: "Mars/Olympus_Mons" }, field: "timeZone" },
      { form: { intent: "time-zone" }, field: "timeZone" },
    ],
  },
  {
    // Garbage never carries its intent, so only the bad rows reach the (throttled) password check.
    name: "delete your account",
    action: accountSettings.action,
    path: () => "/settings/account",
    as: "member",
    fields: ["intent", "posts", "currentPassword"],
    bad: [
      { form: { intent: "delete-account", posts: "keep", currentPassword: "" }, field: "currentPassword" },
      { form: { intent: "delete-account", posts: "vanish", currentPassword: "x" }, field: "posts" },
      {
        form: { intent: "delete-account", posts: "remove", currentPassword: "not the password" },
        field: "currentPassword",
      },
      { form: { intent: "delete-everyone" }, field: null },
    ],
  },
  {
    name: "live preview",
    action: preview.action,
    path: () => "/preview",
    as: "member",
    fields: ["bodySource"],
    bad: [{ form: { bodySource: "x".repeat(50_001) }, field: "bodySource" }],
  },
  {
    name: "download your data",
    action: accountExport.action,
    path: () => "/settings/account/export",
    as: "member",
    fields: [],
    bad: [], // it reads no field; only garbage below (answered with the file, or a wait once used up)
  },
  {
    name: "digest settings",
    action: digestSettings.action,
    path: () => "/settings/notifications",
    as: "member",
    fields: ["intent", "frequency", "digestTopic", "alerts", "tagId"],
    bad: [
      { form: { frequency: "hourly", alerts: "immediate" }, field: "frequency" },
      { form: {}, field: "frequency" },
      { form: { frequency: "daily", alerts: "sometimes" }, field: "alerts" },
      { form: { frequency: "daily" }, field: "alerts" },
      // Replies and mentions in a digest that is not sent would go nowhere.
      { form: { frequency: "none", alerts: "digest" }, field: "alerts" },
    ],
  },
  {
    name: "new discussion",
    action: newThread.action,
    path: () => "/threads/new",
    as: "member",
    fields: ["intent", "title", "bodySource", "tagSlugs", "draftId"],
    bad: [
      { form: { intent: "publish", title: "Hi", bodySource: "Words.", tagSlugs: "organizing" }, field: "title" },
      {
        form: { intent: "publish", title: "x".repeat(151), bodySource: "Words.", tagSlugs: "organizing" },
        field: "title",
      },
      {
        form: { intent: "publish", title: "A fine title", bodySource: "   ", tagSlugs: "organizing" },
        field: "bodySource",
      },
      {
        form: { intent: "publish", title: "A fine title", bodySource: "x".repeat(50_001), tagSlugs: "organizing" },
        field: "bodySource",
      },
      { form: { intent: "publish", title: "A fine title", bodySource: "Words." }, field: "tagSlugs" },
      {
        form: { intent: "publish", title: "A fine title", bodySource: "Words.", tagSlugs: "no-such-topic" },
        field: "tagSlugs",
      },
      { form: { intent: "save-draft", title: "x".repeat(601) }, field: "title" },
    ],
  },
  {
    name: "new story",
    action: newStory.action,
    path: () => "/stories/new",
    as: "member",
    fields: [
      "intent",
      "title",
      "story-context",
      "story-did",
      "story-happened",
      "story-learned",
      "story-advice",
      "tagSlugs",
      "draftId",
    ],
    bad: [
      { form: { intent: "preview", title: "", "story-context": "Words.", tagSlugs: "organizing" }, field: "title" },
      {
        form: {
          intent: "publish",
          title: "A fine story",
          "story-context": " ",
          "story-advice": "",
          tagSlugs: "health",
        },
        field: "story-context",
      },
      {
        form: { intent: "publish", title: "A fine story", "story-did": "x".repeat(50_001), tagSlugs: "health" },
        field: "story-context",
      },
    ],
  },
  {
    name: "send a file (the composer's scripts)",
    action: uploadNew.action,
    path: () => "/uploads/new",
    params: () => ({}),
    as: "member",
    fields: ["file", "alt"],
    // A form with no file: answered in JSON with why (the scripts show `message`), not a field error.
    bad: [{ form: { alt: "A description without its file" }, field: null }],
  },
  {
    name: "reply",
    action: reply.action,
    path: () => `/posts/${f.replyId}/reply`,
    params: () => ({ id: String(f.replyId) }),
    as: "moderator",
    fields: ["intent", "bodySource", "draftId"],
    bad: [
      { form: { intent: "publish", bodySource: "" }, field: "bodySource" },
      { form: { intent: "publish", bodySource: "x".repeat(50_001) }, field: "bodySource" },
    ],
  },
  {
    name: "edit a reply",
    action: editPost.action,
    path: () => `/posts/${f.replyId}/edit`,
    params: () => ({ id: String(f.replyId) }),
    as: "member",
    fields: ["intent", "bodySource", "title", "tagSlugs"],
    bad: [{ form: { intent: "publish", bodySource: " " }, field: "bodySource" }],
  },
  {
    name: "edit an opening post",
    action: editPost.action,
    path: () => `/posts/${f.openingId}/edit`,
    params: () => ({ id: String(f.openingId) }),
    as: "member",
    fields: ["intent", "bodySource", "title", "tagSlugs"],
    bad: [
      { form: { intent: "publish", title: "", bodySource: "Words.", tagSlugs: "organizing" }, field: "title" },
      {
        form: { intent: "publish", title: "A fine title", bodySource: "Words.", tagSlugs: ["organizing", "nope"] },
        field: "tagSlugs",
      },
    ],
  },
  {
    name: "flag",
    action: flagRoute.action,
    path: () => `/posts/${f.replyId}/flag`,
    params: () => ({ id: String(f.replyId) }),
    as: "moderator",
    fields: ["reason", "note"],
    bad: [
      { form: { reason: "boring" }, field: "reason" },
      { form: { reason: "other", note: "x".repeat(501) }, field: "note" },
    ],
  },
  {
    name: "moderate a thread",
    action: modThread.action,
    path: () => `/mod/threads/${f.thread.id}`,
    params: () => ({ id: String(f.thread.id) }),
    as: "moderator",
    fields: ["intent", "lockReason", "tagSlugs", "reason", "note"],
    bad: [
      { form: { intent: "lock", lockReason: " " }, field: "lockReason" },
      { form: { intent: "topics" }, field: "tagSlugs" },
      { form: { intent: "hide", reason: "because" }, field: "reason" },
      { form: { intent: "teleport" }, field: "form" },
    ],
  },
  {
    name: "moderate a reply",
    action: modPost.action,
    path: () => `/mod/posts/${f.replyId}`,
    params: () => ({ id: String(f.replyId) }),
    as: "moderator",
    fields: ["intent", "reason", "note"],
    bad: [
      { form: { intent: "hide" }, field: "reason" },
      { form: { intent: "vanish" }, field: "form" },
    ],
  },
  {
    name: "the flag queue",
    action: modFlags.action,
    path: () => "/mod/flags",
    as: "moderator",
    fields: ["intent", "postId", "reason", "note", "length"],
    bad: [
      { form: { intent: "dismiss", postId: "abc" }, field: "form" },
      { form: { intent: "hide-suspend", postId: "FLAGGED", reason: "spam", note: "" }, field: "length" },
      { form: { intent: "hide", postId: "FLAGGED", reason: "other", note: "" }, field: "note" },
    ],
  },
  {
    name: "moderate a member",
    action: modMember.action,
    path: () => `/mod/members/${f.member.handle}`,
    params: () => ({ handle: f.member.handle }),
    as: "moderator",
    fields: ["intent", "reason", "length", "until", "body"],
    bad: [
      { form: { intent: "suspend", reason: "", length: "7d" }, field: "reason" },
      { form: { intent: "suspend", reason: "Spam.", length: "date", until: "2026-02-31" }, field: "until" },
      { form: { intent: "note", body: "x".repeat(2_001) }, field: "body" },
      { form: { intent: "banish" }, field: "form" },
    ],
  },
  {
    name: "topics",
    action: modTopics.action,
    path: () => "/mod/topics",
    as: "moderator",
    fields: ["intent", "name", "slug", "description", "from", "into"],
    bad: [
      { form: { intent: "create", name: "Bad slug", slug: "Bad Slug!", description: "" }, field: "slug" },
      { form: { intent: "create", name: "", slug: "fine-slug", description: "" }, field: "name" },
      { form: { intent: "merge", from: "health", into: "health" }, field: "into" },
      { form: { intent: "rename-everything" }, field: "form" },
    ],
  },
  {
    name: "new prompt",
    action: modPrompt.action,
    path: () => "/mod/prompts/new",
    as: "moderator",
    fields: ["intent", "title", "bodySource", "tagSlugs", "pinned"],
    bad: [{ form: { title: "", bodySource: "Question?", tagSlugs: "organizing" }, field: "title" }],
  },
  {
    name: "approvals",
    action: modApprovals.action,
    path: () => "/mod/approvals",
    as: "moderator",
    fields: ["intent", "memberId", "reason"],
    bad: [
      { form: { intent: "promote", memberId: "MEMBER" }, field: "intent" },
      { form: { intent: "approve", memberId: "abc" }, field: "memberId" },
      { form: { intent: "approve", memberId: "MEMBER", reason: "x".repeat(501) }, field: "reason" },
      { form: { intent: "approve", memberId: "MEMBER" }, field: "form" }, // not waiting
    ],
  },
  {
    name: "facilitator's list worked through",
    action: modFacilitate.action,
    path: () => "/mod/facilitate",
    as: "moderator",
    fields: ["intent"],
    bad: [{ form: { intent: "forget" }, field: "form" }],
  },
  {
    name: "member roles",
    action: adminMembers.action,
    path: () => "/admin/members",
    as: "admin",
    fields: ["memberId", "role"],
    bad: [
      { form: { memberId: "MEMBER", role: "overlord" }, field: "role" },
      { form: { memberId: "abc", role: "moderator" }, field: "memberId" },
    ],
  },
  {
    name: "new round",
    action: newRound.action,
    path: () => "/rounds/new",
    as: "moderator",
    fields: [
      "intent",
      "title",
      "purposeSource",
      "opensOn",
      "closesOn",
      "answerFirst",
      "tagSlugs",
      "promptTitle",
      "promptBody",
    ],
    bad: [
      { form: roundForm({ opensOn: "2020-01-01" }), field: "opensOn" },
      { form: roundForm({ opensOn: "2026-13-45" }), field: "opensOn" },
      { form: roundForm({ promptTitle: [], promptBody: [] }), field: "prompts" },
      { form: roundForm({ tagSlugs: [] }), field: "tagSlugs" },
    ],
  },
  {
    name: "answer a prompt",
    action: answer.action,
    path: () => `/rounds/${f.round.id}/prompts/${f.round.promptIds[1]}/answer`,
    params: () => ({ id: String(f.round.id), threadId: String(f.round.promptIds[1]) }),
    as: "member",
    fields: ["intent", "bodySource", "consent", "anonymous", "pseudonym"],
    bad: [
      { form: { bodySource: "An answer.", consent: "maybe" }, field: "consent" },
      { form: { bodySource: "", consent: "named" }, field: "bodySource" },
      {
        form: { bodySource: "An answer.", consent: "anonymized", anonymous: "yes", pseudonym: "<b>" },
        field: "pseudonym",
      },
    ],
  },
  {
    name: "change consent",
    action: mine.action,
    path: () => `/rounds/${f.round.id}/mine`,
    params: () => ({ id: String(f.round.id) }),
    as: "member",
    fields: ["postId", "consent"],
    bad: [
      { form: { postId: "abc", consent: "none" }, field: "postId" },
      { form: { postId: "ANSWER", consent: "everyone" }, field: "consent" },
    ],
  },
  {
    name: "synthesis",
    action: synthesis.action,
    path: () => `/rounds/${f.round.id}/synthesis`,
    params: () => ({ id: String(f.round.id) }),
    as: "moderator",
    fields: ["intent", "synthesisSource"],
    bad: [{ form: { intent: "save", synthesisSource: "x".repeat(50_001) }, field: "synthesisSource" }],
  },
  // Forms of buttons only: nothing typed, so nothing to point at; junk is a plain 400 or 404.
  {
    name: "close a story's replies",
    action: closeReplies.action,
    path: () => `/threads/${f.thread.id}/close`,
    params: () => ({ id: String(f.thread.id) }),
    as: "member",
    fields: ["intent"],
    bad: [{ form: { intent: "shut" }, field: null }],
  },
  {
    name: "save a post for later",
    action: savePost.action,
    path: () => `/posts/${f.replyId}/save`,
    params: () => ({ id: String(f.replyId) }),
    as: "member",
    fields: ["saved", "returnTo", "via"],
    bad: [
      { form: { saved: "maybe" }, field: null },
      { form: {}, field: null },
    ],
  },
  {
    name: "follow a thread",
    action: followThread.action,
    path: () => `/threads/${f.thread.id}/follow`,
    params: () => ({ id: String(f.thread.id) }),
    as: "member",
    fields: ["intent"],
    bad: [{ form: { intent: "stalk" }, field: null }],
  },
  {
    name: "follow a topic",
    action: followTopic.action,
    path: () => "/topics/organizing/follow",
    params: () => ({ slug: "organizing" }),
    as: "member",
    fields: ["intent"],
    bad: [{ form: { intent: "subscribe" }, field: null }],
  },
  {
    name: "discard a draft",
    action: drafts.action,
    path: () => "/drafts",
    as: "member",
    fields: ["draftId"],
    bad: [{ form: { draftId: "abc" }, field: null, status: 404 }],
  },
  {
    name: "mark notifications read",
    action: notifications.action,
    path: () => "/notifications",
    as: "member",
    fields: ["intent", "ids", "next"],
    bad: [], // ids it does not understand are ignored; only garbage below
  },
  {
    name: "one-click unsubscribe",
    action: unsubscribe.action,
    path: () => "/unsubscribe?m=abc&t=forged",
    as: "visitor",
    fields: ["List-Unsubscribe"],
    bad: [{ form: { "List-Unsubscribe": "One-Click" }, field: null }],
  },
  {
    name: "one-click unsubscribe from reply alerts",
    action: unsubscribe.action,
    path: () => "/unsubscribe?list=alerts&m=1&t=forged",
    as: "visitor",
    fields: ["List-Unsubscribe"],
    bad: [{ form: { "List-Unsubscribe": "One-Click" }, field: null }],
  },
];

/** Ids that only exist once the fixtures do. */
function resolve(form: Form): Form {
  const swap = (v: string) =>
    v === "FLAGGED"
      ? String(f.flaggedReplyId)
      : v === "MEMBER"
        ? String(f.member.id)
        : v === "ANSWER"
          ? String(f.answerId)
          : v;
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v.map(swap) : swap(v)]));
}

function send(row: FormRow, form: Form) {
  return run(row.action as never, formRequest(row.path(), resolve(form), f.cookies[row.as]), row.params?.() ?? {});
}

// Every field at once, each shape of garbage: nothing, blanks, NULs, far too long, repeated, huge numbers, a
// lone surrogate, and keys that name Object.prototype's own properties.
const GARBAGE: Array<[string, (fields: string[]) => Form]> = [
  ["nothing", () => ({})],
  ["blanks", (fields) => Object.fromEntries(fields.map((k) => [k, ""]))],
  ["NUL characters", (fields) => Object.fromEntries(fields.map((k) => [k, "\u0000".repeat(8)]))],
  ["120,000 characters", (fields) => Object.fromEntries(fields.map((k) => [k, "x".repeat(120_000)]))],
  [
    "60 values each",
    (fields) => Object.fromEntries(fields.map((k) => [k, Array.from({ length: 60 }, (_, i) => `v${i}`)])),
  ],
  [
    "huge and negative numbers",
    (fields) => Object.fromEntries(fields.map((k, i) => [k, i % 2 ? "-1" : "99999999999999999999"])),
  ],
  ["a lone surrogate", (fields) => Object.fromEntries(fields.map((k) => [k, "\ud800 text"]))],
  [
    "prototype keys",
    (fields) =>
      Object.fromEntries([
        ...fields.map((k) => [k, "constructor"]),
        ["__proto__", ["a", "b"]],
        ["constructor", "x"],
        ["hasOwnProperty", "x"],
      ]),
  ],
];

// Garbage that is not text at all: every form refuses it (a lone surrogate arrives as U+FFFD, its trace).
const INVALID_TEXT = new Map([
  ["NUL characters", tr(CONTROL_CHARACTER_MESSAGE)],
  ["a lone surrogate", tr(UNREADABLE_TEXT_MESSAGE)],
]);

/** Rows written by this process so far (the routes run in this process). */
const totalChanges = writesHere;

describe("forms", () => {
  it("cover every route with an action", () => {
    // A new form gets a row above; these actions take no input to judge (a button, or nothing but the address).
    const WITHOUT_INPUT = new Set(["$", "logout", "members.$handle.edit", "posts.$id.delete", "posts.$id.helpful"]);
    const covered = new Set(FORMS.map((row) => row.action));
    const dir = join(REPO_ROOT, "app/routes");
    for (const file of readdirSync(dir)) {
      const route = file.replace(/\.tsx?$/, "");
      if (
        WITHOUT_INPUT.has(route) ||
        !/export (async function|const) action\b/.test(readFileSync(join(dir, file), "utf8"))
      )
        continue;
      const action = ROUTE_MODULES[route];
      expect(action !== undefined && covered.has(action), `${route} has a row in FORMS`).toBe(true);
    }
  });

  describe.each(FORMS.filter((row) => row.bad.length))("$name", (row) => {
    it.each(row.bad.map((bad) => [JSON.stringify(bad.form).slice(0, 80), bad] as const))(
      "answers %s with a %s",
      async (_label, bad) => {
        const response = await send(row, bad.form);
        expect(response.status).toBe(bad.status ?? 400);
        if (bad.field === null) return;
        const data = (await response.json()) as { fieldErrors?: Record<string, string> };
        expect(data.fieldErrors?.[bad.field], JSON.stringify(data.fieldErrors)).toMatch(/\w/);
      },
    );
  });

  describe.each(FORMS)("$name, sent garbage,", (row) => {
    it.each(GARBAGE)("answers %s with a 4xx or a redirect, never a 500", async (label, make) => {
      const changesBefore = await totalChanges();
      const response = await send(row, make(row.fields));
      expect(response.status).toBeLessThan(500);
      if (response.status === 400 && response.headers.get("Content-Type")?.includes("json")) {
        const data = (await response.json()) as { fieldErrors?: unknown; done?: unknown };
        expect(data.fieldErrors ?? data.done).toBeDefined();
      }
      if (INVALID_TEXT.has(label)) {
        if (hasTextFields(row)) expect(response.status, "refused").toBeGreaterThanOrEqual(400);
        expect(await totalChanges(), "nothing was written").toBe(changesBefore);
      }
    });
  });

  // The same, with the form's own intent kept (garbage in an intent is refused before any field is read).
  describe.each(FORMS.filter(hasTextFields))("$name, sent text that is not text,", (row) => {
    it.each([...INVALID_TEXT.keys()])("refuses %s with a 400 and a message next to the field", async (label) => {
      const garbage = GARBAGE.find(([name]) => name === label)![1];
      const example = row.bad.find((bad) => bad.field !== null && bad.field !== "form")!.form;
      const form = { ...example, ...garbage(row.fields.filter((k) => !["intent", "postId", "memberId"].includes(k))) };
      const changesBefore = await totalChanges();
      const response = await send(row, form);
      expect(response.status).toBe(400);
      const data = (await response.json()) as { fieldErrors?: Record<string, string> };
      expect(Object.values(data.fieldErrors ?? {}), JSON.stringify(data.fieldErrors)).toContain(
        INVALID_TEXT.get(label),
      );
      expect(await totalChanges(), "nothing was written").toBe(changesBefore);
    });
  });
});

/** Forms with a field of text (passwords are never judged as text: see app/lib/validation.ts). */
function hasTextFields(row: FormRow): boolean {
  return row.bad.some((bad) => bad.field !== null) && row.fields.some((k) => !/password|intent/i.test(k));
}

const ROUTE_MODULES: Record<string, Action | undefined> = Object.fromEntries(
  Object.entries({
    "admin.members": adminMembers,
    drafts,
    "forgot-password": forgotPassword,
    join: joinRoute,
    language: languageRoute,
    login,
    "mod.approvals": modApprovals,
    "mod.facilitate": modFacilitate,
    "mod.flags": modFlags,
    "mod.members.$handle": modMember,
    "mod.posts.$id": modPost,
    "mod.prompts.new": modPrompt,
    "mod.threads.$id": modThread,
    "mod.topics": modTopics,
    notifications,
    "posts.$id.edit": editPost,
    "posts.$id.flag": flagRoute,
    "posts.$id.reply": reply,
    preview,
    "reset-password.$token": resetPassword,
    "rounds.$id.prompts.$threadId.answer": answer,
    "rounds.$id.mine": mine,
    "rounds.$id.synthesis": synthesis,
    "rounds.new": newRound,
    "settings._index": settings,
    "settings.email": emailSettings,
    "settings.account": accountSettings,
    "settings.account.export": accountExport,
    "settings.notifications": digestSettings,
    "settings.profile": profile,
    "stories.new": newStory,
    "threads.$id.close": closeReplies,
    "threads.$id.follow": followThread,
    "posts.$id.save": savePost,
    "threads.new": newThread,
    "topics.$slug.follow": followTopic,
    unsubscribe,
    "uploads.new": uploadNew,
    "verify-email.$token": verifyEmail,
  }).map(([route, module]) => [route, module.action as Action]),
);

// ---------------------------------------------------------------------------------------------------------
// Over HTTP, against the production build (npm test builds it first), sharing this file's database.

let server: RunningServer;

describe("over HTTP", () => {
  beforeAll(async () => {
    server = await startServer({
      env: { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: join(process.env.DATABASE_PATH!, "..", "outbox") },
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  describe("addresses", () => {
    it(
      "answer junk in every dynamic part with a 400 or 404, as a visitor and as an admin",
      { timeout: 120_000 },
      async () => {
        const urls = junkAddresses();
        const failures: string[] = [];
        await inParallel(urls, 6, async ({ path, param, route }) => {
          for (const role of ["visitor", "admin"] as const) {
            const outcome = await follow(path, f.cookies[role]);
            if (!allowed(route, param, role, outcome))
              failures.push(`${role} GET ${path.slice(0, 120)}: ${outcome.trail}`);
            if (role === "admin" && ACTION_ROUTES.has(route)) {
              const posted = await request(path, { method: "POST", cookie: f.cookies.admin, form: { intent: "junk" } });
              const ok =
                [400, 404].includes(posted.status) || (route === "members.$handle.edit" && posted.status === 403);
              if (!ok) failures.push(`admin POST ${path.slice(0, 120)}: ${posted.status}`);
            }
          }
        });
        console.info(`Tried ${urls.length} junk addresses on ${Object.keys(VALID).length} dynamic routes.`);
        expect(failures).toEqual([]);
        expect(errorLines(server.output())).toEqual([]);
      },
    );

    it("answer junk cursors and query values with a 400 (or 404 for a draft that is not there), and ignore unknown ones", async () => {
      const member = f.member.handle;
      const cases: Array<[string, Role, number]> = [
        [`/threads/${f.thread.id}/${f.thread.slug}?after=abc`, "visitor", 400],
        [`/threads/${f.thread.id}/${f.thread.slug}?after=-5`, "admin", 400],
        [`/threads/${f.thread.id}/${f.thread.slug}?after=99999999999999999999`, "visitor", 400],
        ["/topics/organizing?after=zzz", "visitor", 400],
        ["/topics/organizing?after=%00", "admin", 400],
        ["/topics/organizing?sort=sideways", "visitor", 400],
        ["/topics/organizing?kind=poem", "visitor", 400],
        [`/members/${member}?section=secrets`, "visitor", 400],
        [`/members/${member}?after=%ff`, "visitor", 400],
        ["/mod/log?before=yesterday", "admin", 400],
        ["/mod/log?from=2026-02-31", "admin", 400],
        ["/search?q=rent&from=someday", "visitor", 400],
        ["/threads/new?draft=abc", "member", 404],
        ["/threads/new?draft=999999", "member", 404],
        ["/stories/new?draft=0", "member", 404],
        ["/unsubscribe?m=1&t=forged", "visitor", 400],
        ["/unsubscribe?list=alerts&m=1&t=forged", "visitor", 400],
        ["/unsubscribe?list=everything&m=1&t=forged", "visitor", 400],
      ];
      // Status words after a moderator's action are looked up by name: only our names show anything.
      for (const page of [
        "/mod/topics",
        `/mod/threads/${f.thread.id}`,
        `/mod/posts/${f.replyId}`,
        `/mod/members/${member}`,
        "/mod/flags",
        `/rounds/${f.round.id}`,
      ]) {
        for (const done of ["constructor", "__proto__", "toString"]) cases.push([`${page}?done=${done}`, "admin", 200]);
      }
      const failures: string[] = [];
      for (const [path, role, status] of cases) {
        const answer = await request(path, { cookie: f.cookies[role] });
        if (answer.status !== status) failures.push(`${role} ${path}: ${answer.status}, expected ${status}`);
      }
      expect(failures).toEqual([]);
    });
  });

  describe("bodies", () => {
    it("refuses other media types with a 415 and a broken multipart body with a 400", async () => {
      const statuses: number[] = [];
      for (const type of ["application/json", "text/plain", "application/xml", undefined]) {
        statuses.push(
          (
            await request("/login", {
              method: "POST",
              body: '{"login":"x"}',
              headers: type ? { "Content-Type": type } : {},
            })
          ).status,
        );
      }
      expect(statuses).toEqual([415, 415, 415, 415]);
      const broken = await request("/login", {
        method: "POST",
        body: "no boundary in here",
        headers: { "Content-Type": "multipart/form-data; boundary=zz" },
      });
      expect(broken.status).toBe(400);
      const multipart = await request("/login", {
        method: "POST",
        body: '--zz\r\nContent-Disposition: form-data; name="login"\r\n\r\nsomeone\r\n--zz--\r\n',
        headers: { "Content-Type": "multipart/form-data; boundary=zz" },
      });
      expect(multipart.status).toBe(400);
      expect(multipart.body).toContain("Enter your password.");
      expect(errorLines(server.output())).toEqual([]);
    });

    it("refuses a body over 256 KB with a 413 from its Content-Length, without waiting for the body", async () => {
      // Announces 10 MB and sends 1 KB: the answer must come anyway.
      const answer = await request("/login", {
        method: "POST",
        headers: { "Content-Length": String(10 * 1024 * 1024) },
        partial: "login=" + "a".repeat(1024),
      });
      expect(answer.status).toBe(413);
      const justOver = await request("/login", {
        method: "POST",
        form: { login: "a".repeat(256 * 1024), password: "x" },
      });
      expect(justOver.status).toBe(413);
    });

    it("refuses a chunked body over 256 KB with a 413 before the route parses it, and still takes a small one", async () => {
      const big = await request("/login", {
        method: "POST",
        chunks: chunksOf("login=" + "a".repeat(300 * 1024) + "&password="),
      });
      expect(big.status).toBe(413); // the form's own answer would be a 400
      expect(big.body).toContain("too large");
      const huge = await request("/login", {
        method: "POST",
        chunks: chunksOf("login=" + "a".repeat(5 * 1024 * 1024)),
      });
      expect(huge.status).toBe(413);
      const small = await request("/login", {
        method: "POST",
        chunks: chunksOf("login=" + "a".repeat(100 * 1024) + "&password="),
      });
      expect(small.status).toBe(400);
      expect(small.body).toContain("Enter your password.");
      expect(errorLines(server.output())).toEqual([]);
    });
  });
});

// Valid values for each dynamic route's parameters; junk goes into one parameter at a time.
const VALID: Record<string, () => Record<string, string>> = {
  $: () => ({ "*": "no-such-page" }),
  "members.$handle": () => ({ handle: f.member.handle }),
  "members.$handle.edit": () => ({ handle: f.member.handle }),
  "members.$handle.feed[.]atom": () => ({ handle: f.member.handle }),
  "mod.members.$handle": () => ({ handle: f.member.handle }),
  "mod.posts.$id": () => ({ id: String(f.replyId) }),
  "mod.threads.$id": () => ({ id: String(f.thread.id) }),
  "posts.$id._index": () => ({ id: String(f.replyId) }),
  "posts.$id.delete": () => ({ id: String(f.replyId) }),
  "posts.$id.edit": () => ({ id: String(f.replyId) }),
  "posts.$id.flag": () => ({ id: String(f.replyId) }),
  "posts.$id.helpful": () => ({ id: String(f.replyId) }),
  "posts.$id.save": () => ({ id: String(f.replyId) }),
  "posts.$id.history": () => ({ id: String(f.replyId) }),
  "posts.$id.reply": () => ({ id: String(f.replyId) }),
  "reset-password.$token": () => ({ token: f.resetToken }),
  "rounds.$id._index": () => ({ id: String(f.round.id) }),
  "rounds.$id.export[.]csv": () => ({ id: String(f.round.id) }),
  "rounds.$id.export[.]json": () => ({ id: String(f.round.id) }),
  "rounds.$id.mine": () => ({ id: String(f.round.id) }),
  "rounds.$id.prompts.$threadId.answer": () => ({ id: String(f.round.id), threadId: String(f.round.promptIds[0]) }),
  "rounds.$id.synthesis": () => ({ id: String(f.round.id) }),
  "threads.$id.$slug": () => ({ id: String(f.thread.id), slug: f.thread.slug }),
  "threads.$id._index": () => ({ id: String(f.thread.id) }),
  "threads.$id.close": () => ({ id: String(f.thread.id) }),
  "threads.$id.feed[.]atom": () => ({ id: String(f.thread.id) }),
  "threads.$id.follow": () => ({ id: String(f.thread.id) }),
  "topics.$slug": () => ({ slug: "organizing" }),
  "topics.$slug.feed[.]atom": () => ({ slug: "organizing" }),
  "topics.$slug.follow": () => ({ slug: "organizing" }),
  // No upload has this name: what the route answers a valid-looking name it does not know.
  "uploads.$name": () => ({ name: `${"a".repeat(64)}.png` }),
  "verify-email.$token": () => ({ token: f.verifyToken }),
};

const ACTION_ROUTES = new Set(
  Object.keys(ROUTE_MODULES)
    .filter((route) => route.includes("$"))
    .concat(["posts.$id.delete", "posts.$id.helpful", "members.$handle.edit"]),
);

// As they travel on the wire (already %-encoded where they need to be).
const JUNK = [
  "abc",
  "0",
  "-1",
  "1.5",
  "1e3",
  "0x1F",
  "99999999999999999999",
  "%zz",
  "%E0%A4%A",
  "%00",
  "%0d%0aX-Evil:%201",
  "..%2F..%2Fetc%2Fpasswd",
  "%20",
  "x".repeat(2_000),
  "'%20OR%201=1--",
  "%3Cscript%3E",
  "%F0%9F%99%82",
  "constructor",
  "__proto__",
];

/** "threads.$id.$slug" -> ["threads", "$id", "$slug"]; "feed[.]atom" is one segment. */
function segmentsOf(route: string): string[] {
  return route
    .replace(/\[\.\]/g, "\u0001")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/\u0001/g, "."));
}

function junkAddresses(): Array<{ path: string; param: string; route: string }> {
  const routes = readdirSync(join(REPO_ROOT, "app/routes"))
    .map((file) => file.replace(/\.tsx?$/, ""))
    .filter((route) => route.includes("$"));
  // Every dynamic route needs valid values above, so that a new one can't go untested.
  expect(routes.filter((route) => !VALID[route])).toEqual([]);
  const addresses: Array<{ path: string; param: string; route: string }> = [];
  for (const route of routes) {
    const valid = VALID[route]!();
    const segments = segmentsOf(route);
    const params = segments.filter((s) => s.startsWith("$")).map((s) => (s === "$" ? "*" : s.slice(1)));
    for (const param of params) {
      for (const junk of JUNK) {
        const path = segments.map((s) => {
          if (!s.startsWith("$")) return s;
          const name = s === "$" ? "*" : s.slice(1);
          return name === param ? junk : encodeURIComponent(valid[name]!);
        });
        addresses.push({ path: `/${path.join("/")}`, param, route });
      }
    }
  }
  return addresses;
}

interface Outcome {
  status: number;
  loginRedirect: boolean;
  trail: string;
}

/** GET, following redirects on the site (but not to the login page), up to three. */
async function follow(path: string, cookie: string | undefined): Promise<Outcome> {
  let current = path;
  const trail: number[] = [];
  for (let hop = 0; hop < 4; hop++) {
    const answer = await request(current, { cookie });
    trail.push(answer.status);
    const location = answer.headers.location;
    if (answer.status < 300 || answer.status >= 400 || !location)
      return { status: answer.status, loginRedirect: false, trail: trail.join(" -> ") };
    const next = new URL(location, server.url);
    if (next.origin !== server.url)
      return { status: answer.status, loginRedirect: false, trail: `${trail.join(" -> ")} to ${location}` };
    if (next.pathname === "/login") return { status: answer.status, loginRedirect: true, trail: trail.join(" -> ") };
    current = next.pathname + next.search;
  }
  return { status: 310, loginRedirect: false, trail: trail.join(" -> ") };
}

function allowed(route: string, param: string, role: "visitor" | "admin", outcome: Outcome): boolean {
  if (outcome.loginRedirect) return role === "visitor";
  if ([400, 404].includes(outcome.status)) return true;
  // A wrong slug leads to the thread's own address; another member's handle is not yours to edit.
  if (route === "threads.$id.$slug" && param === "slug")
    return outcome.status === 200 && outcome.trail.startsWith("301");
  if (route === "members.$handle.edit" && role === "admin") return outcome.status === 403;
  return false;
}

function errorLines(output: string): string[] {
  return output.split("\n").filter((line) => line.includes('"level":"error"'));
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function chunksOf(text: string, size = 16 * 1024): Buffer[] {
  const buffer = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) chunks.push(buffer.subarray(i, i + size));
  return chunks;
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request exactly as written (node:http keeps the path as given; fetch would normalize it). `form` is sent
 * urlencoded; `chunks` chunked, without a Content-Length; `partial` is written and the request left open.
 */
function request(
  path: string,
  options: {
    method?: string;
    cookie?: string;
    headers?: Record<string, string>;
    form?: Form;
    body?: string;
    chunks?: Buffer[];
    partial?: string;
  } = {},
): Promise<RawAnswer> {
  const { port } = new URL(server.url);
  const headers: Record<string, string> = { Origin: server.url, ...options.headers };
  if (options.cookie) headers.Cookie = options.cookie;
  let body: string | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(
      Object.entries(options.form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])),
    ).toString();
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  if (options.chunks || options.partial) headers["Content-Type"] ??= "application/x-www-form-urlencoded";
  if (options.chunks) headers["Transfer-Encoding"] = "chunked";
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text });
          if (options.partial) req.destroy();
        });
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error(`No answer to ${path.slice(0, 80)} within 15 s`)));
    req.on("error", reject);
    if (options.partial) {
      req.write(options.partial);
      return;
    }
    if (options.chunks) {
      void (async () => {
        for (const chunk of options.chunks!) if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
        req.end();
      })();
      return;
    }
    req.end(body);
  });
}
