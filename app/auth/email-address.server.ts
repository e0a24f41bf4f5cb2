import type { AfterResponse } from "~/lib/after-response.server";
import { emailChangeEmail, emailChangeNotice, verificationEmail } from "~/lib/account-email.server";
import { sendMail } from "~/lib/mailer.server";
import { canReceiveEmail } from "~/lib/permissions";
import { issueVerificationToken, startEmailChange } from "~/models/email-verification.server";
import { findMemberContact, getLoginCredentials } from "~/models/members.server";
import { takeEmailChange, takeVerificationResend } from "./mail-throttle.server";
import { verifyPassword } from "./password.server";
import { describeWait } from "./throttle.server";

// A member's email address: the link that verifies it (at joining, and again on request) and a change of
// address (after the password; the old address is told, the new one confirms). Emails go after the response.

export interface MailContext {
  origin: string;
  afterResponse: AfterResponse;
}

/**
 * Sends a verification link to the member's current address, unless it is verified already. `next`: a path on
 * this site the member was on their way to when they joined (a reply form), offered once the address is confirmed.
 */
export async function sendVerificationLink(memberId: number, origin: string, next = ""): Promise<void> {
  const member = await findMemberContact({ id: memberId });
  if (!member || member.emailVerifiedAt !== null) return;
  const token = await issueVerificationToken(memberId);
  await sendMail(
    verificationEmail({
      memberId,
      to: member.email,
      name: member.displayName,
      handle: member.handle,
      origin,
      link: `${origin}/verify-email/${token}${next ? `?next=${encodeURIComponent(next)}` : ""}`,
    }),
  );
}

export type ResendResult = { ok: true; sentTo: string | null } | { ok: false; message: string };

/** "Send the link again", within its brake; `sentTo` is null when the address is verified already. */
export async function resendVerificationLink(memberId: number, mail: MailContext): Promise<ResendResult> {
  const member = await findMemberContact({ id: memberId });
  if (!member || member.emailVerifiedAt !== null) return { ok: true, sentTo: null };
  const wait = await takeVerificationResend(memberId);
  if (wait) return { ok: false, message: `We sent several links already. Ask again in ${describeWait(wait)}.` };
  mail.afterResponse("verification", () => sendVerificationLink(memberId, mail.origin));
  return { ok: true, sentTo: member.email };
}

export type EmailChangeResult =
  { ok: true; newEmail: string } | { ok: false; field: "currentPassword" | "newEmail" | "form"; message: string };

/**
 * Asks to change the address: the current password first (within a brake, which also slows guessing it),
 * then a link to the new address and, if the old one is verified, a notice to it. The address changes when
 * the link is followed.
 */
export async function requestEmailChange(
  input: { memberId: number; handle: string; newEmail: string; currentPassword: string },
  mail: MailContext,
): Promise<EmailChangeResult> {
  const wait = await takeEmailChange(input.memberId);
  if (wait) return { ok: false, field: "form", message: `Too many changes. Try again in ${describeWait(wait)}.` };
  const credentials = await getLoginCredentials(input.handle);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword)))
    return { ok: false, field: "currentPassword", message: "That is not your current password." };
  const started = await startEmailChange({ memberId: input.memberId, newEmail: input.newEmail });
  if (!started.ok) return { ok: false, field: "newEmail", message: started.message };
  mail.afterResponse("email-change", async () => {
    const member = await findMemberContact({ id: input.memberId });
    if (!member) return;
    const recipient = { memberId: member.id, name: member.displayName, handle: member.handle, origin: mail.origin };
    const link = `${mail.origin}/verify-email/${started.token}`;
    await sendMail(emailChangeEmail({ ...recipient, to: input.newEmail, link }));
    // An unverified old address may be anyone's: it gets no notice (see canReceiveEmail).
    if (canReceiveEmail({ emailVerifiedAt: started.oldEmailVerifiedAt }))
      await sendMail(emailChangeNotice({ ...recipient, to: started.oldEmail, newEmail: input.newEmail }));
  });
  return { ok: true, newEmail: input.newEmail };
}
