import { DEFAULT_LANGUAGE, isLanguage, type Language } from "~/lib/i18n";
import { canReceiveEmail } from "~/lib/permissions";
import { getDb, type Executor } from "~db/client.server";
import type { NotificationKind, ReplyAlerts } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import { signToken } from "~/lib/signed-token.server";
import { enqueueMailJobs } from "./mail-jobs.server";
import { idsInPath } from "./post-path";
import { bylineName, loadPseudonyms, presentAuthor } from "./pseudonyms.server";
import { applyRoundRules } from "./round-visibility.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// Email when someone answers you (issue 13, section 3; docs/decisions/0015). A reply to a member's post or a
// mention of them is queued, in the notification's transaction, as a mail job a few minutes out; at send time
// what is still unread and still visible to them goes out, one email per thread. "In my digest" puts the same
// items in the member's digest instead.

export const REPLY_ALERT_KIND = "reply-alert";
const ALERTING: NotificationKind[] = ["reply", "mention"];
export const ALERTS_UNSUBSCRIBE_PURPOSE = "alerts-unsubscribe";

/** MAIL_ALERT_DELAY_MINUTES (default 5): how long an alert waits for the member to read it on the site. */
export function alertDelayMs(): number {
  const minutes = Number(process.env.MAIL_ALERT_DELAY_MINUTES);
  return (process.env.MAIL_ALERT_DELAY_MINUTES && Number.isFinite(minutes) && minutes >= 0 ? minutes : 5) * 60_000;
}

/** The member columns mayReceiveAlerts reads: select these wherever alert recipients are chosen. */
const RECIPIENT_COLUMNS = [
  "m.id",
  "m.handle",
  "m.display_name",
  "m.role",
  "m.email",
  "m.email_verified_at",
  "m.reply_alerts",
  "m.language",
] as const;

interface RecipientRow {
  email: string;
  email_verified_at: number | null;
}

/**
 * Whether a member may receive alert mail at all, whatever they chose: the one rule, checked when an alert is
 * queued, when it is sent and when a digest lists it. An account without an address (erased) gets none.
 * An unverified address (issue 13, section 2) gets none either: unverified members get only verification and
 * password-reset mail.
 */
export function mayReceiveAlerts(member: RecipientRow): boolean {
  return member.email !== "" && canReceiveEmail({ emailVerifiedAt: member.email_verified_at });
}

export interface AlertNotification {
  id: number;
  member_id: number;
  kind: NotificationKind;
  thread_id: number | null;
  post_id: number | null;
}

/** Queues an alert for each new reply or mention notification whose member wants them right away. */
export async function enqueueReplyAlerts(trx: Executor, rows: AlertNotification[], now: number): Promise<void> {
  const alerting = rows.filter((n) => ALERTING.includes(n.kind) && n.post_id !== null && n.thread_id !== null);
  if (!alerting.length) return;
  const members = await trx
    .selectFrom("members as m")
    .select(RECIPIENT_COLUMNS)
    .where("m.id", "in", [...new Set(alerting.map((n) => n.member_id))])
    .where("m.reply_alerts", "=", "immediate")
    .execute();
  const wanting = new Set(members.filter(mayReceiveAlerts).map((m) => m.id));
  const notBefore = now + alertDelayMs();
  await enqueueMailJobs(
    trx,
    alerting
      .filter((n) => wanting.has(n.member_id))
      .map((n) => ({
        kind: REPLY_ALERT_KIND,
        memberId: n.member_id,
        groupKey: `thread:${n.thread_id}`,
        // Per member and post: whatever brings a post to a member (a reply, a mention added by an edit, later
        // a topic followed by email), it is emailed to them once.
        dedupeKey: `post:${n.member_id}:${n.post_id}`,
        payload: { notificationId: n.id, postId: n.post_id },
        notBefore,
      })),
    now,
  );
}

export interface AlertRecipient {
  viewer: Viewer;
  email: string;
  replyAlerts: ReplyAlerts;
  /** The language their alerts are written in: their setting, English when they chose none. */
  language: Language;
}

/** The member an alert is for, or null when they may receive none (mayReceiveAlerts) or are gone. */
export async function getAlertRecipient(memberId: number): Promise<AlertRecipient | null> {
  const m = await getDb()
    .selectFrom("members as m")
    .select(RECIPIENT_COLUMNS)
    .where("m.id", "=", memberId)
    .executeTakeFirst();
  if (!m || !mayReceiveAlerts(m)) return null;
  return {
    viewer: { id: m.id, handle: m.handle, displayName: m.display_name, role: m.role },
    email: m.email,
    replyAlerts: m.reply_alerts,
    language: isLanguage(m.language) ? m.language : DEFAULT_LANGUAGE,
  };
}

