import { getDb, type Executor } from "~db/client.server";
import type { Selectable } from "kysely";
import type { ApprovalState, MembersTable, Role } from "~db/schema";
import { tr } from "~/lib/translate";

// Where a member's account stands: is their address verified, and (when the site asks moderators to approve
// new members) are they approved. Both decide whether they may publish (publishing.server) and what the
// banner on every page tells them.

export interface AccountStanding {
  role: Role;
  email: string;
  emailVerified: boolean;
  approval: ApprovalState;
}

/** The member columns a standing is made of: select these with whatever else a query reads of the member. */
export const STANDING_COLUMNS = ["role", "email", "email_verified_at", "approval_state"] as const;

type StandingRow = Pick<Selectable<MembersTable>, (typeof STANDING_COLUMNS)[number]>;

export function toAccountStanding(row: StandingRow): AccountStanding {
  return {
    role: row.role,
    email: row.email,
    emailVerified: row.email_verified_at !== null,
    approval: row.approval_state,
  };
}

export async function getAccountStanding(memberId: number, db: Executor = getDb()): Promise<AccountStanding | null> {
  const row = await db.selectFrom("members").select(STANDING_COLUMNS).where("id", "=", memberId).executeTakeFirst();
  return row ? toAccountStanding(row) : null;
}

export type StandingRefusalReason = "unverified" | "awaiting-approval" | "not-approved";

/**
 * Why this account may not publish at all yet, or null when it may. Moderators and admins are exempt, as they
 * are from the new-member limits: an admin chose them, and their prompts, rounds and syntheses must not fail.
 */
export function standingRefusal(standing: AccountStanding): { reason: StandingRefusalReason; message: string } | null {
  if (standing.role !== "member") return null;
  if (!standing.emailVerified)
    return {
      reason: "unverified",
      message: tr("moderation:standing.unverified", { email: standing.email }),
    };
  if (standing.approval === "waiting")
    return {
      reason: "awaiting-approval",
      message: tr("moderation:standing.awaitingApproval"),
    };
  if (standing.approval === "declined")
    return { reason: "not-approved", message: tr("moderation:standing.notApproved") };
  return null;
}
