import { RateLimiterRes } from "rate-limiter-flexible";
import { sharedCounter, type SharedCounter } from "~db/client.server";

// Brakes on requests that send email (rate-limiter-flexible, in memory, like the log-in brakes in
// throttle.server.ts, which they do not share: a log-in lock-out never blocks a password reset).
// Password reset: 5 requests per 15 minutes per IP address, and 3 links per hour per account. The account
// brake is silent (the answer must not tell whether an account exists): past it, no more links go out.
// Verification links sent again: 3 per hour per member. Email changes: 5 per hour per member.

const MINUTE = 60;

export const RESET_REQUESTS_PER_ADDRESS = 5;
export const RESET_LINKS_PER_ACCOUNT = 3;
export const VERIFICATION_RESENDS = 3;
export const EMAIL_CHANGES = 5;

const resetByAddress = sharedCounter({
  keyPrefix: "reset-ip",
  points: RESET_REQUESTS_PER_ADDRESS,
  duration: 15 * MINUTE,
});
const resetByAccount = sharedCounter({
  keyPrefix: "reset-account",
  points: RESET_LINKS_PER_ACCOUNT,
  duration: 60 * MINUTE,
});
const verificationResends = sharedCounter({
  keyPrefix: "verify-resend",
  points: VERIFICATION_RESENDS,
  duration: 60 * MINUTE,
});
const emailChanges = sharedCounter({ keyPrefix: "email-change", points: EMAIL_CHANGES, duration: 60 * MINUTE });

/** Seconds until the key may try again; 0 when it may now (and the try is counted). */
async function take(limiter: SharedCounter, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    throw res;
  }
}

export function takeResetRequest(ip: string): Promise<number> {
  return take(resetByAddress, ip);
}

export function takeResetLink(memberId: number): Promise<number> {
  return take(resetByAccount, String(memberId));
}

export function takeVerificationResend(memberId: number): Promise<number> {
  return take(verificationResends, String(memberId));
}

export function takeEmailChange(memberId: number): Promise<number> {
  return take(emailChanges, String(memberId));
}
