import { renderDigestEmail } from "~/lib/digest-email.server";
import { DEFAULT_LANGUAGE, type Language } from "~/lib/i18n";
import { inLanguage } from "~/lib/request-language.server";
import { sendMail } from "~/lib/mailer.server";
import { signToken } from "~/lib/signed-token.server";
import {
  claimDigest,
  composeDigest,
  digestPeriod,
  type DigestPeriod,
  hasNews,
  listDueRecipients,
  releaseDigest,
} from "./digests.server";

export const UNSUBSCRIBE_PURPOSE = "digest-unsubscribe";

/** The one-click link; with `language`, the page it opens speaks the recipient's language (`lang=`). */
export async function unsubscribeUrl(origin: string, memberId: number, language?: Language): Promise<string> {
  const lang = language && language !== DEFAULT_LANGUAGE ? `&lang=${language}` : "";
  return `${origin}/unsubscribe?m=${memberId}&t=${await signToken(UNSUBSCRIBE_PURPOSE, String(memberId))}${lang}`;
}

export interface DigestRunReport {
  period: DigestPeriod;
  key: string;
  sent: Array<{ memberId: number; to: string; where: string }>;
  nothingNew: number;
  failed: Array<{ memberId: number; error: string }>;
}

/**
 * Sends this period's digest to every member who chose it and has not had it yet. Each member's digest is
 * claimed before it is sent (so a second run, even a concurrent one, sends nothing twice) and released if
 * sending fails (so the next run retries).
 */
export async function runDigests(
  period: DigestPeriod,
  options: { now?: number; origin: string },
): Promise<DigestRunReport> {
  const now = options.now ?? Date.now();
  const { key, from, to } = digestPeriod(period, now);
  const report: DigestRunReport = { period, key, sent: [], nothingNew: 0, failed: [] };
  for (const recipient of await listDueRecipients(period, key)) {
    if (!(await claimDigest(recipient.id, period, key))) continue;
    const content = await composeDigest(recipient.id, { from, to });
    if (!hasNews(content)) {
      report.nothingNew++;
      continue;
    }
    const unsubscribe = await unsubscribeUrl(options.origin, recipient.id, recipient.language);
    // In the recipient's language (their setting; English when they chose none), whoever runs the digests.
    const email = inLanguage(
      () =>
        renderDigestEmail({
          period,
          recipientName: recipient.displayName,
          content,
          origin: options.origin,
          unsubscribeUrl: unsubscribe,
        }),
      recipient.language,
    );
    try {
      const where = await sendMail({
        to: recipient.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        fileKey: `digest-${period}-${key}-member-${recipient.id}`,
      });
      report.sent.push({ memberId: recipient.id, to: recipient.email, where });
    } catch (error) {
      await releaseDigest(recipient.id, period, key);
      report.failed.push({ memberId: recipient.id, error: (error as Error).message });
    }
  }
  return report;
}
