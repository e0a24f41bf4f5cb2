import { defaultTransport, type MailTransport } from "~/lib/mailer.server";
import {
  claimMailBatch,
  markHandedOver,
  markSent,
  markSkipped,
  recoverStaleClaims,
  releaseForRetry,
  type ClaimedBatch,
  type RecoveryReport,
} from "./mail-jobs.server";
import { composeFacilitationSummary, FACILITATION_SUMMARY_KIND } from "./facilitation-mail.server";
import { composeInboundAnswer } from "./inbound-answer-mail.server";
import { INBOUND_ANSWER_KIND } from "./inbound-mail.server";
import { composeListPost, LIST_POST_KIND } from "./list-mail.server";
import { composeReplyAlert, type ComposedMail } from "./reply-alert-mail.server";
import { REPLY_ALERT_KIND } from "./reply-alerts.server";
import { composeRoundOpening, ROUND_OPENING_KIND } from "./round-mail.server";

// One pass over the mail queue: what the server's timer runs every 30 seconds and what
// `npm run mail:send` runs once. Any number of passes may run at once, in one process or several: each email
// is claimed by exactly one (mail-jobs.server.ts, docs/decisions/0015).

/** Emails one pass sends at most; the rest wait for the next pass. */
export const EMAILS_PER_RUN = 200;

type Composer = (batch: ClaimedBatch, context: { now: number; origin: string }) => Promise<ComposedMail>;

// Each kind of job and the email it becomes. A batch holds one kind: group keys are never shared by kinds.
const COMPOSERS: Record<string, Composer> = {
  [REPLY_ALERT_KIND]: composeReplyAlert,
  [FACILITATION_SUMMARY_KIND]: composeFacilitationSummary,
  [INBOUND_ANSWER_KIND]: composeInboundAnswer,
  [LIST_POST_KIND]: composeListPost,
  [ROUND_OPENING_KIND]: composeRoundOpening,
};

export interface MailRunReport {
  sent: Array<{ memberId: number; jobIds: number[]; where: string }>;
  skipped: number;
  failed: Array<{ memberId: number; jobIds: number[]; error: string }>;
  recovered: RecoveryReport;
}

export async function runMailQueue(options: {
  origin: string;
  now?: number;
  transport?: MailTransport;
}): Promise<MailRunReport> {
  // The real clock is read at each claim: a long pass must not claim late under its start time's lease.
  const clock = () => options.now ?? Date.now();
  const transport = options.transport ?? defaultTransport();
  const report: MailRunReport = {
    sent: [],
    skipped: 0,
    failed: [],
    recovered: await recoverStaleClaims(clock(), (key) => transport.wasDelivered(key)),
  };
  for (let i = 0; i < EMAILS_PER_RUN; i++) {
    const now = clock();
    const batch = await claimMailBatch(now);
    if (!batch) break;
    await deliver(batch, { now, origin: options.origin, transport }, report);
  }
  return report;
}

async function deliver(
  batch: ClaimedBatch,
  context: { now: number; origin: string; transport: MailTransport },
  report: MailRunReport,
): Promise<void> {
  const fail = async (error: unknown, jobIds: number[]) => {
    const message = error instanceof Error ? error.message : String(error);
    await releaseForRetry(batch, message, context.now);
    report.failed.push({ memberId: batch.memberId, jobIds, error: message });
  };
  let composed: ComposedMail;
  try {
    const kinds = new Set(batch.jobs.map((j) => j.kind));
    const composer = kinds.size === 1 ? COMPOSERS[batch.jobs[0]!.kind] : undefined;
    if (!composer) throw new Error(`No email for mail jobs of kind ${[...kinds].join(", ")}.`);
    composed = await composer(batch, context);
  } catch (error) {
    await fail(
      error,
      batch.jobs.map((j) => j.id),
    );
    return;
  }
  if (!composed.mail) {
    await markSkipped(batch);
    report.skipped += batch.jobs.length;
    return;
  }
  report.skipped += composed.skipIds.length;
  // Durable before the transport sees the email: after a crash, recovery knows it may have gone out.
  if (!(await markHandedOver(batch, composed.sendIds, composed.skipIds, composed.mail.messageId, context.now))) return;
  let where: string;
  try {
    where = await context.transport.send(composed.mail);
  } catch (error) {
    await fail(error, composed.sendIds);
    return;
  }
  await markSent(batch, context.now);
  report.sent.push({ memberId: batch.memberId, jobIds: composed.sendIds, where });
}
