// Issue 12, section 1: every form that takes a member's Markdown renders it through the bounded renderer,
// and each kind of refusal reaches the writer as a message next to the form (the text they typed kept, nothing
// written), never as a 500. The renderer's own cases (what is refused, the deadline, the queue) are in
// tests/lib/markdown-bounded.test.ts; here a refusal is injected where a real one would be slow to provoke.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "~db/client.server";
import {
  MarkdownBusyError,
  MarkdownTooComplexError,
  MarkdownTooLongError,
  renderMarkdownBounded,
} from "~/lib/markdown-bounded.server";
import { MARKDOWN_MAX_NESTING, MarkdownStructureError } from "~/lib/markdown-structure.server";
import { DAY_MS, dayValue } from "~/lib/rounds";
import * as modPrompt from "~/routes/mod.prompts.new";
import * as editPost from "~/routes/posts.$id.edit";
import * as reply from "~/routes/posts.$id.reply";
import * as answerRoute from "~/routes/rounds.$id.prompts.$threadId.answer";
import * as synthesis from "~/routes/rounds.$id.synthesis";
import * as newRound from "~/routes/rounds.new";
import * as profileSettings from "~/routes/settings.profile";
import * as newThread from "~/routes/threads.new";
import { createMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, run, sessionCookieFor } from "../setup/requests";

vi.mock("~/lib/markdown-bounded.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/lib/markdown-bounded.server")>();
  return { ...actual, renderMarkdownBounded: vi.fn(actual.renderMarkdownBounded) };
});

type FormAnswer = { fieldErrors: Record<string, string>; fields?: Record<string, unknown>; source?: string };

interface Form {
  name: string;
  /** The field the text is typed in, where a refusal of the text is shown. */
  field: string;
  submit: (text: string) => Promise<Response>;
  /** Rows that would change if the submission went through. */
  written: () => Promise<unknown>;
}

let forms: Form[];

