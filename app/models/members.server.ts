import { languageNow, tr } from "~/lib/translate";
import { getDb, type Executor } from "~db/client.server";
import { isUniqueViolation, uniqueViolationColumn } from "~db/errors";
import type { ApprovalState, Role } from "~db/schema";
import { formatDateTime } from "~/lib/format";
import { renderMarkdownBounded } from "~/lib/markdown-bounded.server";
import { isStaffLikeName, STAFF_NAME_MESSAGE } from "~/lib/reserved-names";
import { getActiveSuspension } from "./members-moderation.server";
import { invalidateAllPages } from "./page-invalidation.server";
import { takeWrite } from "./write-throttle.server";

export interface MemberProfileView {
  id: number;
  handle: string;
  displayName: string;
  role: Role;
  organization: string;
  location: string;
  bioHtml: string;
  joinedAt: number;
  fields: Array<{ slug: string; name: string }>;
}

export interface ProfileForm {
  displayName: string;
  organization: string;
  location: string;
  bioSource: string;
  fieldSlugs: string[];
}

export type RegisterResult = { ok: true; memberId: number } | { ok: false; field: "handle" | "email"; message: string };

const TAKEN_MESSAGES = {
  handle: "account:join.handleTaken",
  email: "account:join.emailTaken",
} as const;

/**
 * A new member. Every caller says whether the address is already verified: null for someone joining (a link
 * goes to the address), a time for accounts made by the seed or by tests.
 */
