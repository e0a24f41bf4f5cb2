import { replyAddressFor, topicAddressFor } from "~/lib/reply-address.server";
import { renderListPostEmail } from "~/lib/list-mail-email.server";
import { signToken } from "~/lib/signed-token.server";
import { inLanguage } from "~/lib/request-language.server";
import { getDb, type Executor } from "~db/client.server";
import { alertDelayMs, getAlertRecipient } from "./reply-alerts.server";
import { memberLanguage } from "./mail-language.server";
import { enqueueMailJobs, mailFileKey, type ClaimedBatch } from "./mail-jobs.server";
import { idsInPath } from "./post-path";
import { bylineName, loadPseudonyms, presentAuthor } from "./pseudonyms.server";
import { postMessageId, threadingHeaders, type ComposedMail } from "./reply-alert-mail.server";
import { applyRoundRules } from "./round-visibility.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// Mailing-list mode (issue 20, docs/decisions/0042): a member who follows a topic "by email" gets every new
// thread and reply in it as its own email, after the reply alerts' grace, threaded like a list (one Message-ID
// per post, the same for everyone), with List-* headers and a Reply-To that answers the post by email.
// Queued in the post's transaction; decided at send time (hidden or deleted posts never go out).

export const LIST_POST_KIND = "list-post";
export const TOPIC_MAIL_UNSUBSCRIBE_PURPOSE = "topic-mail-unsubscribe";

/** Queues the post for every by-email follower of its thread's topics (not its author, not who muted it). */
export async function enqueueListMail(
  trx: Executor,
  post: { postId: number; threadId: number; authorId: number; now?: number },
): Promise<void> {
  const now = post.now ?? Date.now();
  const followers = await trx
    .selectFrom("topic_follows as f")
    .innerJoin("thread_tags as tt", "tt.tag_id", "f.tag_id")
    .innerJoin("members as m", "m.id", "f.member_id")
    .leftJoin("thread_follows as tf", (join) =>
      join.onRef("tf.member_id", "=", "f.member_id").on("tf.thread_id", "=", post.threadId),
    )
    .select("f.member_id")
    .distinct()
    .where("tt.thread_id", "=", post.threadId)
    .where("f.by_email", "=", 1)
    .where("f.member_id", "!=", post.authorId)
    .where("m.deleted_at", "is", null)
    .where((eb) => eb.or([eb("tf.level", "is", null), eb("tf.level", "!=", "muted")]))
    .execute();
  await enqueueMailJobs(
    trx,
    followers.map((f) => ({
      kind: LIST_POST_KIND,
      memberId: f.member_id,
      groupKey: `list-post:${post.postId}`,
      // The reply alerts' key: a post reaches a member by email once, as an alert or as a list email.
      dedupeKey: `post:${f.member_id}:${post.postId}`,
      payload: { postId: post.postId },
      notBefore: now + alertDelayMs(),
    })),
    now,
  );
}

export async function setTopicByEmail(memberId: number, tagId: number, byEmail: boolean): Promise<void> {
  const value = byEmail ? 1 : 0;
  await getDb()
    .insertInto("topic_follows")
    .values({ member_id: memberId, tag_id: tagId, created_at: Date.now(), by_email: value })
    .onConflict((oc) => oc.columns(["member_id", "tag_id"]).doUpdateSet({ by_email: value }))
    .execute();
}

export async function getTopicName(tagId: number): Promise<string | null> {
  const row = await getDb().selectFrom("tags").select("name").where("id", "=", tagId).executeTakeFirst();
  return row?.name ?? null;
}

/** Whether the member follows the topic by email (the topic page's choice). */
export async function isFollowingTopicByEmail(memberId: number, slug: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("topic_follows as f")
    .innerJoin("tags as g", "g.id", "f.tag_id")
    .select("f.by_email")
    .where("f.member_id", "=", memberId)
    .where("g.slug", "=", slug)
    .executeTakeFirst();
  return row?.by_email === 1;
}

export async function topicMailUnsubscribeUrl(origin: string, memberId: number, tagId: number): Promise<string> {
  const token = await signToken(TOPIC_MAIL_UNSUBSCRIBE_PURPOSE, `${memberId}:${tagId}`);
  return `${origin}/unsubscribe/topic?m=${memberId}&tg=${tagId}&t=${token}`;
}