const countOf = async (table: "posts" | "threads" | "rounds") =>
  Number(
    (
      await getDb()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  const member = await createMember();
  const mod = await createMember({ role: "moderator" });
  const cookie = await sessionCookieFor(member.id);
  const modCookie = await sessionCookieFor(mod.id);
  const thread = await createTestThread({ authorId: member.id, title: "Where refusals are shown" });
  const replyId = await createTestReply({ threadId: thread.id, authorId: member.id, body: "First words." });
  const round = await createTestRound({ createdBy: mod.id });
  const closed = await createTestRound({
    createdBy: mod.id,
    opensAt: Date.now() - 9 * DAY_MS,
    closesAt: Date.now() - DAY_MS,
  });
  const today = dayValue(Date.now());
  const post = (
    action: Parameters<typeof run>[0],
    path: string,
    form: Record<string, string | string[]>,
    params = {},
    as = cookie,
  ) => run(action, formRequest(path, form, as), params);
  const replyForm = (intent: string) => (text: string) =>
    post(reply.action, `/posts/${replyId}/reply`, { bodySource: text, intent }, { id: String(replyId) });
  const threadForm = (intent: string) => (text: string) =>
    post(newThread.action, "/threads/new", {
      title: "A thread refused",
      bodySource: text,
      tagSlugs: "organizing",
      intent,
    });
  const editForm = (intent: string) => (text: string) =>
    post(editPost.action, `/posts/${replyId}/edit`, { bodySource: text, intent }, { id: String(replyId) });
  const answerForm = (intent: string) => (text: string) =>
    post(
      answerRoute.action,
      `/rounds/${round.id}/prompts/${round.promptIds[0]}/answer`,
      { bodySource: text, consent: "named", intent },
      { id: String(round.id), threadId: String(round.promptIds[0]) },
    );
  const replyText = () =>
    getDb().selectFrom("posts").select("body_source").where("id", "=", replyId).executeTakeFirst();
  const bio = () => getDb().selectFrom("members").select("bio_source").where("id", "=", member.id).executeTakeFirst();
  forms = [
    { name: "reply", field: "bodySource", submit: replyForm("publish"), written: () => countOf("posts") },
    { name: "reply preview", field: "bodySource", submit: replyForm("preview"), written: () => countOf("posts") },
    { name: "new thread", field: "bodySource", submit: threadForm("publish"), written: () => countOf("threads") },
    {
      name: "new thread preview",
      field: "bodySource",
      submit: threadForm("preview"),
      written: () => countOf("threads"),
    },
    { name: "edit", field: "bodySource", submit: editForm("publish"), written: replyText },
    { name: "edit preview", field: "bodySource", submit: editForm("preview"), written: replyText },
    {
      name: "profile",
      field: "bioSource",
      submit: (text) =>
        post(profileSettings.action, "/settings/profile", { displayName: "Refused Bio", bioSource: text }),
      written: bio,
    },
    { name: "round answer", field: "bodySource", submit: answerForm("publish"), written: () => countOf("posts") },
    {
      name: "round answer preview",
      field: "bodySource",
      submit: answerForm("preview"),
      written: () => countOf("posts"),
    },
    {
      name: "moderator's prompt",
      field: "bodySource",
      submit: (text) =>
        post(
          modPrompt.action,
          "/mod/prompts/new",
          { title: "A prompt refused", bodySource: text, tagSlugs: "organizing", intent: "publish" },
          {},
          modCookie,
        ),
      written: () => countOf("threads"),
    },
    {
      name: "round's purpose",
      field: "purposeSource",
      submit: (text) =>
        post(
          newRound.action,
          "/rounds/new",
          {
            intent: "create",
            title: "A round refused",
            purposeSource: text,
            opensOn: today,
            closesOn: today,
            tagSlugs: "organizing",
            promptTitle: ["A question refused"],
            promptBody: ["Think of a week."],
          },
          {},
          modCookie,
        ),
      written: () => countOf("rounds"),
    },
    {
      name: "synthesis",
      field: "synthesisSource",
      submit: (text) =>
        post(
          synthesis.action,
          `/rounds/${closed.id}/synthesis`,
          { synthesisSource: text, intent: "publish" },
          { id: String(closed.id) },
          modCookie,
        ),
      written: () => countOf("threads"),
    },
  ];
});

const refusals = [
  ["too long", () => new MarkdownTooLongError(60_000), 400],
  ["structure", () => new MarkdownStructureError("brackets", 1_200, 1_000), 400],
  ["too complex", () => new MarkdownTooComplexError(), 400],
  ["busy", () => new MarkdownBusyError(), 503],
] as const;

async function expectRefused(form: Form, text: string, error: Error, status: number) {
  const before = await form.written();
  const response = await form.submit(text);
  expect(response.status, form.name).toBe(status);
  const data = (await response.json()) as FormAnswer;
  // What is wrong with the text is said next to it; a busy server for the whole form.
  expect(data.fieldErrors, form.name).toEqual({ [status === 503 ? "form" : form.field]: error.message });
  const typed = data.source ?? data.fields?.[form.field];
  expect(typed, form.name).toBe(text);
  expect(await form.written(), form.name).toEqual(before);
}

describe("Markdown refusals reach the writer through every form", () => {
  it.each(refusals)("%s: shown with the form, the text kept, nothing written", async (_name, makeError, status) => {
    for (const form of forms) {
      const error = makeError();
      vi.mocked(renderMarkdownBounded).mockRejectedValueOnce(error);
      await expectRefused(form, `Words the ${form.name} form refuses.`, error, status);
    }
  });

  it("refuses pathological structure for real, from the worker, in every form", async () => {
    const deep = `${"> ".repeat(MARKDOWN_MAX_NESTING + 4)}deep`;
    const error = new MarkdownStructureError("nesting", MARKDOWN_MAX_NESTING + 4, MARKDOWN_MAX_NESTING);
    for (const form of forms) await expectRefused(form, deep, error, 400);
  });
});
