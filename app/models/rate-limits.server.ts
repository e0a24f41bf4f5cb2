import type { Executor } from "~db/client.server";
import type { Role } from "~db/schema";

// New members post slowly at first: it stops a spam account long before a moderator could.

const HOUR = 60 * 60 * 1000;

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function newMemberLimits() {
  return {
    newForMs: envNumber("NEW_MEMBER_HOURS", 24) * HOUR,
    threadsPerHour: envNumber("NEW_MEMBER_THREADS_PER_HOUR", 3),
    repliesPerHour: envNumber("NEW_MEMBER_REPLIES_PER_HOUR", 20),
  };
}

/**
 * Why a member may not post another thread or reply right now, or null when they may. Asked inside the
 * transaction that would write the post (see publishing.server), so two requests at once can't both pass.
 */
export async function postingLimitMessage(
  db: Executor,
  memberId: number,
  what: "thread" | "reply",
  now = Date.now(),
  /** The member's row when the caller has read it already (in the same transaction). */
  known?: { created_at: number; role: Role },
): Promise<string | null> {
  const limits = newMemberLimits();
  const member =
    known ??
    (await db.selectFrom("members").select(["created_at", "role"]).where("id", "=", memberId).executeTakeFirst());
  if (!member || member.role !== "member" || member.created_at + limits.newForMs <= now) return null;
  const since = now - HOUR;
  const max = what === "thread" ? limits.threadsPerHour : limits.repliesPerHour;
  const row = await db
    .selectFrom("posts")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("author_id", "=", memberId)
    .where("created_at", ">", since)
    .where("depth", what === "thread" ? "=" : ">", 0)
    .executeTakeFirstOrThrow();
  if (Number(row.n) < max) return null;
  const noun = what === "thread" ? "new threads" : "replies";
  return `New members can post ${max} ${noun} an hour during their first day. Your text is kept here: please try again a little later.`;
}
