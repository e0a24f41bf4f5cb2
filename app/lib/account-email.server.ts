import { renderSimpleEmail } from "./email-layout.server";
import { DEFAULT_LANGUAGE, type Language } from "./i18n";
import type { OutgoingMail } from "./mailer.server";
import { inLanguage } from "./request-language.server";
import { tr } from "./translate";

// The emails about an account: confirm an address, reset a password, a change of address, an approval. Each
// is written in `language` when the caller gives one (the member's setting, for an email they did not ask
// for), otherwise in the language of the work in progress: the request's, for an email sent in answer to
// the person's own request (joining, "forgot your password?", a change of address).

interface Recipient {
  memberId: number;
  to: string;
  name: string;
  handle: string;
  language?: Language | null;
}

function fileKey(kind: string, memberId: number): string {
  return `account-${kind}-member-${memberId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

function written<T>(language: Language | null | undefined, build: () => T): T {
  return language ? inLanguage(build, language) : build();
}

/** After joining (or asking again): the link that confirms the address. */
export function verificationEmail(input: Recipient & { origin: string; link: string }): OutgoingMail {
  const email = written(input.language, () =>
    renderSimpleEmail({
      subject: tr("email:verification.subject"),
      origin: input.origin,
      greeting: tr("email:layout.greeting", { name: input.name }),
      paragraphs: [tr("email:verification.welcome", { handle: input.handle })],
      action: { label: tr("email:verification.action"), url: input.link },
      after: [tr("email:verification.after")],
    }),
  );
  return { to: input.to, ...email, link: input.link, fileKey: fileKey("verify", input.memberId) };
}

/** To the new address of an email change: the link that confirms it (and makes the change). */
export function emailChangeEmail(input: Recipient & { origin: string; link: string }): OutgoingMail {
  const email = written(input.language, () =>
    renderSimpleEmail({
      subject: tr("email:emailChange.subject"),
      origin: input.origin,
      greeting: tr("email:layout.greeting", { name: input.name }),
      paragraphs: [tr("email:emailChange.asked", { handle: input.handle })],
      action: { label: tr("email:emailChange.action"), url: input.link },
      after: [tr("email:emailChange.after")],
    }),
  );
  return { to: input.to, ...email, link: input.link, fileKey: fileKey("email-change", input.memberId) };
}

/** To the old address of an email change: what was asked, and what to do if it was not them. */
export function emailChangeNotice(input: Recipient & { origin: string; newEmail: string }): OutgoingMail {
  const email = written(input.language, () =>
    renderSimpleEmail({
      subject: tr("email:emailChangeNotice.subject"),
      origin: input.origin,
      greeting: tr("email:layout.greeting", { name: input.name }),
      paragraphs: [
        tr("email:emailChangeNotice.asked", { handle: input.handle, newEmail: input.newEmail }),
        tr("email:emailChangeNotice.nothingYet"),
      ],
      after: [tr("email:emailChangeNotice.notYou", { url: `${input.origin}/forgot-password` })],
    }),
  );
  return { to: input.to, ...email, fileKey: fileKey("email-change-notice", input.memberId) };
}

/** The password reset link. */
export function passwordResetEmail(input: Recipient & { origin: string; link: string }): OutgoingMail {
  const email = written(input.language, () =>
    renderSimpleEmail({
      subject: tr("email:passwordReset.subject"),
      origin: input.origin,
      greeting: tr("email:layout.greeting", { name: input.name }),
      paragraphs: [tr("email:passwordReset.asked", { handle: input.handle })],
      action: { label: tr("email:passwordReset.action"), url: input.link },
      after: [tr("email:passwordReset.once"), tr("email:passwordReset.notYou")],
    }),
  );
  return { to: input.to, ...email, link: input.link, fileKey: fileKey("reset", input.memberId) };
}

/**
 * When a moderator approves a new member (MEMBER_APPROVAL=1): in the member's language, English when they
 * chose none (the moderator's request is not theirs).
 */
export function approvalEmail(input: Recipient & { origin: string }): OutgoingMail {
  const email = inLanguage(
    () =>
      renderSimpleEmail({
        subject: tr("email:approval.subject"),
        origin: input.origin,
        greeting: tr("email:layout.greeting", { name: input.name }),
        paragraphs: [tr("email:approval.approved", { handle: input.handle })],
        action: { label: tr("email:approval.action"), url: input.origin },
      }),
    input.language ?? DEFAULT_LANGUAGE,
  );
  return { to: input.to, ...email, link: input.origin, fileKey: fileKey("approved", input.memberId) };
}
