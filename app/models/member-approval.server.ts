import { getDb } from "~db/client.server";
import type { ApprovalState } from "~db/schema";
import { logAction } from "./audit-log.server";

// MEMBER_APPROVAL=1 (some practitioner networks are invitation-only): a new member waits, after verifying
// their address, for a moderator to approve them before they may publish. Turning the setting off later
// approves nobody: those waiting stay in the queue until a moderator decides.

export function isMemberApprovalOn(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MEMBER_APPROVAL === "1";
}

/** How a member who joins now starts. */
export function approvalStateForNewMember(): ApprovalState {
  return isMemberApprovalOn() ? "waiting" : "approved";
}

export interface WaitingMember {
  id: number;
  handle: string;
  displayName: string;
  email: string;
  organization: string;
  location: string;
  joinedAt: number;
}

/** The queue: members waiting whose address is verified, oldest first. */
export async function listWaitingMembers(limit = 100): Promise<WaitingMember[]> {
  const rows = await getDb()
    .selectFrom("members")
    .select(["id", "handle", "display_name", "email", "organization", "location", "created_at"])
    .where("approval_state", "=", "waiting")
    .where("email_verified_at", "is not", null)
    .orderBy("created_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    handle: r.handle,
    displayName: r.display_name,
    email: r.email,
    organization: r.organization,
    location: r.location,
    joinedAt: r.created_at,
  }));
}

export async function countWaitingMembers(): Promise<number> {
  const row = await getDb()
    .selectFrom("members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("approval_state", "=", "waiting")
    .where("email_verified_at", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type ApprovalDecision = "approve" | "decline";

/**
 * A moderator approves or declines a waiting member, with its audit row, in one transaction. Null when the
 * member is not waiting (another moderator decided first, or there is no such member in the queue).
 */
export async function decideApproval(input: {
  actorId: number;
  memberId: number;
  decision: ApprovalDecision;
  reason?: string;
  now?: number;
}): Promise<{ handle: string; email: string; displayName: string } | null> {
  const now = input.now ?? Date.now();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      const member = await trx
        .updateTable("members")
        .set({ approval_state: input.decision === "approve" ? "approved" : "declined", approval_decided_at: now })
        .where("id", "=", input.memberId)
        .where("approval_state", "=", "waiting")
        .where("email_verified_at", "is not", null)
        .returning(["handle", "email", "display_name"])
        .executeTakeFirst();
      if (!member) return null;
      await logAction(trx, {
        actorId: input.actorId,
        action: input.decision === "approve" ? "member.approve" : "member.decline",
        targetType: "member",
        targetId: input.memberId,
        subjectMemberId: input.memberId,
        reason: input.reason ?? "",
        before: { approval: "waiting" },
        after: { approval: input.decision === "approve" ? "approved" : "declined" },
        now,
      });
      return { handle: member.handle, email: member.email, displayName: member.display_name };
    });
}
