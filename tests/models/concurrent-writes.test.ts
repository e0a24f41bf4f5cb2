import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { flagPost } from "~/models/flags.server";
import { toggleHelpful } from "~/models/helpful.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

// Check-then-write under real concurrency: on PostgreSQL these run side by side on a pool of connections
// (SQLite runs them one after another). Every attempt ends in an answer, never an error, and the counters
// agree with the rows (docs/decisions/0025).

async function aReply() {
  const author = await createMember();
  const thread = await createTestThread({ authorId: author.id });
  const postId = await createTestReply({ threadId: thread.id, authorId: author.id });
  return { thread, postId };
}

describe("at the same moment", () => {
  it("one member's helpful marks, pressed ten times at once, leave the count equal to the marks", async () => {
    const { postId } = await aReply();
    const reader = await createMember();
    const results = await Promise.all(Array.from({ length: 10 }, () => toggleHelpful(postId, reader.id)));
    expect(results.every((r) => r.ok)).toBe(true);
    const marks = await getDb().selectFrom("post_reactions").selectAll().where("post_id", "=", postId).execute();
    const post = await getDb()
      .selectFrom("posts")
      .select("helpful_count")
      .where("id", "=", postId)
      .executeTakeFirstOrThrow();
    expect(marks.length).toBe(0); // ten toggles: on, off, … off
    expect(post.helpful_count).toBe(marks.length);
  });

  it("many members marking one post at once are all counted", async () => {
    const { postId } = await aReply();
    const readers = await Promise.all(Array.from({ length: 12 }, () => createMember()));
    const results = await Promise.all(readers.map((r) => toggleHelpful(postId, r.id)));
    expect(results.every((r) => r.ok)).toBe(true);
    const post = await getDb()
      .selectFrom("posts")
      .select("helpful_count")
      .where("id", "=", postId)
      .executeTakeFirstOrThrow();
    expect(post.helpful_count).toBe(12);
  });

  it("one member's flag sent five times at once is one flag; the others are told it is already in", async () => {
    const { postId } = await aReply();
    const flagger = await createMember();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => flagPost({ postId, memberId: flagger.id, reason: "spam", note: "" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.reason === "already")).toHaveLength(4);
    const flags = await getDb().selectFrom("flags").select("id").where("post_id", "=", postId).execute();
    expect(flags).toHaveLength(1);
  });
});
