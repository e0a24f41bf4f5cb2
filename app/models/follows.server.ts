import { getDb, type Executor } from "~db/client.server";
import type { FollowLevel } from "~db/schema";

// Members follow threads (automatically the ones they start or reply to) and topics, and can mute a thread.

/** Follows a thread for a member who has not chosen otherwise: starting or replying does not undo a "stop". */
export async function followThreadAutomatically(
  trx: Executor,
  memberId: number,
  threadId: number,
  now = Date.now(),
): Promise<void> {
  await trx
    .insertInto("thread_follows")
    .values({ member_id: memberId, thread_id: threadId, level: "following", created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["member_id", "thread_id"]).doNothing())
    .execute();
}

export async function setThreadFollow(memberId: number, threadId: number, level: FollowLevel): Promise<void> {
  const now = Date.now();
  await getDb()
    .insertInto("thread_follows")
    .values({ member_id: memberId, thread_id: threadId, level, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["member_id", "thread_id"]).doUpdateSet({ level, updated_at: now }))
    .execute();
}

export async function getThreadFollowLevel(memberId: number, threadId: number): Promise<FollowLevel | null> {
  const row = await getDb()
    .selectFrom("thread_follows")
    .select("level")
    .where("member_id", "=", memberId)
    .where("thread_id", "=", threadId)
    .executeTakeFirst();
  return row?.level ?? null;
}

export async function followTopic(memberId: number, tagId: number): Promise<void> {
  await getDb()
    .insertInto("topic_follows")
    .values({ member_id: memberId, tag_id: tagId, created_at: Date.now() })
    .onConflict((oc) => oc.columns(["member_id", "tag_id"]).doNothing())
    .execute();
}

export async function unfollowTopic(memberId: number, tagId: number): Promise<void> {
  await getDb().deleteFrom("topic_follows").where("member_id", "=", memberId).where("tag_id", "=", tagId).execute();
}

export interface FollowedTopic {
  tagId: number;
  slug: string;
  name: string;
  inDigest: boolean;
}

export async function listFollowedTopics(memberId: number): Promise<FollowedTopic[]> {
  const rows = await getDb()
    .selectFrom("topic_follows as f")
    .innerJoin("tags as t", "t.id", "f.tag_id")
    .select(["t.id", "t.slug", "t.name", "f.in_digest"])
    .where("f.member_id", "=", memberId)
    .orderBy("t.sort_key")
    .orderBy("t.id")
    .execute();
  return rows.map((r) => ({ tagId: r.id, slug: r.slug, name: r.name, inDigest: r.in_digest === 1 }));
}

/** Which followed topics go into the digest: exactly the ones named. */
export async function setDigestTopics(memberId: number, tagIds: number[]): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable("topic_follows").set({ in_digest: 0 }).where("member_id", "=", memberId).execute();
      if (tagIds.length) {
        await trx
          .updateTable("topic_follows")
          .set({ in_digest: 1 })
          .where("member_id", "=", memberId)
          .where("tag_id", "in", tagIds)
          .execute();
      }
    });
}

export async function isFollowingTopicSlug(memberId: number, slug: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("topic_follows")
    .innerJoin("tags", "tags.id", "topic_follows.tag_id")
    .select("topic_follows.tag_id")
    .where("topic_follows.member_id", "=", memberId)
    .where("tags.slug", "=", slug)
    .executeTakeFirst();
  return Boolean(row);
}
