import { z } from "zod";
import type { AuditAction, AuditLogItem } from "~/models/audit-log.server";
import { DAY_MS, parseDateInput } from "./date-input";
import { FORMER_MEMBER_NAME, isFormerMemberHandle } from "./former-member";

// How the audit log reads to moderators, and the filter form of /mod/log. Browser-safe.

export const AUDIT_ACTION_LABELS = {
  "role.set": "Changed a member's role",
  "thread.pin": "Pinned a thread",
  "thread.unpin": "Unpinned a thread",
  "thread.lock": "Locked a thread",
  "thread.unlock": "Unlocked a thread",
  "thread.feature": "Featured a story",
  "thread.unfeature": "Stopped featuring a story",
  "thread.tags": "Changed a thread's topics",
  "thread.hide": "Hid a thread",
  "thread.restore": "Restored a thread",
  "prompt.open": "Opened a prompt",
  "post.hide": "Hid a post",
  "post.restore": "Restored a post",
  "flags.dismiss": "Dismissed flags",
  "member.suspend": "Suspended a member",
  "member.unsuspend": "Lifted a suspension",
  "member.note": "Added a private note",
  "member.approve": "Approved a new member",
  "member.decline": "Declined a new member",
  "topic.create": "Created a topic",
  "topic.edit": "Edited a topic",
  "topic.merge": "Merged topics",
  "round.create": "Created a round",
  "round.synthesis": "Published a round's synthesis",
  "upload.remove": "Removed a picture or file",
  "place.create": "Added a place to the directory",
  "place.remove": "Removed a place from the directory",
  "resource.check": "Checked a resource on the shelf",
} satisfies Record<AuditAction, string>;

export function describeAuditAction(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
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
  if (value === null || value === undefined) return "none";
  if (Array.isArray(value)) return value.length ? value.map(compactValue).join(", ") : "none";
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
        : { label: `Thread ${id} (removed)`, ...none };
    case "post":
      if (!item.post || !item.thread) return { label: `Post ${id} (removed)`, ...none };
      return {
        label: `${item.post.depth === 0 ? "Opening post of" : "Reply in"} “${item.thread.title}”`,
        href: `/posts/${id}`,
        detail: item.post.excerpt || null,
      };
    case "member":
      if (item.subject && isFormerMemberHandle(item.subject.handle)) return { label: FORMER_MEMBER_NAME, ...none };
      return item.subject
        ? { label: `@${item.subject.handle}`, href: `/mod/members/${item.subject.handle}`, detail: null }
        : { label: `Member ${id}`, ...none };
    case "topic":
      return item.topicSlug
        ? { label: `Topic ${item.topicSlug}`, href: `/topics/${item.topicSlug}`, detail: null }
        : { label: `Topic ${id}`, ...none };
    case "round":
      return { label: `Round ${id}`, href: `/rounds/${id}`, detail: null };
    default:
      return { label: `${item.targetType} ${id}`, ...none };
  }
}

const ACTION_KEYS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

const handleFilter = (label: string) =>
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
          message: `${label}: a handle has only letters, digits and underscores, like marisol_vega.`,
        });
        return z.NEVER;
      }
      return handle;
    });

const dateFilter = (label: string) =>
  z
    .string()
    .trim()
    .default("")
    .transform((v, ctx) => {
      if (!v) return undefined;
      const ms = parseDateInput(v);
      if (ms === null) {
        ctx.addIssue({ code: "custom", message: `${label} should be a date like 2026-05-01.` });
        return z.NEVER;
      }
      return ms;
    });

/** The /mod/log filters as listAuditLog takes them; "to" includes the whole of its day. */
export const auditLogFilterSchema = z
  .object({
    moderator: handleFilter("Moderator"),
    action: z
      .string()
      .default("")
      .transform((v, ctx) => {
        if (!v) return undefined;
        if (!(ACTION_KEYS as string[]).includes(v)) {
          ctx.addIssue({ code: "custom", message: "Choose an action from the list." });
          return z.NEVER;
        }
        return v as AuditAction;
      }),
    member: handleFilter("Member"),
    from: dateFilter("“From”"),
    to: dateFilter("“To”"),
  })
  .refine((v) => v.from === undefined || v.to === undefined || v.from <= v.to, {
    message: "“To” should be on or after “From”.",
    path: ["to"],
  })
  .transform((v) => ({
    actorHandle: v.moderator,
    action: v.action,
    memberHandle: v.member,
    from: v.from,
    to: v.to === undefined ? undefined : v.to + DAY_MS,
  }));
