import { getDb, type Executor } from "~db/client.server";
import type { Role } from "~db/schema";
import { renderMarkdownBounded } from "~/lib/markdown-bounded.server";
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
  handle: "That handle is taken. Try another.",
  email: "An account with that email already exists. Log in instead?",
} as const;

export async function registerMember(input: {
  handle: string;
  email: string;
  displayName: string;
  passwordHash: string;
  role?: Role;
  now?: number;
}): Promise<RegisterResult> {
  const db = getDb();
  const taken = await db
    .selectFrom("members")
    .select(["handle", "email"])
    .where((eb) => eb.or([eb("handle", "=", input.handle), eb("email", "=", input.email)]))
    .executeTakeFirst();
  if (taken) {
    const field = taken.handle === input.handle ? "handle" : "email";
    return { ok: false, field, message: TAKEN_MESSAGES[field] };
  }
  const now = input.now ?? Date.now();
  try {
    const row = await db
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
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true, memberId: row.id };
  } catch (error) {
    // A concurrent join can win the race between the check and the insert.
    const message = String((error as Error).message);
    if (message.includes("members.handle")) return { ok: false, field: "handle", message: TAKEN_MESSAGES.handle };
    if (message.includes("members.email")) return { ok: false, field: "email", message: TAKEN_MESSAGES.email };
    throw error;
  }
}

/** The credentials for a login by handle or email (both are stored lowercase). */
export function getLoginCredentials(login: string) {
  const key = login.trim().toLowerCase();
  return getDb()
    .selectFrom("members")
    .select(["id", "password_hash as passwordHash"])
    .where(key.includes("@") ? "email" : "handle", "=", key)
    .executeTakeFirst();
}

export async function getMemberProfile(handle: string, db: Executor = getDb()): Promise<MemberProfileView | null> {
  const member = await db
    .selectFrom("members")
    .select(["id", "handle", "display_name", "role", "organization", "location", "bio_html", "created_at"])
    .where("handle", "=", handle.toLowerCase())
    .executeTakeFirst();
  if (!member) return null;
  const fields = await db
    .selectFrom("member_fields")
    .innerJoin("tags", "tags.id", "member_fields.tag_id")
    .select(["tags.slug", "tags.name"])
    .where("member_fields.member_id", "=", member.id)
    .orderBy("tags.name")
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

/**
 * Updates the member's own profile; the caller has already checked who may do it. Counts against the member's
 * profile-save limit and renders the bio before the transaction opens: throws WriteThrottledError or
 * MarkdownRefusedError (see writeRefusal) with nothing written.
 */
export async function updateProfile(memberId: number, form: ProfileForm): Promise<void> {
  await takeWrite("profile", memberId);
  const bioHtml = (await renderMarkdownBounded(form.bioSource)).html;
  await getDb()
    .transaction()
    .execute(async (trx) => {
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
    });
  // A name shows on every page the member ever wrote on.
  invalidateAllPages();
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
