import { getDb } from "~db/client.server";
import { invalidateThreadPages } from "./page-invalidation.server";
import { tr } from "~/lib/translate";

export type HelpfulResult = { ok: true; helpful: boolean; count: number } | { ok: false; message: string };

/** Marks or unmarks a post as helpful: one per member per post, never your own. */
export async function toggleHelpful(postId: number, memberId: number): Promise<HelpfulResult> {
  let threadId = 0;
  const result: HelpfulResult = await getDb()
    .transaction()
    .execute(async (trx) => {
      const post = await trx
        .selectFrom("posts")
        .select(["id", "thread_id", "author_id", "depth", "helpful_count", "deleted_at", "hidden_at"])
        .where("id", "=", postId)
        // Two toggles at once by one member take turns: the second sees the first's mark (PostgreSQL).
        .forUpdate()
        .executeTakeFirst();
      if (!post || post.deleted_at !== null || post.hidden_at !== null)
        return { ok: false, message: tr("threads:post.notAvailable") };
      if (post.author_id === memberId) return { ok: false, message: tr("threads:post.ownHelpful") };
      const removed = await trx
        .deleteFrom("post_reactions")
        .where("post_id", "=", postId)
        .where("member_id", "=", memberId)
        .executeTakeFirst();
      const helpful = removed.numDeletedRows === 0n;
      if (helpful)
        await trx
          .insertInto("post_reactions")
          .values({ post_id: postId, member_id: memberId, created_at: Date.now() })
          .execute();
      const delta = helpful ? 1 : -1;
      await trx
        .updateTable("posts")
        .set((eb) => ({ helpful_count: eb("helpful_count", "+", delta) }))
        .where("id", "=", postId)
        .execute();
      if (post.depth === 0) {
        await trx
          .updateTable("threads")
          .set((eb) => ({ helpful_count: eb("helpful_count", "+", delta) }))
          .where("id", "=", post.thread_id)
          .execute();
      }
      threadId = post.thread_id;
      return { ok: true, helpful, count: post.helpful_count + delta };
    });
  if (result.ok) await invalidateThreadPages(threadId, [memberId]);
  return result;
}
