import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { canSeeContent } from "~/lib/permissions";
import { postShownTo, threadShownTo, type Reader } from "~/models/visibility.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

// The visibility rule exists twice: as SQL for queries (models/visibility.server) and as a predicate for rows
// already read (lib/permissions canSeeContent). Both must give the same answer for every state and reader.

describe("who sees a thread or a post", () => {
  it("gives the same answer in SQL and in TypeScript, for every state and every reader", async () => {
    const author = await createMember();
    const other = await createMember();
    const moderator = await createMember({ role: "moderator" });
    const readers: Array<[string, Reader]> = [
      ["everyone", null],
      ["its author", { id: author.id, role: "member" }],
      ["another member", { id: other.id, role: "member" }],
      ["a moderator", { id: moderator.id, role: "moderator" }],
    ];
    const states = [
      { hidden: false, deleted: false },
      { hidden: true, deleted: false },
      { hidden: false, deleted: true },
      { hidden: true, deleted: true },
    ];
    const db = getDb();
    for (const state of states) {
      const thread = await createTestThread({ authorId: author.id });
      const reply = await createTestReply({ threadId: thread.id, authorId: author.id });
      const set = { hidden_at: state.hidden ? Date.now() : null, deleted_at: state.deleted ? Date.now() : null };
      await db.updateTable("threads").set(set).where("id", "=", thread.id).execute();
      await db.updateTable("posts").set(set).where("id", "=", reply).execute();
      for (const [name, reader] of readers) {
        const expected = canSeeContent(reader, { authorId: author.id, ...state });
        const threadRow = await db
          .selectFrom("threads as t")
          .select("t.id")
          .where("t.id", "=", thread.id)
          .where(threadShownTo("t", reader))
          .executeTakeFirst();
        const postRow = await db
          .selectFrom("posts as p")
          .select("p.id")
          .where("p.id", "=", reply)
          .where(postShownTo("p", reader))
          .executeTakeFirst();
        const label = `${JSON.stringify(state)} for ${name}`;
        expect(threadRow !== undefined, `thread ${label}`).toBe(expected);
        expect(postRow !== undefined, `post ${label}`).toBe(expected);
      }
    }
  });

  it("shows removed content to no one, hidden content to its author and moderators only", () => {
    const author = { id: 1, role: "member" as const };
    const moderator = { id: 2, role: "moderator" as const };
    const other = { id: 3, role: "member" as const };
    const hidden = { authorId: 1, hidden: true, deleted: false };
    expect([null, author, moderator, other].map((r) => canSeeContent(r, hidden))).toEqual([false, true, true, false]);
    const removed = { authorId: 1, hidden: false, deleted: true };
    expect([null, author, moderator, other].map((r) => canSeeContent(r, removed))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
