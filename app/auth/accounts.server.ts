import type { JoinForm } from "~/lib/validation";
import { getLoginCredentials, registerMember, updatePasswordHash } from "~/models/members.server";
import { hashSessionId } from "./session-adapter.server";
import {
  hashPassword,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyAgainstDecoy,
  verifyPassword,
} from "./password.server";
import {
  describeWait,
  loginRetryAfter,
  recordLoginFailure,
  recordLoginSuccess,
  takeJoinAttempt,
} from "./throttle.server";

export const WRONG_CREDENTIALS = "That handle or email and password don't match an account.";

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { handle?: string; email?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (isCommonPassword(password)) return "That password is on a list of commonly used passwords. Choose another.";
  const lower = password.toLowerCase();
  if ((context.handle && lower === context.handle) || (context.email && lower === context.email)) {
    return "Your password can't be your handle or email.";
  }
  return null;
}

export type JoinResult = { ok: true; memberId: number } | { ok: false; field: string; message: string };

export async function joinMember(form: JoinForm, ip: string): Promise<JoinResult> {
  const wait = await takeJoinAttempt(ip);
  if (wait)
    return {
      ok: false,
      field: "form",
      message: `Too many new accounts from your network. Please try again in ${describeWait(wait)}.`,
    };
  const problem = passwordProblem(form.password, form);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(form.password);
  return registerMember({ handle: form.handle, email: form.email, displayName: form.displayName, passwordHash });
}

export type LoginResult = { ok: true; memberId: number } | { ok: false; throttled: boolean; message: string };

/** A log-in attempt, with the brute-force brake: while an account or address is locked, nothing is checked. */
export async function logIn(login: string, password: string, ip: string): Promise<LoginResult> {
  const wait = loginRetryAfter(login, ip);
  if (wait)
    return {
      ok: false,
      throttled: true,
      message: `Too many attempts. For your account's safety, try again in ${describeWait(wait)}.`,
    };
  const memberId = await authenticate(login, password);
  if (memberId === null) {
    await recordLoginFailure(login, ip);
    return { ok: false, throttled: false, message: WRONG_CREDENTIALS };
  }
  await recordLoginSuccess(login, ip);
  return { ok: true, memberId };
}

/**
 * Checks a login. An unknown account and a wrong password give the same answer, and both cost one
 * argon2 verification, so neither the words nor the time tell whether an account exists.
 */
export async function authenticate(login: string, password: string): Promise<number | null> {
  const credentials = await getLoginCredentials(login);
  if (!credentials) {
    await verifyAgainstDecoy(password);
    return null;
  }
  return (await verifyPassword(credentials.passwordHash, password)) ? credentials.id : null;
}

export type PasswordChangeResult =
  { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string };

/** Changes a password after checking the current one; every other session of the member ends. */
export async function changePassword(input: {
  memberId: number;
  handle: string;
  currentPassword: string;
  newPassword: string;
  keepSessionId: string | null;
}): Promise<PasswordChangeResult> {
  const credentials = await getLoginCredentials(input.handle);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", message: "That is not your current password." };
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
