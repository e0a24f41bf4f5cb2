import { getDb } from "~db/client.server";
import { canReceiveEmail } from "~/lib/permissions";
import { renderSimpleEmail } from "~/lib/email-layout.server";
import { DEFAULT_LANGUAGE, isLanguage } from "~/lib/i18n";
import { inLanguage } from "~/lib/request-language.server";
import { tr } from "~/lib/translate";
import { digestPeriod } from "./digests.server";
import { facilitationView, type FacilitationView } from "./facilitation.server";
import { enqueueMailJobs, mailFileKey, type ClaimedBatch } from "./mail-jobs.server";
import type { ComposedMail } from "./reply-alert-mail.server";

// The facilitator's weekly summary (issue 19, docs/decisions/0045): once a week each moderator gets the
// facilitator's view as an email, through the mail queue like every other email (claimed once, retried,
// never sent twice). It is queued by the server's mail sender (and `npm run mail:send`) from Monday on, one
// job per moderator per ISO week (the dedupe key), and written when it is sent, from that moment's view.

export const FACILITATION_SUMMARY_KIND = "facilitation-summary";
/** Monday 15:00 UTC: Monday morning on the US west coast, the afternoon in Europe. */
const SEND_FROM_MS_INTO_WEEK = 15 * 60 * 60_000;
const DAY = 24 * 60 * 60_000;

let queuedWeek: string | null = null;

/** The ISO week this moment is in, and whether its summary is due yet (from Monday 15:00 UTC). */
export function summaryWeek(now: number): { key: string; due: boolean } {
  const date = new Date(now);
  const mondayStart =
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) - ((date.getUTCDay() + 6) % 7) * DAY;
  return { key: digestPeriod("weekly", now).key, due: now >= mondayStart + SEND_FROM_MS_INTO_WEEK };
}

/**
 * Queues this week's summary for every moderator who may receive email, once the week's send time has come.
 * Safe to call on every pass of the mail sender and from several processes: the dedupe key keeps one job per
 * moderator per week, and this process remembers the week it has queued.
 */
export async function queueFacilitationSummaries(now: number = Date.now()): Promise<number> {
  const week = summaryWeek(now);
  if (!week.due || queuedWeek === week.key) return 0;
  const moderators = await getDb()
    .selectFrom("members")
    .select(["id", "email", "email_verified_at"])
    .where("role", "in", ["moderator", "admin"])
    .where("deleted_at", "is", null)
    .execute();
  const jobs = moderators
    .filter((m) => m.email !== "" && canReceiveEmail({ emailVerifiedAt: m.email_verified_at }))
    .map((m) => ({
      kind: FACILITATION_SUMMARY_KIND,
      memberId: m.id,
      groupKey: `facilitation-${week.key}-${m.id}`,
      dedupeKey: `facilitation-${week.key}-${m.id}`,
      payload: { week: week.key },
      notBefore: now,
    }));
  await enqueueMailJobs(getDb(), jobs, now);
  queuedWeek = week.key;
  return jobs.length;
}

/** Forgets the week queued by this process (tests move the clock across weeks). */
export function forgetQueuedWeek(): void {
  queuedWeek = null;
}

/** The email a claimed summary job becomes: nothing when the member is no longer a moderator or nothing waits. */
export async function composeFacilitationSummary(
  batch: ClaimedBatch,
  context: { now: number; origin: string },
): Promise<ComposedMail> {
  const allIds = batch.jobs.map((j) => j.id);
  const recipient = await getDb()
    .selectFrom("members")
    .select(["id", "email", "display_name", "role", "email_verified_at", "deleted_at", "language"])
    .where("id", "=", batch.memberId)
    .executeTakeFirst();
  const mayReceive =
    recipient &&
    recipient.deleted_at === null &&
    (recipient.role === "moderator" || recipient.role === "admin") &&
    recipient.email !== "" &&
    canReceiveEmail({ emailVerifiedAt: recipient.email_verified_at });
  if (!mayReceive) return { mail: null, sendIds: [], skipIds: allIds };
  const view = await facilitationView(context.now);
  if (waitingCount(view) === 0) return { mail: null, sendIds: [], skipIds: allIds };
  const language = isLanguage(recipient.language) ? recipient.language : DEFAULT_LANGUAGE;
  const email = inLanguage(() => renderSummary(view, recipient.display_name, context.origin), language);
  const messageId = `<facilitation-${batch.groupKey}@${new URL(context.origin).hostname}>`;
  return {
    mail: { to: recipient.email, ...email, messageId, fileKey: mailFileKey(batch.memberId, messageId) },
    sendIds: allIds,
    skipIds: [],
  };
}

/** How many items wait in all the view's lists. */
export function waitingCount(view: FacilitationView): number {
  return (
    view.unansweredFirstPosts.total +
    view.unansweredQuestions.total +
    view.silentMembers.total +
    view.quietPrompts.total +
    view.quietTopics.total
  );
}

/** Items named in the email per list; the page has the rest. */
const EMAIL_ITEMS = 5;

function renderSummary(view: FacilitationView, name: string, origin: string) {
  const paragraphs: string[] = [tr("facilitate:email.intro")];
  const section = <T>(heading: string, list: { items: T[]; total: number }, line: (item: T) => string) => {
    if (list.total === 0) return;
    paragraphs.push(
      [heading, ...list.items.slice(0, EMAIL_ITEMS).map((item) => `• ${line(item)}`)].join("\n") +
        (list.total > EMAIL_ITEMS ? `\n${tr("facilitate:email.andMore", { count: list.total - EMAIL_ITEMS })}` : ""),
    );
  };
  section(
    tr("facilitate:email.firstPosts", { count: view.unansweredFirstPosts.total }),
    view.unansweredFirstPosts,
    (i) =>
      tr("facilitate:email.firstPostLine", {
        name: i.author.displayName,
        title: i.threadTitle,
        url: `${origin}/posts/${i.postId}`,
      }),
  );
  section(tr("facilitate:email.questions", { count: view.unansweredQuestions.total }), view.unansweredQuestions, (i) =>
    tr("facilitate:email.questionLine", { title: i.title, url: `${origin}/threads/${i.threadId}/${i.slug}` }),
  );
  section(tr("facilitate:email.silentMembers", { count: view.silentMembers.total }), view.silentMembers, (i) =>
    tr("facilitate:email.memberLine", { name: i.displayName, url: `${origin}/members/${i.handle}` }),
  );
  section(tr("facilitate:email.quietPrompts", { count: view.quietPrompts.total }), view.quietPrompts, (i) =>
    tr("facilitate:email.promptLine", {
      title: i.title,
      count: i.answers,
      url: `${origin}/threads/${i.threadId}/${i.slug}`,
    }),
  );
  section(tr("facilitate:email.quietTopics", { count: view.quietTopics.total }), view.quietTopics, (i) =>
    tr("facilitate:email.topicLine", { name: i.name, url: `${origin}/topics/${i.slug}` }),
  );
  return renderSimpleEmail({
    subject: tr("facilitate:email.subject", { count: waitingCount(view) }),
    origin,
    greeting: tr("facilitate:email.greeting", { name }),
    paragraphs,
    action: { label: tr("facilitate:email.action"), url: `${origin}/mod/facilitate` },
    after: [tr("facilitate:email.why")],
  });
}
