import { isIPv6 } from "node:net";
import { RateLimiterRes } from "rate-limiter-flexible";
import { tr } from "~/lib/translate";
import { sharedCounter, type SharedCounter } from "~db/client.server";

// Brute-force brakes on every check of a password (log-in, and the current password in settings), and on new
// accounts. The scheme, and why it never locks an owner out, is docs/decisions/0011-login-throttling.md:
// - per account and address: 5 attempts in 15 minutes, then that address waits for that account;
// - per address: 20 attempts in 15 minutes on any accounts, then that address waits;
// - per account, from everywhere: past 5 attempts in 15 minutes each attempt is answered later, by a delay
//   that doubles with each attempt up to LOGIN_SLOWDOWN_MAX_SECONDS (10 s). It is never a refusal.
// An attempt is counted when it starts (so a burst of parallel guesses can't all pass one check), and given
// back when the password was right. Join: 5 new accounts per hour per address. Data exports ("Download your
// data", a whole account read from the database): EXPORTS_PER_HOUR per member.
//
// The counters live where every app process sees them (db/: PostgreSQL's rate_limits table; on SQLite, the
// one server process's memory), so a brake tripped through one instance holds on all.

const MINUTE = 60;
const WINDOW = 15 * MINUTE;
export const PAIR_ATTEMPTS = 5;
export const ADDRESS_ATTEMPTS = 20;
export const ACCOUNT_FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 250;
const slowdownMaxMs = () => 1000 * (Number(process.env.LOGIN_SLOWDOWN_MAX_SECONDS) || 10);

function counter(keyPrefix: string, points: number, duration: number): SharedCounter {
  return sharedCounter({ keyPrefix, points, duration });
}

const pairs = counter("password-pair", PAIR_ATTEMPTS, WINDOW);
const addresses = counter("password-address", ADDRESS_ATTEMPTS, WINDOW);
// Counts only (never refuses): its limit is far above any count that matters to the delay.
const accounts = counter("password-account", 1_000_000, WINDOW);
const joins = counter("join", 5, 60 * MINUTE);
export const EXPORTS_PER_HOUR = 3;
const exportsByMember = counter("data-export", EXPORTS_PER_HOUR, 60 * MINUTE);

/**
 * The part of a client address that one client controls: an IPv4 address, or an IPv6 /64 (a single host is
 * usually given a whole /64, so counting its addresses one by one would count nothing).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

async function take(limiter: SharedCounter, key: string): Promise<RateLimiterRes | { refused: RateLimiterRes }> {
  try {
    return await limiter.consume(key);
  } catch (res) {
    if (res instanceof RateLimiterRes) return { refused: res };
    throw res;
  }
}

export type PasswordAttempt =
  | { allowed: false; retryAfterSeconds: number; reason: "account-and-address" | "address" }
  | {
      allowed: true;
      /** How long to hold the answer before checking the password (the account's slowdown). */
      delayMs: number;
      /** The password was right: the attempt is not held against the account or the address. */
      succeeded(): Promise<void>;
    };

/** The account's slowdown after `attempts` recent attempts from anywhere (0 for the first few). */
export function accountDelayMs(attempts: number): number {
  if (attempts <= ACCOUNT_FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(attempts - ACCOUNT_FREE_ATTEMPTS - 1, 20), slowdownMaxMs());
}

/**
 * Starts a check of a password for `account` (an opaque key: one per member, or per unknown login) from `ip`.
 * Refused while the address has used up its attempts on this account or on all accounts; otherwise counted,
 * with the delay the account's recent attempts call for.
 */
export async function startPasswordAttempt(account: string, ip: string): Promise<PasswordAttempt> {
  const address = addressKey(ip);
  const pairKey = `${account}|${address}`;
  const pair = await take(pairs, pairKey);
  if ("refused" in pair) {
    return { allowed: false, reason: "account-and-address", retryAfterSeconds: secondsOf(pair.refused) };
  }
  const byAddress = await take(addresses, address);
  if ("refused" in byAddress) {
    await pairs.reward(pairKey, 1);
    return { allowed: false, reason: "address", retryAfterSeconds: secondsOf(byAddress.refused) };
  }
  const byAccount = await take(accounts, account);
  const attempts = "refused" in byAccount ? byAccount.refused.consumedPoints : byAccount.consumedPoints;
  return {
    allowed: true,
    delayMs: accountDelayMs(attempts),
    async succeeded() {
      // The pair starts afresh (the owner at their usual address); the address and the account only get this
      // attempt back, so that logging in to an account of one's own never wipes a record of guessing.
      await pairs.delete(pairKey);
      await addresses.reward(address, 1);
      await accounts.reward(account, 1);
    },
  };
}

const secondsOf = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Seconds until another account may be made from this address; 0 when it may now (and counts it). */
export async function takeJoinAttempt(ip: string): Promise<number> {
  const taken = await take(joins, addressKey(ip));
  return "refused" in taken ? secondsOf(taken.refused) : 0;
}

/** Seconds until this member may export their data again; 0 when they may now (and counts it). */
export async function takeExportAttempt(memberId: number): Promise<number> {
  const taken = await take(exportsByMember, String(memberId));
  return "refused" in taken ? secondsOf(taken.refused) : 0;
}

export function describeWait(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1
    ? tr("account:wait.aMinute")
    : minutes < 60
      ? tr("account:wait.minutes", { count: minutes })
      : tr("account:wait.hours", { count: Math.ceil(minutes / 60) });
}
