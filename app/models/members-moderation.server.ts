import { getDb, type Executor } from "~db/client.server";
import { tr } from "~/lib/translate";
import type { Role } from "~db/schema";
import { logAction } from "./audit-log.server";
import { invalidateAllPages } from "./page-invalidation.server";

// Moderators act on members: suspensions and private notes; admins set roles. One audit row each.

export interface ActiveSuspension {
  reason: string;
  startsAt: number;
  /** Null: until a moderator lifts it. */
  endsAt: number | null;
}

export async function getActiveSuspension(
  memberId: number,
  db: Executor = getDb(),
  now = Date.now(),
): Promise<ActiveSuspension | null> {
  const row = await db
    .selectFrom("suspensions")
    .select(["reason", "starts_at", "ends_at"])
    .where("member_id", "=", memberId)
    .where("lifted_at", "is", null)
    .where("starts_at", "<=", now)
    .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
    .orderBy("starts_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { reason: row.reason, startsAt: row.starts_at, endsAt: row.ends_at } : null;
}

type Result = { ok: true } | { ok: false; message: string };

async function memberRow(trx: Executor, memberId: number) {
  return trx.selectFrom("members").select(["id", "role", "handle"]).where("id", "=", memberId).executeTakeFirst();
}

/**
 * Suspends a member for a period (ends at `until`) or indefinitely (null). Moderators suspend members
 * only; every session of the member ends in the same transaction.
 */
export async function suspendMember(input: {
  actorId: number;
  memberId: number;
  reason: string;
  until: number | null;
}): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const member = await memberRow(trx, input.memberId);
      if (!member) return { ok: false, message: tr("moderation:noSuchMember") };
      if (member.role !== "member")
        return {
          ok: false,
          message: tr("moderation:memberPage.staffCannotBeSuspended"),
        };
      if (input.actorId === input.memberId) return { ok: false, message: tr("moderation:memberPage.notYourself") };
      const now = Date.now();
      if (input.until !== null && input.until <= now)
        return { ok: false, message: tr("moderation:memberPage.endInPast") };
      // A new suspension replaces any running one.
      await trx
        .updateTable("suspensions")
        .set({ lifted_at: now, lifted_by: input.actorId })
        .where("member_id", "=", input.memberId)
        .where("lifted_at", "is", null)
        .execute();
      await trx
        .insertInto("suspensions")
        .values({
          member_id: input.memberId,
          moderator_id: input.actorId,
          reason: input.reason,
          starts_at: now,
          ends_at: input.until,
          lifted_at: null,
          lifted_by: null,
        })
        .execute();
      await trx.deleteFrom("sessions").where("member_id", "=", input.memberId).execute();
      await logAction(trx, {
        actorId: input.actorId,
        action: "member.suspend",
        targetType: "member",
        targetId: input.memberId,
        subjectMemberId: input.memberId,
        reason: input.reason,
        after: { until: input.until === null ? "indefinite" : new Date(input.until).toISOString() },
        now,
      });
      return { ok: true };
    });
}

export async function liftSuspension(actorId: number, memberId: number): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const now = Date.now();
      const lifted = await trx
        .updateTable("suspensions")
        .set({ lifted_at: now, lifted_by: actorId })
        .where("member_id", "=", memberId)
        .where("lifted_at", "is", null)
        .where((eb) => eb.or([eb("ends_at", "is", null), eb("ends_at", ">", now)]))
        .executeTakeFirst();
      if (lifted.numUpdatedRows === 0n) return { ok: false, message: tr("moderation:memberPage.notSuspendedRefusal") };
      await logAction(trx, {
        actorId,
        action: "member.unsuspend",
        targetType: "member",
        targetId: memberId,
        subjectMemberId: memberId,
        now,
      });
      return { ok: true };
    });
}

