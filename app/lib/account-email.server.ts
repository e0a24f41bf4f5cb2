import { renderSimpleEmail } from "./email-layout.server";
import type { OutgoingMail } from "./mailer.server";

// The emails about an account: confirm an address, reset a password, a change of address, an approval.

interface Recipient {
  memberId: number;
  to: string;
  name: string;
  handle: string;
}

function fileKey(kind: string, memberId: number): string {
  return `account-${kind}-member-${memberId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

/** After joining (or asking again): the link that confirms the address. */
export function verificationEmail(input: Recipient & { origin: string; link: string }): OutgoingMail {
  const email = renderSimpleEmail({
    subject: "Confirm your email address for Roundtable",
    origin: input.origin,
    greeting: `Hello ${input.name},`,
    paragraphs: [
      `Welcome to Roundtable. To start posting as @${input.handle}, confirm that this is your email address.`,
    ],
    action: { label: "Confirm your email address", url: input.link },
    after: ["The link works for 24 hours. If you did not join Roundtable, ignore this email: nothing happens."],
  });
  return { to: input.to, ...email, link: input.link, fileKey: fileKey("verify", input.memberId) };
}

/** To the new address of an email change: the link that confirms it (and makes the change). */
export function emailChangeEmail(input: Recipient & { origin: string; link: string }): OutgoingMail {
  const email = renderSimpleEmail({
    subject: "Confirm your new email address for Roundtable",
    origin: input.origin,
    greeting: `Hello ${input.name},`,
    paragraphs: [
      `You asked to use this address for your Roundtable account @${input.handle}. Your address changes when you confirm it.`,
    ],
    action: { label: "Confirm your new address", url: input.link },
    after: ["The link works for 24 hours. If you did not ask for this, ignore this email: nothing changes."],
  });
  return { to: input.to, ...email, link: input.link, fileKey: fileKey("email-change", input.memberId) };
}

/** To the old address of an email change: what was asked, and what to do if it was not them. */
export function emailChangeNotice(input: Recipient & { origin: string; newEmail: string }): OutgoingMail {
  const email = renderSimpleEmail({
    subject: "Your Roundtable email address is being changed",
    origin: input.origin,
    greeting: `Hello ${input.name},`,
    paragraphs: [
      `Someone signed in as @${input.handle} asked to change the account's email address to ${input.newEmail}.`,
      "Nothing changes until that address is confirmed. Until then, this address keeps receiving your email.",
    ],
    after: [
      `If this was not you, reset your password now at ${input.origin}/forgot-password, then change your address back in your settings.`,
    ],
  });
  return { to: input.to, ...email, fileKey: fileKey("email-change-notice", input.memberId) };
}

/** The password reset link. */
export function passwordResetEmail(input: Recipient & { origin: string; link: string }): OutgoingMail {
  const email = renderSimpleEmail({
    subject: "Reset your Roundtable password",
    origin: input.origin,
    greeting: `Hello ${input.name},`,
    paragraphs: [`Someone asked to reset the password of your Roundtable account @${input.handle}.`],
    action: { label: "Choose a new password", url: input.link },
    after: [
      "The link works once, for one hour. Choosing a new password signs you out everywhere else.",
      "If you did not ask for this, ignore this email: your password stays as it is.",
    ],
  });
  return { to: input.to, ...email, link: input.link, fileKey: fileKey("reset", input.memberId) };
}

/** When a moderator approves a new member (MEMBER_APPROVAL=1). */
export function approvalEmail(input: Recipient & { origin: string }): OutgoingMail {
  const email = renderSimpleEmail({
    subject: "Your Roundtable account is approved",
    origin: input.origin,
    greeting: `Hello ${input.name},`,
    paragraphs: [
      `A moderator approved your account @${input.handle}. You can now share stories, start discussions and reply.`,
    ],
    action: { label: "Go to Roundtable", url: input.origin },
  });
  return { to: input.to, ...email, link: input.origin, fileKey: fileKey("approved", input.memberId) };
}
