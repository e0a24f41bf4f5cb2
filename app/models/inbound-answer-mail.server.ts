import { renderSimpleEmail } from "~/lib/email-layout.server";
import { inLanguage } from "~/lib/request-language.server";
import { tr } from "~/lib/translate";
import { getDb } from "~db/client.server";
import { mailFileKey, type ClaimedBatch } from "./mail-jobs.server";
import { refusalText, type InboundAnswerPayload } from "./inbound-mail.server";
import { memberLanguage } from "./mail-language.server";
import type { ComposedMail } from "./reply-alert-mail.server";

// The one answer to an email that could not become a post (docs/decisions/0040), in the member's language.
// Marked Auto-Submitted (RFC 3834) so that well-behaved robots never answer it, and sent without a reply
// address: answering it starts nothing.

export async function composeInboundAnswer(
  batch: ClaimedBatch,
  context: { now: number; origin: string },
): Promise<ComposedMail> {
  const ids = batch.jobs.map((j) => j.id);
  const member = await getDb()
    .selectFrom("members")
    .select(["email", "display_name"])
    .where("id", "=", batch.memberId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  const job = batch.jobs[0]!;
  if (!member?.email) return { mail: null, sendIds: [], skipIds: ids };
  const payload = job.payload as InboundAnswerPayload;
  const email = inLanguage(
    () =>
      renderSimpleEmail({
        subject: tr("mail:answer.subject", { subject: payload.subject || tr("mail:answer.noSubject") }),
        origin: context.origin,
        greeting: tr("mail:answer.greeting", { name: member.display_name }),
        paragraphs: [
          tr("mail:answer.intro"),
          refusalText(payload),
          ...(payload.body ? [tr("mail:answer.yourText"), payload.body] : []),
          tr("mail:answer.automatic"),
        ],
      }),
    await memberLanguage(batch.memberId),
  );
  const messageId = `<inbound-answer-${job.id}@${new URL(context.origin).hostname}>`;
  return {
    mail: {
      to: member.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" },
      messageId,
      inReplyTo: payload.inReplyTo,
      references: [payload.inReplyTo],
      fileKey: mailFileKey(batch.memberId, messageId),
    },
    sendIds: ids,
    skipIds: [],
  };
}