export async function registerMember(input: {
  handle: string;
  email: string;
  displayName: string;
  passwordHash: string;
  emailVerifiedAt: number | null;
  approvalState?: ApprovalState;
  role?: Role;
  now?: number;
  /** When they accepted the community rules; /join asks, and members made by the seed count from joining. */
  rulesAcceptedAt?: number;
}): Promise<RegisterResult> {
  const now = input.now ?? Date.now();
  try {
    // One transaction, so that an account deleted meanwhile can't free its handle between check and insert.
    return await getDb()
      .transaction()
      .execute(async (trx): Promise<RegisterResult> => {
        // Up to two rows (one by handle, one by email); the handle is reported first, whichever row comes first.
        const taken = await trx
          .selectFrom("members")
          .select(["handle", "email"])
          .where((eb) => eb.or([eb("handle", "=", input.handle), eb("email", "=", input.email)]))
          .limit(2)
          .execute();
        if (taken.length) {
          const field = taken.some((row) => row.handle === input.handle) ? "handle" : "email";
          return { ok: false, field, message: tr(TAKEN_MESSAGES[field]) };
        }
        await dropExpiredReservations(trx, now);
        if (await isHandleReserved(input.handle, now, trx))
          return { ok: false, field: "handle", message: tr(TAKEN_MESSAGES.handle) };
        const row = await trx
          .insertInto("members")
          .values({
            handle: input.handle,
            email: input.email,
            display_name: input.displayName,
            password_hash: input.passwordHash,
            role: input.role ?? "member",
            created_at: now,
            updated_at: now,
            password_changed_at: now,
            email_verified_at: input.emailVerifiedAt,
            approval_state: input.approvalState ?? "approved",
            rules_accepted_at: input.rulesAcceptedAt ?? now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        return { ok: true, memberId: row.id };
      });
  } catch (error) {
    // A unique constraint is the last word if anything slips past the checks.
    if (isUniqueViolation(error, "members")) {
      const field = uniqueViolationColumn(error) === "email" ? "email" : "handle";
      return { ok: false, field, message: tr(TAKEN_MESSAGES[field]) };
    }
    throw error;
  }
}

/** How long the handle of a deleted account is kept from everyone else (docs/decisions/0016). */
export const HANDLE_RESERVATION_MS = 90 * 24 * 60 * 60 * 1000;

/** Whether a handle is kept for a deleted account at `now`: refused at join, and by any future handle change. */
export async function isHandleReserved(handle: string, now = Date.now(), db: Executor = getDb()): Promise<boolean> {
  const row = await db
    .selectFrom("reserved_handles")
    .select("handle")
    .where("handle", "=", handle.toLowerCase())
    .where("reserved_until", ">", now)
    .executeTakeFirst();
  return row !== undefined;
}

/** Reservations that have run out go: an old handle is kept no longer than it has to be. */
export async function dropExpiredReservations(db: Executor, now: number): Promise<void> {
  await db.deleteFrom("reserved_handles").where("reserved_until", "<=", now).execute();
}

/** The credentials for a login by handle or email (both are stored lowercase). */
export function getLoginCredentials(login: string) {
  const key = login.trim().toLowerCase();
  return getDb()
    .selectFrom("members")
    .select(["id", "password_hash as passwordHash"])
    .where(key.includes("@") ? "email" : "handle", "=", key)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function getMemberProfile(handle: string, db: Executor = getDb()): Promise<MemberProfileView | null> {
  const member = await db
    .selectFrom("members")
    .select(["id", "handle", "display_name", "role", "organization", "location", "bio_html", "created_at"])
    .where("handle", "=", handle.toLowerCase())
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!member) return null;
  const fields = await db
    .selectFrom("member_fields")
    .innerJoin("tags", "tags.id", "member_fields.tag_id")
    .select(["tags.slug", "tags.name"])
    .where("member_fields.member_id", "=", member.id)
    .orderBy("tags.sort_key")
    .orderBy("tags.id")
    .execute();
  return {
    id: member.id,
    handle: member.handle,
    displayName: member.display_name,
    role: member.role,
    organization: member.organization,
    location: member.location,
    bioHtml: member.bio_html,
    joinedAt: member.created_at,
    fields,
  };
}

export async function getProfileForm(memberId: number): Promise<ProfileForm> {
  const db = getDb();
  const member = await db
    .selectFrom("members")
    .select(["display_name", "organization", "location", "bio_source"])
    .where("id", "=", memberId)
    .executeTakeFirstOrThrow();
  const fields = await db
    .selectFrom("member_fields")
    .innerJoin("tags", "tags.id", "member_fields.tag_id")
    .select("tags.slug")
    .where("member_fields.member_id", "=", memberId)
    .execute();
  return {
    displayName: member.display_name,
    organization: member.organization,
    location: member.location,
    bioSource: member.bio_source,
    fieldSlugs: fields.map((f) => f.slug),
  };
}

export type ProfileUpdateResult = { ok: true } | { ok: false; field: "form" | "displayName"; message: string };

/**
 * Updates the member's own profile; the caller has already checked who may do it. Everything on it is public,
 * so a suspended member can't change it (a suspension must not be spent rewriting a name or bio others read),
 * and only staff may take a name that reads as staff (see lib/reserved-names.ts). Counts against the member's
 * profile-save limit and renders the bio before the transaction opens: throws WriteThrottledError or
 * MarkdownRefusedError (see writeRefusal) with nothing written.
 */
export async function updateProfile(memberId: number, form: ProfileForm): Promise<ProfileUpdateResult> {
  await takeWrite("profile", memberId);
  const bioHtml = (await renderMarkdownBounded(form.bioSource)).html;
  const result = await getDb()
    .transaction()
    .execute(async (trx): Promise<ProfileUpdateResult> => {
      const suspension = await getActiveSuspension(memberId, trx);
      if (suspension) {
        return {
          ok: false,
          field: "form",
          message: suspension.endsAt
            ? tr("settings:profile.suspendedUntil", {
                date: formatDateTime(suspension.endsAt, languageNow()),
                reason: suspension.reason,
              })
            : tr("settings:profile.suspendedUntilLifted", { reason: suspension.reason }),
        };
      }
      const { role } = await trx
        .selectFrom("members")
        .select("role")
        .where("id", "=", memberId)
        .executeTakeFirstOrThrow();
      if (role === "member" && isStaffLikeName(form.displayName))
        return { ok: false, field: "displayName", message: tr(STAFF_NAME_MESSAGE) };
      await trx
        .updateTable("members")
        .set({
          display_name: form.displayName,
          organization: form.organization,
          location: form.location,
          bio_source: form.bioSource,
          bio_html: bioHtml,
          updated_at: Date.now(),
        })
        .where("id", "=", memberId)
        .execute();
      await trx.deleteFrom("member_fields").where("member_id", "=", memberId).execute();
      if (form.fieldSlugs.length) {
        const tags = await trx.selectFrom("tags").select("id").where("slug", "in", form.fieldSlugs).execute();
        if (tags.length) {
          await trx
            .insertInto("member_fields")
            .values(tags.map((t) => ({ member_id: memberId, tag_id: t.id })))
            .execute();
        }
      }
      return { ok: true };
    });
  // A name shows on every page the member ever wrote on.
  if (result.ok) invalidateAllPages();
  return result;
}

export async function countActiveSessions(memberId: number): Promise<number> {
  const row = await getDb()
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("member_id", "=", memberId)
    .where("expires_at", ">", Date.now())
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Stores a new password hash and ends every session but the one kept (stored by its hash), in one transaction. */
export async function updatePasswordHash(
  memberId: number,
  passwordHash: string,
  keepSessionHash: string | null,
): Promise<void> {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const now = Date.now();
      await trx
        .updateTable("members")
        .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
        .where("id", "=", memberId)
        .execute();
      await trx
        .deleteFrom("sessions")
        .where("member_id", "=", memberId)
        .$if(keepSessionHash !== null, (q) => q.where("id", "!=", keepSessionHash!))
        .execute();
    });
}

/** Who an account email goes to. */
export interface MemberContact {
  id: number;
  handle: string;
  email: string;
  displayName: string;
  emailVerifiedAt: number | null;
}

/** The member a handle or an email address names (both stored lowercase), with where to write to them. */
export async function findMemberContact(by: { login: string } | { id: number }): Promise<MemberContact | null> {
  // A deleted account has no address and can't be recovered: it is no one's contact.
  const query = getDb()
    .selectFrom("members")
    .select(["id", "handle", "email", "display_name", "email_verified_at"])
    .where("deleted_at", "is", null);
  const key = "login" in by ? by.login.trim().toLowerCase() : "";
  const row = await (
    "login" in by ? query.where(key.includes("@") ? "email" : "handle", "=", key) : query.where("id", "=", by.id)
  ).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    handle: row.handle,
    email: row.email,
    displayName: row.display_name,
    emailVerifiedAt: row.email_verified_at,
  };
}