export async function addMemberNote(actorId: number, memberId: number, body: string): Promise<Result> {
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await memberRow(trx, memberId))) return { ok: false, message: tr("moderation:noSuchMember") };
      const now = Date.now();
      const note = await trx
        .insertInto("member_notes")
        .values({ member_id: memberId, author_id: actorId, body, created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      await logAction(trx, {
        actorId,
        action: "member.note",
        targetType: "member",
        targetId: memberId,
        subjectMemberId: memberId,
        after: { noteId: note.id },
        now,
      });
      return { ok: true };
    });
}

export interface MemberNoteView {
  id: number;
  body: string;
  createdAt: number;
  author: { handle: string; displayName: string };
}

export async function listMemberNotes(memberId: number): Promise<MemberNoteView[]> {
  const rows = await getDb()
    .selectFrom("member_notes as n")
    .innerJoin("members as a", "a.id", "n.author_id")
    .select(["n.id", "n.body", "n.created_at", "a.handle", "a.display_name"])
    .where("n.member_id", "=", memberId)
    .orderBy("n.created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    createdAt: r.created_at,
    author: { handle: r.handle, displayName: r.display_name },
  }));
}

/**
 * Sets a member's role. The member's sessions end, so the new role takes effect with a new session. With no
 * actor (the command line), the change is not an app action and writes no audit row.
 */
export async function setMemberRole(input: {
  actorId: number | null;
  memberId: number;
  role: Role;
}): Promise<Result & { previous?: Role }> {
  return getDb()
    .transaction()
    .execute(async (trx): Promise<Result & { previous?: Role }> => {
      const member = await memberRow(trx, input.memberId);
      if (!member) return { ok: false, message: tr("moderation:noSuchMember") };
      if (member.role === input.role) return { ok: true, previous: member.role };
      if (input.actorId === input.memberId) return { ok: false, message: tr("moderation:admin.ownRole") };
      await trx
        .updateTable("members")
        .set({ role: input.role, updated_at: Date.now() })
        .where("id", "=", input.memberId)
        .execute();
      await trx.deleteFrom("sessions").where("member_id", "=", input.memberId).execute();
      if (input.actorId !== null) {
        await logAction(trx, {
          actorId: input.actorId,
          action: "role.set",
          targetType: "member",
          targetId: input.memberId,
          subjectMemberId: input.memberId,
          before: { role: member.role },
          after: { role: input.role },
        });
      }
      return { ok: true, previous: member.role };
    })
    .then((result) => {
      // The role badge shows on the member's profile and posts.
      if (result.ok) invalidateAllPages();
      return result;
    });
}

export async function findMemberIdByHandle(handle: string): Promise<number | null> {
  const row = await getDb()
    .selectFrom("members")
    .select("id")
    .where("handle", "=", handle.trim().toLowerCase())
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface MemberAdminItem {
  id: number;
  handle: string;
  displayName: string;
  role: Role;
  joinedAt: number;
}

/** Members for the admin page, by handle prefix, with keyset pagination on handle. */
export async function listMembersForAdmin(input: {
  query?: string;
  after?: string;
  limit?: number;
}): Promise<{ items: MemberAdminItem[]; nextAfter: string | null }> {
  const limit = input.limit ?? 50;
  const query = input.query?.trim().toLowerCase();
  const rows = await getDb()
    .selectFrom("members")
    .select(["id", "handle", "display_name", "role", "created_at"])
    .where("deleted_at", "is", null)
    .$if(Boolean(query), (q) =>
      q.where((eb) => eb.or([eb("handle", ">=", query!).and("handle", "<", `${query}~`), eb("email", "=", query!)])),
    )
    .$if(Boolean(input.after), (q) => q.where("handle", ">", input.after!))
    .orderBy("handle")
    .limit(limit + 1)
    .execute();
  const items = rows
    .slice(0, limit)
    .map((r) => ({ id: r.id, handle: r.handle, displayName: r.display_name, role: r.role, joinedAt: r.created_at }));
  return { items, nextAfter: rows.length > limit ? items[items.length - 1]!.handle : null };
}
