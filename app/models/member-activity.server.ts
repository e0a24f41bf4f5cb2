import { getDb } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { publiclyWithheldPostIds } from "./round-visibility.server";
import { postShownTo, threadShownTo } from "./visibility.server";
import {
  encodeCursor,
  pageSize,
  requireCursor,
  sortedAfter,
  splitPage,
  toListItems,
  visibleThreads,
  type Cursor,
  type MemberReplyItem,
  type ThreadListItem,
} from "./thread-lists.server";

// A member's activity on their profile: their stories, their discussions, their replies.

export type MemberSection = "stories" | "discussions" | "replies";
export const MEMBER_SECTIONS: readonly MemberSection[] = ["stories", "discussions", "replies"];
export const MEMBER_PAGE_SIZE = 20;

export const isMemberSection = (value: string): value is MemberSection =>
  (MEMBER_SECTIONS as readonly string[]).includes(value);

export type MemberActivityPage =
  | { section: "stories" | "discussions"; items: ThreadListItem[]; nextCursor: string | null }
  | { section: "replies"; items: MemberReplyItem[]; nextCursor: string | null };

/** A member's visible stories, discussions or replies, newest first. Throws InvalidCursorError for junk. */
export async function listMemberActivity(input: {
  memberId: number;
  section: MemberSection;
  after?: string;
  limit?: number;
}): Promise<MemberActivityPage> {
  const limit = pageSize(input.limit ?? MEMBER_PAGE_SIZE);
  const cursor = requireCursor(input.after, "latest");
  if (input.section === "replies") {
    const page = splitPage(await memberReplies(input.memberId, cursor, limit + 1), limit, (last) =>
      encodeCursor("latest", { value: last.createdAt, id: last.postId }),
    );
    return { section: "replies", items: page.rows, nextCursor: page.nextCursor };
  }
  const kind: ThreadKind = input.section === "stories" ? "story" : "discussion";
  const rows = await sortedAfter(
    visibleThreads().where("t.author_id", "=", input.memberId).where("t.kind", "=", kind),
    "latest",
    cursor,
    limit + 1,
  ).execute();
  const page = splitPage(rows, limit, (last) => encodeCursor("latest", { value: last.created_at, id: last.id }));
  return { section: input.section, items: await toListItems(page.rows), nextCursor: page.nextCursor };
}

async function memberReplies(memberId: number, cursor: Cursor | null, limit: number): Promise<MemberReplyItem[]> {
  const rows = await getDb()
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select(["p.id", "p.created_at", "p.excerpt", "t.id as thread_id", "t.slug", "t.title", "t.kind"])
    .where("p.author_id", "=", memberId)
    .where("p.depth", ">=", 1)
    .where("p.id", "not in", publiclyWithheldPostIds(getDb()))
    .where(postShownTo("p"))
    .where(threadShownTo("t"))
    .$if(cursor !== null, (q) =>
      q.where((eb) => eb(eb.refTuple("p.created_at", "p.id"), "<", eb.tuple(cursor!.value, cursor!.id))),
    )
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    postId: r.id,
    thread: { id: r.thread_id, slug: r.slug, title: r.title, kind: r.kind },
    excerpt: r.excerpt ?? "",
    createdAt: r.created_at,
  }));
}
