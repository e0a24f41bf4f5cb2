import type { JoinForm } from "~/lib/validation";
import { getLoginCredentials, registerMember } from "~/models/members.server";
import {
  hashPassword,
  isCommonPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyAgainstDecoy,
  verifyPassword,
} from "./password.server";

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

export async function joinMember(form: JoinForm): Promise<JoinResult> {
  const problem = passwordProblem(form.password, form);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(form.password);
  return registerMember({ handle: form.handle, email: form.email, displayName: form.displayName, passwordHash });
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