/** A reply or mention as an alert shows it, checked against what the member may see now. */
export interface AlertItem {
  notificationId: number;
  kind: "reply" | "mention";
  postId: number;
  /** The thread's opening post, and the post's ancestors below it (the last is its parent), for References. */
  rootPostId: number;
  ancestorIds: number[];
  thread: { id: number; slug: string; title: string };
  /** The author as everyone reads them: the pseudonym for a post written under one (presentAuthor). */
  author: string;
  source: string;
  createdAt: number;
}

/**
 * The member's unread reply and mention notifications in `scope` whose post they may read now: not deleted,
 * not hidden by moderators (post or thread), not withheld by a round's "answer first" rule. Oldest first.
 */
export async function listAlertItems(
  recipient: Viewer,
  scope: { notificationIds: number[] } | { from: number; to: number },
  now: number,
): Promise<AlertItem[]> {
  if ("notificationIds" in scope && !scope.notificationIds.length) return [];
  const rows = await getDb()
    .selectFrom("notifications as n")
    .innerJoin("posts as p", "p.id", "n.post_id")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .innerJoin("members as a", "a.id", "p.author_id")
    .innerJoin("posts as root", (join) => join.onRef("root.thread_id", "=", "t.id").on("root.depth", "=", 0))
    .select(["n.id", "n.kind", "n.created_at", "p.id as post_id", "p.parent_id", "p.depth", "p.path"])
    .select(["p.body_source", "t.id as thread_id", "t.slug", "t.title", "root.id as root_id"])
    .select(["a.id as author_id", "a.handle", "a.display_name"])
    .where("n.member_id", "=", recipient.id)
    .where("n.kind", "in", ALERTING)
    .where("n.read_at", "is", null)
    // An email is read away from the site, like a digest: only what everyone may see (docs/decisions/0012).
    .where(postShownTo("p"))
    .where(threadShownTo("t"))
    .$call((q) =>
      "notificationIds" in scope
        ? q.where("n.id", "in", scope.notificationIds)
        : q.where("n.created_at", ">=", scope.from).where("n.created_at", "<", scope.to),
    )
    .orderBy("n.id")
    .execute();
  const shown = new Set<number>();
  for (const threadId of new Set(rows.map((r) => r.thread_id))) {
    const posts = rows
      .filter((r) => r.thread_id === threadId)
      .map((r) => ({
        id: r.post_id,
        parentId: r.parent_id,
        depth: r.depth,
        author: { id: r.author_id, handle: r.handle, displayName: r.display_name },
        replyToName: null,
      }));
    const [kept] = await applyRoundRules(threadId, recipient, [posts], now);
    for (const post of kept ?? []) shown.add(post.id);
  }
  const pseudonyms = await loadPseudonyms({ postIds: [...shown] });
  return rows
    .filter((r) => shown.has(r.post_id))
    .map((r) => ({
      notificationId: r.id,
      kind: r.kind === "reply" ? "reply" : "mention",
      postId: r.post_id,
      rootPostId: r.root_id,
      ancestorIds: r.depth === 0 ? [] : idsInPath(r.path).slice(0, -1),
      thread: { id: r.thread_id, slug: r.slug, title: r.title },
      // An email is a public surface: no viewer unmasks a pseudonym there.
      author: bylineName(
        presentAuthor(
          { id: r.author_id, handle: r.handle, displayName: r.display_name },
          pseudonyms.get(r.post_id),
          null,
        ),
      ),
      source: r.body_source,
      createdAt: r.created_at,
    }));
}

/** What goes in the digest of a member who chose "in my digest": their unread replies and mentions. */
export async function listDigestAlerts(memberId: number, window: { from: number; to: number }): Promise<AlertItem[]> {
  const recipient = await getAlertRecipient(memberId);
  if (recipient?.replyAlerts !== "digest") return [];
  return listAlertItems(recipient.viewer, window, window.to);
}

export async function getReplyAlerts(memberId: number): Promise<ReplyAlerts> {
  const row = await getDb()
    .selectFrom("members")
    .select("reply_alerts")
    .where("id", "=", memberId)
    .executeTakeFirstOrThrow();
  return row.reply_alerts;
}

/** Queued alerts stay queued: at send time they go only if the choice is still "right away". */
export async function setReplyAlerts(memberId: number, choice: ReplyAlerts): Promise<void> {
  await getDb()
    .updateTable("members")
    .set({ reply_alerts: choice, updated_at: Date.now() })
    .where("id", "=", memberId)
    .execute();
}

export async function alertsUnsubscribeUrl(origin: string, memberId: number, language?: Language): Promise<string> {
  const token = await signToken(ALERTS_UNSUBSCRIBE_PURPOSE, String(memberId));
  const lang = language && language !== DEFAULT_LANGUAGE ? `&lang=${language}` : "";
  return `${origin}/unsubscribe?list=alerts&m=${memberId}&t=${token}${lang}`;
}
