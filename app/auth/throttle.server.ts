import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

// Brute-force brakes (rate-limiter-flexible, in memory: one server process holds them all).
// Log-in: 10 failed attempts per 15 minutes per account and per IP address; each further lock-out within a
// day lasts twice as long as the one before (15 min, 30 min, 1 h...). While locked, even the right password
// is refused. Join: 5 new accounts per hour per IP address.

const MINUTE = 60;
const FAILURES_ALLOWED = 10;
const WINDOW = 15 * MINUTE;

const failures = new RateLimiterMemory({ keyPrefix: "login-fail", points: FAILURES_ALLOWED, duration: WINDOW });
// How many times a key was locked out in the last day: it sets the length of the next lock-out.
const lockouts = new RateLimiterMemory({ keyPrefix: "login-lockouts", points: 1_000, duration: 24 * 60 * MINUTE });
const locked = new Map<string, number>();
const joins = new RateLimiterMemory({ keyPrefix: "join", points: 5, duration: 60 * MINUTE });

function keysFor(login: string, ip: string): string[] {
  return [`account:${login.trim().toLowerCase()}`, `ip:${ip}`];
}

/** Seconds until log-in is allowed again for this account or address; 0 when it is allowed now. */
export function loginRetryAfter(login: string, ip: string, now = Date.now()): number {
  let until = 0;
  for (const key of keysFor(login, ip)) {
    const lockedUntil = locked.get(key) ?? 0;
    if (lockedUntil > now) until = Math.max(until, lockedUntil);
    else if (lockedUntil) locked.delete(key);
  }
  return until ? Math.ceil((until - now) / 1000) : 0;
}

export async function recordLoginFailure(login: string, ip: string, now = Date.now()): Promise<void> {
  for (const key of keysFor(login, ip)) {
    const result = await failures.consume(key).catch((res: unknown) => {
      if (res instanceof RateLimiterRes) return res;
      throw res;
    });
    if (result.remainingPoints > 0) continue;
    // The tenth failure in the window locks the key; each lock-out in a day doubles the next one.
    const previous = await lockouts.get(key);
    await lockouts.consume(key);
    locked.set(key, now + WINDOW * 2 ** Math.min(previous?.consumedPoints ?? 0, 6) * 1000);
    await failures.delete(key);
  }
}

export async function recordLoginSuccess(login: string, ip: string): Promise<void> {
  for (const key of keysFor(login, ip)) await failures.delete(key);
}

/** Seconds until another account may be made from this address; 0 when it may now (and counts it). */
export async function takeJoinAttempt(ip: string): Promise<number> {
  try {
    await joins.consume(ip);
    return 0;
  } catch (res) {
    if (res instanceof RateLimiterRes) return Math.ceil(res.msBeforeNext / 1000);
    throw res;
  }
}

export function describeWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "a minute" : minutes < 60 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}
