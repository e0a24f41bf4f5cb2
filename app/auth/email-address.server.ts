import type { AfterResponse } from "~/lib/after-response.server";
import { emailChangeEmail, emailChangeNotice, verificationEmail } from "~/lib/account-email.server";
import { sendMail } from "~/lib/mailer.server";
import { canReceiveEmail } from "~/lib/permissions";
import { inLanguage } from "~/lib/request-language.server";
import { languageNow, tr } from "~/lib/translate";
import { issueVerificationToken, startEmailChange } from "~/models/email-verification.server";
import { findMemberContact, getLoginCredentials } from "~/models/members.server";
import { takeEmailChange, takeVerificationResend } from "./mail-throttle.server";
import { verifyPassword } from "./password.server";
import { describeWait } from "./throttle.server";

export const NOT_CURRENT_PASSWORD = "account:auth.notCurrentPassword";

// A member's email address: the link that verifies it (at joining, and again on request) and a change of
// address (after the password; the old address is told, the new one confirms). Emails go after the response.

export interface MailContext {
  origin: string;
  afterResponse: AfterResponse;
}

/**
 * Work for after the response, kept in the language of the request that asks for it now: an email sent in
 * answer to a person's own request (joining, a reset, a change of address) is in the language they were
 * reading, whatever context the server runs the task in.
 */
export function inRequestLanguage(task: () => Promise<void>): () => Promise<void> {
  const language = languageNow();
  return () => inLanguage(task, language);
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
  if (wait) return { ok: false, message: tr("account:auth.resendWait", { wait: describeWait(wait) }) };
  mail.afterResponse(
    "verification",
    inRequestLanguage(() => sendVerificationLink(memberId, mail.origin)),
  );
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
  if (wait)
    return { ok: false, field: "form", message: tr("account:auth.emailChangeWait", { wait: describeWait(wait) }) };
  const credentials = await getLoginCredentials(input.handle);
  if (!credentials || !(await verifyPassword(credentials.passwordHash, input.currentPassword)))
    return { ok: false, field: "currentPassword", message: tr(NOT_CURRENT_PASSWORD) };
  const started = await startEmailChange({ memberId: input.memberId, newEmail: input.newEmail });
  if (!started.ok) return { ok: false, field: "newEmail", message: started.message };
  mail.afterResponse(
    "email-change",
    inRequestLanguage(async () => {
      const member = await findMemberContact({ id: input.memberId });
      if (!member) return;
      const recipient = { memberId: member.id, name: member.displayName, handle: member.handle, origin: mail.origin };
      const link = `${mail.origin}/verify-email/${started.token}`;
      await sendMail(emailChangeEmail({ ...recipient, to: input.newEmail, link }));
      // An unverified old address may be anyone's: it gets no notice (see canReceiveEmail).
      if (canReceiveEmail({ emailVerifiedAt: started.oldEmailVerifiedAt }))
        await sendMail(emailChangeNotice({ ...recipient, to: started.oldEmail, newEmail: input.newEmail }));
    }),
  );
  return { ok: true, newEmail: input.newEmail };
}
