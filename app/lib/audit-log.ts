import { z } from "zod";
import type { AuditAction, AuditLogItem } from "~/models/audit-log.server";
import { DAY_MS, parseDateInput } from "./date-input";
import { formerMemberName, isFormerMemberHandle } from "./former-member";
import { tr } from "./translate";

// How the audit log reads to moderators, and the filter form of /mod/log. Browser-safe. Words come from the
// moderation catalog in the language of the work in progress (tr).

export const AUDIT_ACTION_LABELS = {
  "role.set": "moderation:audit.action.role.set",
  "thread.pin": "moderation:audit.action.thread.pin",
  "thread.unpin": "moderation:audit.action.thread.unpin",
  "thread.lock": "moderation:audit.action.thread.lock",
  "thread.unlock": "moderation:audit.action.thread.unlock",
  "thread.feature": "moderation:audit.action.thread.feature",
  "thread.unfeature": "moderation:audit.action.thread.unfeature",
  "thread.tags": "moderation:audit.action.thread.tags",
  "thread.hide": "moderation:audit.action.thread.hide",
  "thread.restore": "moderation:audit.action.thread.restore",
  "prompt.open": "moderation:audit.action.prompt.open",
  "post.hide": "moderation:audit.action.post.hide",
  "post.restore": "moderation:audit.action.post.restore",
  "flags.dismiss": "moderation:audit.action.flags.dismiss",
  "member.suspend": "moderation:audit.action.member.suspend",
  "member.unsuspend": "moderation:audit.action.member.unsuspend",
  "member.note": "moderation:audit.action.member.note",
  "member.approve": "moderation:audit.action.member.approve",
  "member.decline": "moderation:audit.action.member.decline",
  "topic.create": "moderation:audit.action.topic.create",
  "topic.edit": "moderation:audit.action.topic.edit",
  "topic.merge": "moderation:audit.action.topic.merge",
  "round.create": "moderation:audit.action.round.create",
  "round.synthesis": "moderation:audit.action.round.synthesis",
  "upload.remove": "moderation:audit.action.upload.remove",
} satisfies Record<AuditAction, string>;

export function describeAuditAction(action: string): string {
  const key = (AUDIT_ACTION_LABELS as Record<string, string>)[action];
  return key ? tr(key) : action;
}

/** A before/after value in a few words: `role: member`, `12, 14`, `until: 2026-05-01T…`. */
export function compactJson(json: string | null): string {
  if (json === null) return "";
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  return compactValue(value);
}

function compactValue(value: unknown): string {
  if (value === null || value === undefined) return tr("moderation:audit.none");
  if (Array.isArray(value)) return value.length ? value.map(compactValue).join(", ") : tr("moderation:audit.none");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([key, v]) => `${key}: ${compactValue(v)}`)
      .join("; ");
  }
  return String(value);
}

export interface AuditTarget {
  label: string;
  href: string | null;
  /** A line under the label: the start of a post, so a moderator recognises it without opening it. */
  detail: string | null;
}

type AuditTargetRow = Pick<AuditLogItem, "targetType" | "targetId" | "subject" | "thread" | "post" | "topicSlug">;

/**
 * Where a log row points, named the way a moderator recognises it: a thread by its title, a post as "Reply in
 * <thread title>" with its first words, a member by name, a topic by its address. Removed content has no title
 * to show (the model leaves it out), so it reads by number, unlinked.
 */
export function auditTarget(item: AuditTargetRow): AuditTarget {
  const id = item.targetId;
  const none = { href: null, detail: null };
  switch (item.targetType) {
    case "thread":
      return item.thread
        ? { label: `“${item.thread.title}”`, href: `/threads/${item.thread.id}/${item.thread.slug}`, detail: null }
        : { label: tr("moderation:audit.target.threadRemoved", { id }), ...none };
    case "post":
      if (!item.post || !item.thread) return { label: tr("moderation:audit.target.postRemoved", { id }), ...none };
      return {
        label: tr(item.post.depth === 0 ? "moderation:audit.target.openingPost" : "moderation:audit.target.reply", {
          title: item.thread.title,
        }),
        href: `/posts/${id}`,
        detail: item.post.excerpt || null,
      };
    case "member":
      if (item.subject && isFormerMemberHandle(item.subject.handle)) return { label: formerMemberName(), ...none };
      return item.subject
        ? { label: `@${item.subject.handle}`, href: `/mod/members/${item.subject.handle}`, detail: null }
        : { label: tr("moderation:audit.target.member", { id }), ...none };
    case "topic":
      return item.topicSlug
        ? {
            label: tr("moderation:audit.target.topic", { id: item.topicSlug }),
            href: `/topics/${item.topicSlug}`,
            detail: null,
          }
        : { label: tr("moderation:audit.target.topic", { id }), ...none };
    case "round":
      return { label: tr("moderation:audit.target.round", { id }), href: `/rounds/${id}`, detail: null };
    default:
      return { label: `${item.targetType} ${id}`, ...none };
  }
}

const ACTION_KEYS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

const handleFilter = (which: "moderator" | "member") =>
  z
    .string()
    .trim()
    .default("")
    .transform((v, ctx) => {
      const handle = v.replace(/^@/, "").toLowerCase();
      if (!handle) return undefined;
      if (!/^[a-z0-9_]{1,30}$/.test(handle)) {
        ctx.addIssue({
          code: "custom",
          message: `moderation:log.${which}Invalid`,
        });
        return z.NEVER;
      }
      return handle;
    });

const dateFilter = (which: "from" | "to") =>
  z
    .string()
    .trim()
    .default("")
    .transform((v, ctx) => {
      if (!v) return undefined;
      const ms = parseDateInput(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `moderation:log.${which}Invalid` });
        return z.NEVER;
      }
      return ms;
    });

/** The /mod/log filters as listAuditLog takes them; "to" includes the whole of its day. */
export const auditLogFilterSchema = z
  .object({
    moderator: handleFilter("moderator"),
    action: z
      .string()
      .default("")
      .transform((v, ctx) => {
        if (!v) return undefined;
        if (!(ACTION_KEYS as string[]).includes(v)) {
          ctx.addIssue({ code: "custom", message: "moderation:log.actionInvalid" });
          return z.NEVER;
        }
        return v as AuditAction;
      }),
    member: handleFilter("member"),
    from: dateFilter("from"),
    to: dateFilter("to"),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: "moderation:log.toBeforeFrom",
    path: ["to"],
  })
  .transform((v) => ({
    actorHandle: v.moderator,
    action: v.action,
    memberHandle: v.member,
    from: v.from,
    to: v.to === undefined ? undefined : v.to + DAY_MS,
  }));
