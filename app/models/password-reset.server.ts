import { getDb } from "~db/client.server";
import { retireEmailTokens, useEmailToken } from "./email-tokens.server";

/**
 * A password reset through an emailed link, in one transaction: the link is used up (false, and nothing
 * changes, when another request used it first or it expired), the new hash stored, every session of the
 * member ended and their other reset links retired. Following a link sent to the address also proves it is
 * theirs, so an unverified address becomes verified.
 */
export async function applyPasswordReset(input: {
  tokenId: number;
  memberId: number;
  passwordHash: string;
  now?: number;
}): Promise<boolean> {
  const now = input.now ?? Date.now();
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!(await useEmailToken(trx, input.tokenId, now))) return false;
      const member = await trx
        .selectFrom("members")
        .select("email_verified_at")
        .where("id", "=", input.memberId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable("members")
        .set({
          password_hash: input.passwordHash,
          password_changed_at: now,
          updated_at: now,
          email_verified_at: member.email_verified_at ?? now,
        })
        .where("id", "=", input.memberId)
        .execute();
      await trx.deleteFrom("sessions").where("member_id", "=", input.memberId).execute();
      await retireEmailTokens(trx, input.memberId, ["reset"], now);
      return true;
    });
}
