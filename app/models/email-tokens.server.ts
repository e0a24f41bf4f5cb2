import { createHash, randomBytes } from "node:crypto";
import { getDb, type Executor } from "~db/client.server";
import type { EmailTokenPurpose } from "~db/schema";

// Links sent by email: 256 random bits each (base64url, 43 characters), stored only as their SHA-256, valid
// once and for a limited time. A leaked database holds no usable link.

const HOUR = 60 * 60 * 1000;

export const EMAIL_TOKEN_LIFETIME_MS: Record<EmailTokenPurpose, number> = {
  verify: 24 * HOUR,
  reset: HOUR,
  "email-change": 24 * HOUR,
};

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashEmailToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Makes a link token for a member; returns the token itself, which only the email will ever hold. */
export async function issueEmailToken(
  input: { memberId: number; purpose: EmailTokenPurpose; newEmail?: string | null; now?: number },
  db: Executor = getDb(),
): Promise<string> {
  const now = input.now ?? Date.now();
  const token = randomBytes(32).toString("base64url");
  await db
    .insertInto("email_tokens")
    .values({
      member_id: input.memberId,
      purpose: input.purpose,
      token_hash: hashEmailToken(token),
      new_email: input.newEmail ?? null,
      created_at: now,
      expires_at: now + EMAIL_TOKEN_LIFETIME_MS[input.purpose],
      used_at: null,
    })
    .execute();
  return token;
}

export interface EmailTokenRow {
  id: number;
  memberId: number;
  purpose: EmailTokenPurpose;
  newEmail: string | null;
  expiresAt: number;
}

/** Why a link does not work: never made (or altered), already used (or replaced), or past its time. */
export type EmailTokenProblem = "unknown" | "used" | "expired";

export type EmailTokenCheck = { ok: true; token: EmailTokenRow } | { ok: false; problem: EmailTokenProblem };

/** Whether a link's token works now, for one of these purposes, without using it up. */
export async function checkEmailToken(
  token: string,
  purposes: EmailTokenPurpose[],
  now = Date.now(),
  db: Executor = getDb(),
): Promise<EmailTokenCheck> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, problem: "unknown" };
  const row = await db
    .selectFrom("email_tokens")
    .select(["id", "member_id", "purpose", "new_email", "expires_at", "used_at"])
    .where("token_hash", "=", hashEmailToken(token))
    .where("purpose", "in", purposes)
    .executeTakeFirst();
  if (!row) return { ok: false, problem: "unknown" };
  if (row.used_at !== null) return { ok: false, problem: "used" };
  if (row.expires_at <= now) return { ok: false, problem: "expired" };
  return {
    ok: true,
    token: {
      id: row.id,
      memberId: row.member_id,
      purpose: row.purpose,
      newEmail: row.new_email,
      expiresAt: row.expires_at,
    },
  };
}

/**
 * Uses a token up, inside the transaction that does what it allows. False when it was used (or expired)
 * meanwhile: of two requests with the same link, only one gets through.
 */
export async function useEmailToken(trx: Executor, tokenId: number, now = Date.now()): Promise<boolean> {
  const result = await trx
    .updateTable("email_tokens")
    .set({ used_at: now })
    .where("id", "=", tokenId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Retires a member's unused links of these purposes (a newer one replaces them, or they became moot). */
export async function retireEmailTokens(
  trx: Executor,
  memberId: number,
  purposes: EmailTokenPurpose[],
  now = Date.now(),
): Promise<void> {
  await trx
    .updateTable("email_tokens")
    .set({ used_at: now })
    .where("member_id", "=", memberId)
    .where("purpose", "in", purposes)
    .where("used_at", "is", null)
    .execute();
}
