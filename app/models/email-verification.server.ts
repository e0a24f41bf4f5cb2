import { getDb } from "~db/client.server";
import type { ApprovalState } from "~db/schema";
import {
  checkEmailToken,
  issueEmailToken,
  retireEmailTokens,
  useEmailToken,
  type EmailTokenProblem,
} from "./email-tokens.server";
import { tr } from "~/lib/translate";

// A member's email address: verified by a link sent to it, and changed only when the new address is verified.

export interface EmailSettingsView {
  email: string;
  verified: boolean;
  /** A change waiting for its link to be followed. */
  pending: { email: string; expiresAt: number } | null;
}

export async function getEmailSettings(memberId: number, now = Date.now()): Promise<EmailSettingsView> {
  const db = getDb();
  const member = await db
    .selectFrom("members")
    .select(["email", "email_verified_at"])
    .where("id", "=", memberId)
    .executeTakeFirstOrThrow();
  const pending = await db
    .selectFrom("email_tokens")
    .select(["new_email", "expires_at"])
    .where("member_id", "=", memberId)
    .where("purpose", "=", "email-change")
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  return {
    email: member.email,
    verified: member.email_verified_at !== null,
    pending: pending?.new_email ? { email: pending.new_email, expiresAt: pending.expires_at } : null,
  };
}

/** A verification link for the member's current address; returns the token for the email. */
export function issueVerificationToken(memberId: number): Promise<string> {
  return issueEmailToken({ memberId, purpose: "verify" });
}

export type EmailChangeStart =
  { ok: true; token: string; oldEmail: string; oldEmailVerifiedAt: number | null } | { ok: false; message: string };

const TAKEN = "settings:email.taken";

/**
 * Starts a change of address: a link for the new address, replacing any change still waiting. The address
 * itself changes only when that link is followed (confirmEmail).
 */
export async function startEmailChange(input: { memberId: number; newEmail: string }): Promise<EmailChangeStart> {
  return getDb()
    .transaction()
    .execute(async (trx): Promise<EmailChangeStart> => {
      const member = await trx
        .selectFrom("members")
        .select(["email", "email_verified_at"])
        .where("id", "=", input.memberId)
        .executeTakeFirstOrThrow();
      if (member.email === input.newEmail) return { ok: false, message: tr("settings:email.alreadyYours") };
      const taken = await trx.selectFrom("members").select("id").where("email", "=", input.newEmail).executeTakeFirst();
      if (taken) return { ok: false, message: tr(TAKEN) };
      await retireEmailTokens(trx, input.memberId, ["email-change"]);
      const token = await issueEmailToken(
        { memberId: input.memberId, purpose: "email-change", newEmail: input.newEmail },
        trx,
      );
      return { ok: true, token, oldEmail: member.email, oldEmailVerifiedAt: member.email_verified_at };
    });
}

export async function cancelEmailChange(memberId: number): Promise<void> {
  await retireEmailTokens(getDb(), memberId, ["email-change"]);
}

export type EmailLinkTarget = { ok: true; email: string; change: boolean } | { ok: false; problem: EmailTokenProblem };

/** What a verification or change link would confirm (opening the link changes nothing). */
export async function describeEmailLink(token: string): Promise<EmailLinkTarget> {
  const check = await checkEmailToken(token, ["verify", "email-change"]);
  if (!check.ok) return check;
  if (check.token.newEmail) return { ok: true, email: check.token.newEmail, change: true };
  const member = await getDb()
    .selectFrom("members")
    .select("email")
    .where("id", "=", check.token.memberId)
    .executeTakeFirstOrThrow();
  return { ok: true, email: member.email, change: false };
}

export type EmailConfirmation =
  | { ok: true; memberId: number; email: string; approval: ApprovalState }
  | { ok: false; problem: EmailTokenProblem | "taken" };

/**
 * Follows a verification or change link, in one transaction: the link is used up, and the address it was
 * sent to becomes the member's verified address. Their other verification and change links retire.
 */
export async function confirmEmail(token: string, now = Date.now()): Promise<EmailConfirmation> {
  const check = await checkEmailToken(token, ["verify", "email-change"], now);
  if (!check.ok) return check;
  const { id, memberId, newEmail } = check.token;
  return getDb()
    .transaction()
    .execute(async (trx): Promise<EmailConfirmation> => {
      if (newEmail) {
        const taken = await trx
          .selectFrom("members")
          .select("id")
          .where("email", "=", newEmail)
          .where("id", "!=", memberId)
          .executeTakeFirst();
        if (taken) return { ok: false, problem: "taken" };
      }
      if (!(await useEmailToken(trx, id, now))) return { ok: false, problem: "used" };
      const member = await trx
        .updateTable("members")
        .set((eb) => ({
          email: newEmail ?? eb.ref("email"),
          email_verified_at: newEmail ? now : eb.fn.coalesce("email_verified_at", eb.val(now)),
          updated_at: now,
        }))
        .where("id", "=", memberId)
        .returning(["email", "approval_state"])
        .executeTakeFirstOrThrow();
      await retireEmailTokens(trx, memberId, ["verify", "email-change"], now);
      return { ok: true, memberId, email: member.email, approval: member.approval_state };
    });
}
