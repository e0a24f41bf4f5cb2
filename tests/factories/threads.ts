import { getDb } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { seedBaseline } from "~/models/seed.server";
import { createReply } from "~/models/replies.server";
import { createThread } from "~/models/threads.server";

let counter = 0;
let seeded: Promise<boolean> | undefined;

/** A thread in the test database (the starter topics are seeded first, once per file). */
export async function createTestThread(input: {
  authorId: number;
  kind?: ThreadKind;
  title?: string;
  body?: string;
  tagSlugs?: string[];
  now?: number;
}) {
  seeded ??= seedBaseline(getDb());
  await seeded;
  counter++;
  return createThread({
    authorId: input.authorId,
    kind: input.kind ?? "discussion",
    title: input.title ?? `A test discussion number ${counter}`,
    bodySource: input.body ?? `Opening words of discussion ${counter}.`,
    tagSlugs: input.tagSlugs ?? ["organizing"],
    now: input.now,
  });
}

export async function createTestReply(input: {
  threadId: number;
  parentId?: number | null;
  authorId: number;
  body?: string;
  now?: number;
}) {
  counter++;
  const result = await createReply({
    threadId: input.threadId,
    parentId: input.parentId ?? null,
    authorId: input.authorId,
    bodySource: input.body ?? `Reply number ${counter}.`,
    now: input.now,
  });
  if (!result.ok) throw new Error(result.message);
  return result.postId;
}

/** The id of a thread's opening post (the one its replies answer at the top level). */
export async function openingPostId(threadId: number): Promise<number> {
  const opening = await getDb()
    .selectFrom("posts")
    .select("id")
    .where("thread_id", "=", threadId)
    .where("depth", "=", 0)
    .executeTakeFirstOrThrow();
  return opening.id;
}
