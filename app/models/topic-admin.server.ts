import { getDb } from "~db/client.server";
import { tr } from "~/lib/translate";
import { sortKey } from "~/lib/sort-key";
import { logAction } from "./audit-log.server";
import { invalidateAllPages } from "./page-invalidation.server";
import { threadShownTo } from "./visibility.server";

// Moderators keep topics tidy: create, rename and describe, and merge one into another.

/** What a topic change answers: done, or which field to show the message next to. */
export type TopicAdminResult<T = object> = ({ ok: true } & T) | { ok: false; field: string; message: string };

// A topic's name and threads show on many pages: after a change, every cached visitor page goes.
async function thenInvalidateAll<R extends { ok: boolean }>(work: Promise<R>): Promise<R> {
  const result = await work;
  if (result.ok) invalidateAllPages();
  return result;
}

export async function createTopic(
  actorId: number,
  input: { slug: string; name: string; description: string },
): Promise<TopicAdminResult<{ id: number }>> {
  return thenInvalidateAll(
    getDb()
      .transaction()
      .execute(async (trx) => {
        const taken = await trx.selectFrom("tags").select("id").where("slug", "=", input.slug).executeTakeFirst();
        if (taken) return { ok: false, field: "slug", message: tr("moderation:topics.taken") };
        const now = Date.now();
        const row = await trx
          .insertInto("tags")
          .values({
            slug: input.slug,
            name: input.name,
            sort_key: sortKey(input.name),
            description: input.description,
            created_at: now,
            last_activity_at: null,
            merged_into_id: null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await logAction(trx, {
          actorId,
          action: "topic.create",
          targetType: "topic",
          targetId: row.id,
          after: input,
          now,
        });
        return { ok: true, id: row.id };
      }),
  );
}

export async function editTopic(
  actorId: number,
  slug: string,
  input: { name: string; description: string },
): Promise<TopicAdminResult> {
  return thenInvalidateAll(
    getDb()
      .transaction()
      .execute(async (trx) => {
        const topic = await trx
          .selectFrom("tags")
          .select(["id", "name", "description"])
          .where("slug", "=", slug)
          .where("merged_into_id", "is", null)
          .executeTakeFirst();
        if (!topic) return { ok: false, field: "form", message: tr("moderation:topics.noSuchTopic") };
        await trx
          .updateTable("tags")
          .set({ ...input, sort_key: sortKey(input.name) })
          .where("id", "=", topic.id)
          .execute();
        await logAction(trx, {
          actorId,
          action: "topic.edit",
          targetType: "topic",
          targetId: topic.id,
          before: { name: topic.name, description: topic.description },
          after: input,
        });
        return { ok: true };
      }),
  );
}

/**
 * Merges topic `fromSlug` into `intoSlug`: its threads move (a thread in both keeps one link), counts are
 * recomputed, and the old topic stays as a redirect. Member fields of practice move too.
 */
export async function mergeTopic(actorId: number, fromSlug: string, intoSlug: string): Promise<TopicAdminResult> {
  if (fromSlug === intoSlug) return { ok: false, field: "into", message: tr("moderation:topics.cannotMergeSelf") };
  return thenInvalidateAll(
    getDb()
      .transaction()
      .execute(async (trx) => {
        const topics = await trx
          .selectFrom("tags")
          .select(["id", "slug", "merged_into_id"])
          .where("slug", "in", [fromSlug, intoSlug])
          .execute();
        const from = topics.find((t) => t.slug === fromSlug);
        const into = topics.find((t) => t.slug === intoSlug);
        if (!from || from.merged_into_id !== null)
          return { ok: false, field: "from", message: tr("moderation:topics.noSuchTopicToMerge") };
        if (!into || into.merged_into_id !== null)
          return { ok: false, field: "into", message: tr("moderation:topics.chooseLiveTopic") };
        const alreadyInBoth = trx.selectFrom("thread_tags").select("thread_id").where("tag_id", "=", into.id);
        await trx
          .deleteFrom("thread_tags")
          .where("tag_id", "=", from.id)
          .where("thread_id", "in", alreadyInBoth)
          .execute();
        await trx.updateTable("thread_tags").set({ tag_id: into.id }).where("tag_id", "=", from.id).execute();
        const hasField = trx.selectFrom("member_fields").select("member_id").where("tag_id", "=", into.id);
        await trx
          .deleteFrom("member_fields")
          .where("tag_id", "=", from.id)
          .where("member_id", "in", hasField)
          .execute();
        await trx.updateTable("member_fields").set({ tag_id: into.id }).where("tag_id", "=", from.id).execute();
        const visible = await trx
          .selectFrom("thread_tags as tt")
          .innerJoin("threads as t", "t.id", "tt.thread_id")
          .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.max("t.last_activity_at").as("last")])
          .where("tt.tag_id", "=", into.id)
          .where(threadShownTo("t"))
          .executeTakeFirstOrThrow();
        await trx
          .updateTable("tags")
          .set({ thread_count: Number(visible.n), last_activity_at: visible.last ?? null })
          .where("id", "=", into.id)
          .execute();
        await trx
          .updateTable("tags")
          .set({ merged_into_id: into.id, thread_count: 0 })
          .where("id", "=", from.id)
          .execute();
        await logAction(trx, {
          actorId,
          action: "topic.merge",
          targetType: "topic",
          targetId: from.id,
          before: { slug: fromSlug },
          after: { into: intoSlug },
        });
        return { ok: true };
      }),
  );
}
