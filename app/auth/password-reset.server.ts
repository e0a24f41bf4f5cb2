import type { AfterResponse } from "~/lib/after-response.server";
import { passwordResetEmail } from "~/lib/account-email.server";
import { sendMail } from "~/lib/mailer.server";
import { checkEmailToken, issueEmailToken, type EmailTokenProblem } from "~/models/email-tokens.server";
import { findMemberContact } from "~/models/members.server";
import { applyPasswordReset } from "~/models/password-reset.server";
import { tr } from "~/lib/translate";
import { passwordProblem } from "./accounts.server";
import { inRequestLanguage } from "./email-address.server";
import { takeResetLink, takeResetRequest } from "./mail-throttle.server";
import { hashPassword } from "./password.server";
import { describeWait } from "./throttle.server";

// "Forgot your password?": a link by email, valid once for an hour, that sets a new password.

/** The one answer to every request, whether or not an account matches. */
export const RESET_REQUESTED = "account:auth.resetRequested";

export type ResetRequestResult = { ok: true } | { ok: false; message: string };

/**
 * Asks for a reset link. Before the answer it does only what costs the same for every login (the brake per
 * address); looking the account up and sending happen after the response (sendResetLink), so neither the
 * words nor the time of the answer tell whether an account exists.
 */
export async function requestPasswordReset(input: {
  login: string;
  ip: string;
  origin: string;
  afterResponse: AfterResponse;
}): Promise<ResetRequestResult> {
  const wait = await takeResetRequest(input.ip);
  if (wait)
    return {
      ok: false,
      message: tr("account:auth.resetWait", { wait: describeWait(wait) }),
    };
  // The email is in the language of the page the person asked from (inRequestLanguage).
  input.afterResponse(
    "password-reset",
    inRequestLanguage(() => sendResetLink(input.login, input.origin)),
  );
  return { ok: true };
}

/** Sends a reset link to the account a handle or email names, if any, within the brake per account. */
export async function sendResetLink(login: string, origin: string): Promise<void> {
  const member = await findMemberContact({ login });
  if (!member || (await takeResetLink(member.id))) return;
  const token = await issueEmailToken({ memberId: member.id, purpose: "reset" });
  await sendMail(
    passwordResetEmail({
      memberId: member.id,
      to: member.email,
      name: member.displayName,
      handle: member.handle,
      origin,
      link: `${origin}/reset-password/${token}`,
    }),
  );
}

export type ResetLinkState = { ok: true; handle: string } | { ok: false; problem: EmailTokenProblem };

/** Whether a reset link works, and for whom (opening it changes nothing). */
export async function checkResetLink(token: string): Promise<ResetLinkState> {
  const check = await checkEmailToken(token, ["reset"]);
  if (!check.ok) return check;
  const member = await findMemberContact({ id: check.token.memberId });
  return member ? { ok: true, handle: member.handle } : { ok: false, problem: "unknown" };
}

export type ResetResult =
  | { ok: true; memberId: number }
  | { ok: false; problem: EmailTokenProblem }
  | { ok: false; field: "newPassword"; message: string };

/** Sets a new password through a reset link; every session of the member ends (the caller starts a new one). */
export async function resetPassword(token: string, newPassword: string): Promise<ResetResult> {
  const check = await checkEmailToken(token, ["reset"]);
  if (!check.ok) return check;
  const member = await findMemberContact({ id: check.token.memberId });
  if (!member) return { ok: false, problem: "unknown" };
  const problem = passwordProblem(newPassword, { handle: member.handle, email: member.email });
  if (problem) return { ok: false, field: "newPassword", message: problem };
  const applied = await applyPasswordReset({
    tokenId: check.token.id,
    memberId: member.id,
    passwordHash: await hashPassword(newPassword),
  });
  // Another request used the link while this one hashed the password.
  return applied ? { ok: true, memberId: member.id } : { ok: false, problem: "used" };
}
