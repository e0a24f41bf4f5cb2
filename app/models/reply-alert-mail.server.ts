import type { OutgoingMail } from "~/lib/mailer.server";
import { renderReplyAlertEmail } from "~/lib/reply-alert-email.server";
import { inLanguage } from "~/lib/request-language.server";
import { mailFileKey, type ClaimedBatch } from "./mail-jobs.server";
import { alertsUnsubscribeUrl, getAlertRecipient, listAlertItems, type AlertItem } from "./reply-alerts.server";

// The email a claimed batch of reply alerts becomes, decided at send time: only what the member has not read
// and may still see, and nothing at all once they chose the digest or no email.

/** How many ancestors References names below the opening post (the nearest; RFC 5322 allows trimming). */
const REFERENCES_MAX = 10;

export interface ComposedMail {
  /** Null when nothing is left to send. */
  mail: (OutgoingMail & { messageId: string }) | null;
  sendIds: number[];
  skipIds: number[];
}

/** Every post's email has the same Message-ID for everyone (per post, stable), so replies thread on it. */
export function postMessageId(postId: number, origin: string): string {
  return `<post-${postId}@${new URL(origin).hostname}>`;
}

/**
 * Threading for an email about `lead`: In-Reply-To its parent, References the thread's opening post and the
 * nearest ancestors down to the parent (nothing for a mention in an opening post).
 */
export function threadingHeaders(lead: AlertItem, origin: string): Pick<OutgoingMail, "inReplyTo" | "references"> {
  if (lead.postId === lead.rootPostId) return {};
  const chain = [lead.rootPostId, ...lead.ancestorIds.slice(-REFERENCES_MAX)];
  return {
    inReplyTo: postMessageId(chain[chain.length - 1]!, origin),
    references: chain.map((id) => postMessageId(id, origin)),
  };
}

function notificationIdOf(payload: unknown): number | null {
  const id = (payload as { notificationId?: unknown } | null)?.notificationId;
  return typeof id === "number" ? id : null;
}

export async function composeReplyAlert(
  batch: ClaimedBatch,
  context: { now: number; origin: string },
): Promise<ComposedMail> {
  const allIds = batch.jobs.map((j) => j.id);
  const recipient = await getAlertRecipient(batch.memberId);
  if (!recipient || recipient.replyAlerts !== "immediate") return { mail: null, sendIds: [], skipIds: allIds };
  const byNotification = new Map(batch.jobs.map((j) => [notificationIdOf(j.payload), j.id]));
  const items = await listAlertItems(
    recipient.viewer,
    { notificationIds: [...byNotification.keys()].filter((id): id is number => id !== null) },
    context.now,
  );
  const sendIds = items.map((item) => byNotification.get(item.notificationId)!);
  const skipIds = allIds.filter((id) => !sendIds.includes(id));
  const lead = items[items.length - 1];
  if (!lead) return { mail: null, sendIds: [], skipIds };
  const unsubscribe = await alertsUnsubscribeUrl(context.origin, batch.memberId, recipient.language);
  // In the recipient's language (their setting; English when they chose none), whoever runs the queue.
  const email = inLanguage(
    () =>
      renderReplyAlertEmail({
        recipientName: recipient.viewer.displayName,
        threadTitle: lead.thread.title,
        isReply: lead.postId !== lead.rootPostId,
        items: items.map((item) => ({
          kind: item.kind,
          author: item.author,
          source: item.source,
          url: `${context.origin}/posts/${item.postId}`,
        })),
        origin: context.origin,
        unsubscribeUrl: unsubscribe,
      }),
    recipient.language,
  );
  const messageId = postMessageId(lead.postId, context.origin);
  return {
    mail: {
      to: recipient.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      messageId,
      ...threadingHeaders(lead, context.origin),
      fileKey: mailFileKey(batch.memberId, messageId),
    },
    sendIds,
    skipIds,
  };
}
