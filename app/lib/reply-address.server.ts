import { timingSafeEqual } from "node:crypto";
import { signToken } from "./signed-token.server";

// The address an email can be answered at (issue 20, docs/decisions/0040): `reply+<token>@REPLY_DOMAIN`, the
// token naming one member and one post, signed and expiring. The token, never the From header, says who
// speaks. Lower case only (hex and base 36), because some mail servers fold the local part's case.

export const REPLY_ADDRESS_PURPOSE = "reply-by-email";
/** A round's prompt answered by email (docs/decisions/0040, "Rounds by email"): its own purpose and box, so a
 * reply token can never answer a round, nor a round token reply to a post. */
export const ROUND_ADDRESS_PURPOSE = "round-answer-by-email";
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** 12 bytes of the HMAC: 96 bits is far beyond guessing within a token's life, and keeps the address short. */
const SIGNATURE_BYTES = 12;

/** REPLY_DOMAIN: the domain whose mail reaches `npm run mail:receive` or the webhook; unset: no reply by email. */
export function replyDomain(env: NodeJS.ProcessEnv = process.env): string | null {
  const domain = env.REPLY_DOMAIN?.trim().toLowerCase();
  return domain ? domain : null;
}

/** REPLY_TOKEN_DAYS (default 60): how long an email can be answered. */
export function replyTokenDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.REPLY_TOKEN_DAYS);
  return env.REPLY_TOKEN_DAYS && Number.isFinite(days) && days > 0 ? days : 60;
}

async function signature(memberId: number, postId: number, expiresDay: number, purpose = REPLY_ADDRESS_PURPOSE) {
  const full = await signToken(purpose, `${memberId}:${postId}:${expiresDay}`);
  return Buffer.from(full, "base64url").subarray(0, SIGNATURE_BYTES).toString("hex");
}

/** The Reply-To address for an email to `memberId` about `postId`; null without REPLY_DOMAIN. */
export async function replyAddressFor(memberId: number, postId: number, now = Date.now()): Promise<string | null> {
  const domain = replyDomain();
  if (!domain) return null;
  const expiresDay = Math.floor(now / DAY_MS) + replyTokenDays();
  const parts = [memberId, postId, expiresDay].map((n) => n.toString(36));
  return `reply+${parts.join("-")}-${await signature(memberId, postId, expiresDay)}@${domain}`;
}

/**
 * The address that answers one prompt of a round as one member: `round+<member>-<prompt thread>-<expiry
 * minute>-<signature>@REPLY_DOMAIN`, expiring when the round closes (`closesAt`); null without REPLY_DOMAIN.
 */
export async function roundAddressFor(memberId: number, threadId: number, closesAt: number): Promise<string | null> {
  const domain = replyDomain();
  if (!domain) return null;
  const expiresMinute = Math.ceil(closesAt / MINUTE_MS);
  const parts = [memberId, threadId, expiresMinute].map((n) => n.toString(36));
  const signed = await signature(memberId, threadId, expiresMinute, ROUND_ADDRESS_PURPOSE);
  return `round+${parts.join("-")}-${signed}@${domain}`;
}

export type ReplyAddress =
  | { kind: "reply"; memberId: number; postId: number; expired: boolean }
  | { kind: "round"; memberId: number; threadId: number; expired: boolean }
  | { kind: "topic"; slug: string };

/**
 * What one of our addresses names: a member's reply to a post (signature checked; `expired` said apart so the
 * member can be told), or a topic's address. Null for any other address, a forged or damaged token included.
 */
export async function readReplyAddress(address: string, now = Date.now()): Promise<ReplyAddress | null> {
  const domain = replyDomain();
  const match = /^([a-z]+)\+([^@]+)@(.+)$/.exec(address.trim().toLowerCase());
  if (!domain || !match || match[3] !== domain) return null;
  const [, box, token] = match;
  if (box === "topic") return /^[a-z0-9-]{1,80}$/.test(token!) ? { kind: "topic", slug: token! } : null;
  if (box !== "reply" && box !== "round") return null;
  const fields = /^([0-9a-z]{1,10})-([0-9a-z]{1,10})-([0-9a-z]{1,8})-([0-9a-f]+)$/.exec(token!);
  if (!fields) return null;
  const [memberId, id, expires] = fields.slice(1, 4).map((f) => parseInt(f, 36)) as [number, number, number];
  const purpose = box === "round" ? ROUND_ADDRESS_PURPOSE : REPLY_ADDRESS_PURPOSE;
  const expected = Buffer.from(await signature(memberId, id, expires, purpose));
  const given = Buffer.from(fields[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (box === "round") return { kind: "round", memberId, threadId: id, expired: expires * MINUTE_MS <= now };
  return { kind: "reply", memberId, postId: id, expired: expires * DAY_MS < now };
}

/** A topic's address for new threads by email; null without REPLY_DOMAIN. */
export function topicAddressFor(slug: string): string | null {
  const domain = replyDomain();
  return domain ? `topic+${slug}@${domain}` : null;
}