function postIdOf(payload: unknown): number | null {
  const id = (payload as { postId?: unknown } | null)?.postId;
  return typeof id === "number" ? id : null;
}

/** The email one post becomes for one follower, or nothing when it or they no longer qualify. */
export async function composeListPost(
  batch: ClaimedBatch,
  context: { now: number; origin: string },
): Promise<ComposedMail> {
  const ids = batch.jobs.map((j) => j.id);
  const nothing = { mail: null, sendIds: [], skipIds: ids };
  const postId = postIdOf(batch.jobs[0]?.payload);
  const recipient = await getAlertRecipient(batch.memberId);
  if (postId === null || !recipient) return nothing;
  const db = getDb();
  const row = await db
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .innerJoin("members as a", "a.id", "p.author_id")
    .innerJoin("posts as root", (join) => join.onRef("root.thread_id", "=", "t.id").on("root.depth", "=", 0))
    .select(["p.id", "p.parent_id", "p.depth", "p.path", "p.body_source", "t.id as thread_id", "t.title"])
    .select(["root.id as root_id", "a.id as author_id", "a.handle", "a.display_name"])
    .where("p.id", "=", postId)
    // An email is read away from the site: only what everyone may see (docs/decisions/0012).
    .where(postShownTo("p"))
    .where(threadShownTo("t"))
    .executeTakeFirst();
  if (!row) return nothing;
  const topic = await db
    .selectFrom("topic_follows as f")
    .innerJoin("thread_tags as tt", "tt.tag_id", "f.tag_id")
    .innerJoin("tags as g", "g.id", "f.tag_id")
    .select(["g.id", "g.slug", "g.name"])
    .where("f.member_id", "=", batch.memberId)
    .where("f.by_email", "=", 1)
    .where("tt.thread_id", "=", row.thread_id)
    .orderBy("g.sort_key")
    .orderBy("g.id")
    .executeTakeFirst();
  if (!topic) return nothing;
  const author = { id: row.author_id, handle: row.handle, displayName: row.display_name };
  const [kept] = await applyRoundRules(
    row.thread_id,
    recipient.viewer,
    [[{ id: row.id, parentId: row.parent_id, depth: row.depth, author, replyToName: null }]],
    context.now,
  );
  if (!kept?.length) return nothing;
  const pseudonyms = await loadPseudonyms({ postIds: [row.id] });
  const lead = {
    postId: row.id,
    rootPostId: row.root_id,
    ancestorIds: row.depth === 0 ? [] : idsInPath(row.path).slice(0, -1),
  };
  const unsubscribe = await topicMailUnsubscribeUrl(context.origin, batch.memberId, topic.id);
  const email = inLanguage(
    () =>
      renderListPostEmail({
        topicName: topic.name,
        threadTitle: row.title,
        isReply: row.depth > 0,
        author: bylineName(presentAuthor(author, pseudonyms.get(row.id), null)),
        source: row.body_source,
        url: `${context.origin}/posts/${row.id}`,
        unsubscribeUrl: unsubscribe,
      }),
    await memberLanguage(batch.memberId),
  );
  const host = new URL(context.origin).hostname;
  const messageId = postMessageId(row.id, context.origin);
  const replyTo = await replyAddressFor(batch.memberId, row.id, context.now);
  const listAddress = topicAddressFor(topic.slug);
  const listName = /^[\x20-\x7e]+$/.test(topic.name) ? `"${topic.name.replace(/["\\]/g, "")}" ` : "";
  return {
    mail: {
      to: recipient.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: {
        "List-Id": { prepared: true, value: `${listName}<${topic.slug}.${host}>` },
        "List-Post": listAddress ? `<mailto:${listAddress}>` : "NO",
        "List-Archive": `<${context.origin}/topics/${topic.slug}>`,
        "List-Unsubscribe": `<${unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        Precedence: "list",
        ...(replyTo ? { "Reply-To": replyTo } : {}),
      },
      messageId,
      ...threadingHeaders(lead, context.origin),
      fileKey: mailFileKey(batch.memberId, messageId),
    },
    sendIds: ids,
    skipIds: [],
  };
}
