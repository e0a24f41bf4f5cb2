import { setTimeout as sleep } from "node:timers/promises";
import type { JoinForm } from "~/lib/validation";
import { approvalStateForNewMember } from "~/models/member-approval.server";
import { deleteAccount, type PostsChoice } from "~/models/account-deletion.server";
import { getLoginCredentials, registerMember, updatePasswordHash } from "~/models/members.server";
import { tr } from "~/lib/translate";
import {
  inRequestLanguage,
  NOT_CURRENT_PASSWORD,
  sendVerificationLink,
  type MailContext,
} from "./email-address.server";
import { hashSessionId } from "./session-adapter.server";
import {
  hashPassword,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyAgainstDecoy,
  verifyPassword,
} from "./password.server";
import { describeWait, type PasswordAttempt, startPasswordAttempt, takeJoinAttempt } from "./throttle.server";

export const WRONG_CREDENTIALS = "account:auth.wrongCredentials";

/** Why a password is refused (in the request's language), or null when it is acceptable. */
export function passwordProblem(password: string, context: { handle?: string; email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return tr("account:auth.passwordTooShort", { count: PASSWORD_MIN_LENGTH });
  if (password.length > PASSWORD_MAX_LENGTH) return tr("account:auth.passwordTooLong", { count: PASSWORD_MAX_LENGTH });
  if (isCommonPassword(password)) return tr("account:auth.passwordCommon");
  const lower = password.toLowerCase();
  if ((context.handle && lower === context.handle) || (context.email && lower === context.email)) {
    return tr("account:auth.passwordIsHandle");
  }
  return null;
}

export type JoinResult = { ok: true; memberId: number } | { ok: false; field: string; message: string };

/**
 * A new member, who must verify their address (a link goes to it after the response) before publishing. The
 * link carries `next` (a same-site path, made safe by the caller) so the member can go on where they were.
 */
export async function joinMember(
  form: JoinForm,
  ip: string,
  mail: MailContext & { next?: string },
): Promise<JoinResult> {
  const wait = await takeJoinAttempt(ip);
  if (wait)
    return {
      ok: false,
      field: "form",
      message: tr("account:auth.joinWait", { wait: describeWait(wait) }),
    };
  const problem = passwordProblem(form.password, form);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(form.password);
  const result = await registerMember({
    handle: form.handle,
    email: form.email,
    displayName: form.displayName,
    passwordHash,
    emailVerifiedAt: null,
    approvalState: approvalStateForNewMember(),
    // joinSchema refuses a form without the rules ticked, so reaching here means they were accepted now.
    rulesAcceptedAt: Date.now(),
  });
  if (result.ok)
    mail.afterResponse(
      "verification",
      inRequestLanguage(() => sendVerificationLink(result.memberId, mail.origin, mail.next)),
    );
  return result;
}

export type LoginResult = { ok: true; memberId: number } | { ok: false; throttled: boolean; message: string };

/** Why a throttled check of a password was refused, for the person refused. */
function throttledMessage(attempt: Extract<PasswordAttempt, { allowed: false }>): string {
  const wait = describeWait(attempt.retryAfterSeconds);
  return attempt.reason === "address"
    ? tr("account:auth.loginWaitAddress", { wait })
    : tr("account:auth.loginWaitAccount", { wait });
}

/**
 * A check of a password with the brute-force brakes (auth/throttle.server.ts): refused outright while this
 * address has used up its attempts, held up by the account's slowdown otherwise. Keyed by the member, so a
 * handle and an email share their attempts. An unknown account and a wrong password give the same answer, and
 * both cost one argon2 verification, so neither the words nor the time tell whether an account exists.
 */
async function checkPasswordThrottled(
  login: string,
  password: string,
  ip: string,
): Promise<{ ok: true; memberId: number } | { ok: false; throttled: string | null }> {
  const credentials = await getLoginCredentials(login);
  const account = credentials ? `member:${credentials.id}` : `login:${login.trim().toLowerCase()}`;
  const attempt = await startPasswordAttempt(account, ip);
  if (!attempt.allowed) return { ok: false, throttled: throttledMessage(attempt) };
  if (attempt.delayMs) await sleep(attempt.delayMs);
  if (!credentials) {
    await verifyAgainstDecoy(password);
    return { ok: false, throttled: null };
  }
  if (!(await verifyPassword(credentials.passwordHash, password))) return { ok: false, throttled: null };
  await attempt.succeeded();
  return { ok: true, memberId: credentials.id };
}

/** A log-in attempt, with the brute-force brakes: while they hold an address back, nothing is checked. */
export async function logIn(login: string, password: string, ip: string): Promise<LoginResult> {
  const result = await checkPasswordThrottled(login, password, ip);
  if (result.ok) return result;
  return result.throttled
    ? { ok: false, throttled: true, message: result.throttled }
    : { ok: false, throttled: false, message: tr(WRONG_CREDENTIALS) };
}

export type PasswordChangeResult =
  { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string; throttled?: boolean };

/**
 * Changes a password after checking the current one (throttled like log-in: whoever holds a session must not
 * be able to guess the password behind it); every other session of the member ends.
 */
export async function changePassword(input: {
  memberId: number;
  handle: string;
  currentPassword: string;
  newPassword: string;
  keepSessionId: string | null;
  ip: string;
}): Promise<PasswordChangeResult> {
  const check = await checkPasswordThrottled(input.handle, input.currentPassword, input.ip);
  if (!check.ok && check.throttled)
    return { ok: false, field: "currentPassword", message: check.throttled, throttled: true };
  if (!check.ok || check.memberId !== input.memberId) {
    return { ok: false, field: "currentPassword", message: tr(NOT_CURRENT_PASSWORD) };
  }
  const problem = passwordProblem(input.newPassword, { handle: input.handle });
  if (problem) return { ok: false, field: "newPassword", message: problem };
  await updatePasswordHash(
    input.memberId,
    await hashPassword(input.newPassword),
    input.keepSessionId ? hashSessionId(input.keepSessionId) : null,
  );
  return { ok: true };
}

export type AccountDeletionOutcome =
  { ok: true } | { ok: false; field: "currentPassword" | "form"; message: string; throttled?: boolean };

/**
 * Deletes the member's own account after checking their current password, throttled like log-in (whoever holds
 * a session must not be able to guess the password behind it, nor delete without it).
 */
export async function deleteOwnAccount(input: {
  memberId: number;
  handle: string;
  currentPassword: string;
  posts: PostsChoice;
  ip: string;
}): Promise<AccountDeletionOutcome> {
  const check = await checkPasswordThrottled(input.handle, input.currentPassword, input.ip);
  if (!check.ok && check.throttled)
    return { ok: false, field: "currentPassword", message: check.throttled, throttled: true };
  if (!check.ok || check.memberId !== input.memberId) {
    return { ok: false, field: "currentPassword", message: tr(NOT_CURRENT_PASSWORD) };
  }
  const result = await deleteAccount({ memberId: input.memberId, posts: input.posts });
  return result.ok ? { ok: true } : { ok: false, field: "form", message: result.message };
}
