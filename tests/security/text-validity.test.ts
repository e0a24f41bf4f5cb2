import { tr } from "~/lib/translate";
// Valid text (issue 12, section 4; the rule is written down in app/lib/validation.ts): every text field of
// every form refuses what is not text (NULs and other control characters, noncharacters, bytes that are not
// UTF-8, lone surrogates) with a message next to the field, and stores nothing. Fields of one line also refuse
// line breaks and direction overrides. Real text of every script, emoji and marks stays welcome.
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import {
  BIDI_CONTROL_MESSAGE,
  CONTROL_CHARACTER_MESSAGE,
  ONE_LINE_MESSAGE,
  oneLineProblem,
  textProblem,
  UNREADABLE_TEXT_MESSAGE,
} from "~/lib/validation";
import * as profile from "~/routes/settings.profile";
import * as reply from "~/routes/posts.$id.reply";
import * as newThread from "~/routes/threads.new";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, type TestMember } from "../factories/members";
import { createTestThread, openingPostId } from "../factories/threads";
import { formRequest, run, sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "./support";

const LONG_AGO = Date.now() - 30 * 86_400_000; // past the new-member posting limits

describe("what counts as text", () => {
  it.each([
    ["plain words", "Rent strikes in 2026: what worked?"],
    ["tabs and line breaks in long text", "Line one\n\tindented\r\nline three"],
    ["accents and other scripts", "Tomás · Ñandú · Zürich · 東京 · مرحبا · שלום · Привет · नमस्ते"],
    ["emoji, with joiners and skin tones", "🙂 👩🏽‍🌾 🏳️‍🌈 ✊🏿"],
    ["combining marks", "e\u0301 a\u0308"],
    ["zero-width joiners and direction marks", "a\u200db \u200e\u200f\u061c"],
    ["a right-to-left override in long text", "quoted: \u202eabc\u202c"],
  ])("accepts %s", (_label, value) => {
    expect(textProblem(value)).toBeNull();
  });

  it.each([
    ["NUL", "a\u0000b", tr(CONTROL_CHARACTER_MESSAGE)],
    ["another C0 control", "bell\u0007", tr(CONTROL_CHARACTER_MESSAGE)],
    ["vertical tab", "a\u000bb", tr(CONTROL_CHARACTER_MESSAGE)],
    ["DEL", "a\u007f", tr(CONTROL_CHARACTER_MESSAGE)],
    ["a C1 control", "next\u0085line", tr(CONTROL_CHARACTER_MESSAGE)],
    ["a noncharacter", "a\ufdd0", tr(CONTROL_CHARACTER_MESSAGE)],
    ["U+FFFE", "\ufffeabc", tr(CONTROL_CHARACTER_MESSAGE)],
    ["U+1FFFF", "a\u{1ffff}", tr(CONTROL_CHARACTER_MESSAGE)],
    ["U+10FFFF", "a\u{10ffff}", tr(CONTROL_CHARACTER_MESSAGE)],
    ["a lone high surrogate", "a\ud800b", tr(UNREADABLE_TEXT_MESSAGE)],
    ["a lone low surrogate", "a\udc00", tr(UNREADABLE_TEXT_MESSAGE)],
    ["U+FFFD, the trace of bytes that were not UTF-8", "caf\ufffd", tr(UNREADABLE_TEXT_MESSAGE)],
  ])("refuses %s", (_label, value, message) => {
    expect(textProblem(value)).toBe(message);
  });

  it.each([
    ["a line break", "Ana\nAdmin", tr(ONE_LINE_MESSAGE)],
    ["a tab", "Ana\tB", tr(ONE_LINE_MESSAGE)],
    ["U+2028", "Ana\u2028B", tr(ONE_LINE_MESSAGE)],
    ["a right-to-left override", "\u202enimda", tr(BIDI_CONTROL_MESSAGE)],
    ["an isolate", "Ana\u2067x", tr(BIDI_CONTROL_MESSAGE)],
  ])("refuses %s in a field of one line", (_label, value, message) => {
    expect(oneLineProblem(value)).toBe(message);
  });
});

interface Fixtures {
  member: TestMember;
  cookie: string;
  threadId: number;
  openingId: number;
}
let f: Fixtures;

beforeAll(async () => {
  const member = await createMember({ createdAt: LONG_AGO, displayName: "Valid Name" });
  const thread = await createTestThread({ authorId: member.id });
  const openingId = await openingPostId(thread.id);
  f = { member, cookie: await sessionCookieFor(member.id), threadId: thread.id, openingId: openingId };
});

async function snapshot() {
  const db = getDb();
  const posts = await db.selectFrom("posts").select(["id", "body_source"]).execute();
  const members = await db
    .selectFrom("members")
    .select(["display_name", "organization", "location", "bio_source"])
    .where("id", "=", f.member.id)
    .executeTakeFirstOrThrow();
  const threads = await db.selectFrom("threads").select(["id", "title"]).execute();
  const drafts = (await sql<{ n: number }>`SELECT count(*) AS n FROM drafts`.execute(db)).rows[0]!.n;
  return { posts, members, threads, drafts };
}

type FieldCase = [label: string, form: Record<string, string | string[]>, field: string, message: string];

describe("forms refuse it next to the field, and store nothing", () => {
  const cases: Array<
    [string, (args: ActionFunctionArgs) => unknown, () => string, () => Record<string, string>, FieldCase[]]
  > = [
    [
      "a reply",
      reply.action,
      () => `/posts/${f.openingId}/reply`,
      () => ({ id: String(f.openingId) }),
      [
        ["NULs", { intent: "publish", bodySource: "\u0000".repeat(8) }, "bodySource", tr(CONTROL_CHARACTER_MESSAGE)],
        [
          "a lone surrogate",
          { intent: "publish", bodySource: "\ud800 text" },
          "bodySource",
          tr(UNREADABLE_TEXT_MESSAGE),
        ],
        ["a noncharacter", { intent: "publish", bodySource: "hi \uffff" }, "bodySource", tr(CONTROL_CHARACTER_MESSAGE)],
        [
          "NULs, in a draft",
          { intent: "save-draft", bodySource: "a\u0000" },
          "bodySource",
          tr(CONTROL_CHARACTER_MESSAGE),
        ],
      ],
    ],
    [
      "a new discussion",
      newThread.action,
      () => "/threads/new",
      () => ({}),
      [
        [
          "a title with a line break",
          { intent: "publish", title: "A fine\ntitle", bodySource: "Words.", tagSlugs: "organizing" },
          "title",
          tr(ONE_LINE_MESSAGE),
        ],
        [
          "a title with an override",
          { intent: "publish", title: "A fine \u202eeltit", bodySource: "Words.", tagSlugs: "organizing" },
          "title",
          tr(BIDI_CONTROL_MESSAGE),
        ],
        [
          "a body with a C1 control",
          { intent: "publish", title: "A fine title", bodySource: "Wo\u0085rds.", tagSlugs: "organizing" },
          "bodySource",
          tr(CONTROL_CHARACTER_MESSAGE),
        ],
      ],
    ],
    [
      "the profile",
      profile.action,
      () => "/settings/profile",
      () => ({}),
      [
        ["NULs in the name", { displayName: "Ana\u0000\u0000" }, "displayName", tr(CONTROL_CHARACTER_MESSAGE)],
        ["NULs in the bio", { displayName: "Ana", bioSource: "\u0000" }, "bioSource", tr(CONTROL_CHARACTER_MESSAGE)],
        ["a lone surrogate", { displayName: "Ana", location: "\udfff" }, "location", tr(UNREADABLE_TEXT_MESSAGE)],
        ["a name on two lines", { displayName: "Ana\r\nAdmin" }, "displayName", tr(ONE_LINE_MESSAGE)],
        ["a reversed name", { displayName: "\u202eana" }, "displayName", tr(BIDI_CONTROL_MESSAGE)],
        [
          "an organization with an isolate",
          { displayName: "Ana", organization: "\u2068Org" },
          "organization",
          tr(BIDI_CONTROL_MESSAGE),
        ],
      ],
    ],
  ];

  describe.each(cases)("%s", (_name, action, path, params, fieldCases) => {
    it.each(fieldCases)("refuses %s", async (_label, form, field, message) => {
      const before = await snapshot();
      const response = await run(action as never, formRequest(path(), form, f.cookie), params());
      expect(response.status).toBe(400);
      const data = (await response.json()) as { fieldErrors: Record<string, string> };
      expect(data.fieldErrors[field]).toBe(message);
      expect(await snapshot()).toEqual(before);
    });
  });
});

// Over real HTTP: bytes that are not UTF-8 reach the routes as U+FFFD, which is refused in their place.
describe("over HTTP", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each([
    ["a reply of NULs", "intent=publish&bodySource=%00%00%00%00"],
    ["a reply with a lone surrogate's bytes", "intent=publish&bodySource=a%ED%A0%80b"],
    ["a reply with a byte that is never UTF-8", "intent=publish&bodySource=caf%FF"],
    ["a reply with an overlong NUL", "intent=publish&bodySource=x%C0%80y"],
    ["a reply with a noncharacter", "intent=publish&bodySource=x%EF%BF%BE"],
  ])("refuses %s with a 400 and the message on the page", async (_label, body) => {
    const before = await snapshot();
    const answer = await httpRequest(server, `/posts/${f.openingId}/reply`, {
      method: "POST",
      cookie: f.cookie,
      body,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/invisible control characters|could not be read/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a profile whose multipart body is not UTF-8", async () => {
    const before = await snapshot();
    const boundary = "zzBoundary";
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="displayName"\r\n\r\nAna `),
      Buffer.from([0xff, 0xfe, 0x00]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await httpRequest(server, "/settings/profile", {
      method: "POST",
      cookie: f.cookie,
      body,
      contentType: `multipart/form-data; boundary=${boundary}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/could not be read/);
    expect(await snapshot()).toEqual(before);
    expect(errorLines(server)).toEqual([]);
  });
});
