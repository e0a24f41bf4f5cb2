import { escapeHtml } from "./email-layout.server";
import { languageNow, tr } from "./translate";

// A round's opening email (issue 20, docs/decisions/0040, "Rounds by email"): each question with its own
// reply address and its link to the answer form, and how to give consent by email. In the language of the
// work in progress (the caller wraps it in inLanguage for the recipient).

export interface RoundOpeningPrompt {
  title: string;
  source: string;
  /** The address that answers this question by email; null without REPLY_DOMAIN. */
  address: string | null;
  formUrl: string;
}

/** How much of a question's text the email carries; the site has the rest. */
const PROMPT_CHARS_MAX = 1_500;

function excerpt(source: string): string {
  const text = source.trim();
  return text.length > PROMPT_CHARS_MAX ? `${text.slice(0, PROMPT_CHARS_MAX).trimEnd()}…` : text;
}

/** The round's last moment in the reader's language and zone ("December 12 at 11:59 PM PST"). */
function closingDate(closesAt: number, timeZone: string | null): string {
  const options: Intl.DateTimeFormatOptions = {
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(languageNow(), { ...options, timeZone: timeZone ?? "UTC" }).format(closesAt - 1);
  } catch {
    // A zone this runtime does not know.
    return new Intl.DateTimeFormat(languageNow(), { ...options, timeZone: "UTC" }).format(closesAt - 1);
  }
}

export function renderRoundOpeningEmail(input: {
  recipientName: string;
  roundTitle: string;
  closesAt: number;
  /** The member's time zone (their setting), UTC without one. */
  timeZone: string | null;
  prompts: RoundOpeningPrompt[];
  roundUrl: string;
  topics: string;
  unsubscribeUrl: string;
}): { subject: string; text: string; html: string } {
  const subject = tr("mail:round.subject", { round: input.roundTitle });
  const greeting = tr("mail:round.greeting", { name: input.recipientName });
  const intro = tr("mail:round.intro", {
    round: input.roundTitle,
    date: closingDate(input.closesAt, input.timeZone),
    count: input.prompts.length,
  });
  const how = ["howTo", "keywordNamed", "keywordAnon", "keywordNone"].map((key) => tr(`mail:round.${key}`));
  const byEmail = tr("mail:round.byEmail");
  const onSite = tr("mail:round.onSite");
  const prompts = input.prompts.map((p, i) => ({
    ...p,
    heading: tr("mail:round.question", { number: i + 1, title: p.title }),
    body: excerpt(p.source),
  }));
  const orSite = tr("mail:round.orSite", { link: input.roundUrl });
  const why = tr("mail:round.why", { topics: input.topics });
  const stop = tr("mail:round.stop");
  const text = [
    greeting,
    "",
    intro,
    "",
    ...how,
    "",
    ...prompts.flatMap((p) => [
      p.heading,
      p.body,
      ...(p.address ? [`${byEmail}: ${p.address}`] : []),
      `${onSite}: ${p.formUrl}`,
      "",
    ]),
    orSite,
    "",
    "--",
    why,
    `${stop}: ${input.unsubscribeUrl}`,
  ].join("\n");
  const link = "color:#0b5c53;";
  const mailto = (p: (typeof prompts)[number]) => `mailto:${p.address}?subject=${encodeURIComponent(`Re: ${p.title}`)}`;
  const promptHtml = prompts
    .map(
      (p) => `<h2 style="font-size:17px;margin-top:28px;">${escapeHtml(p.heading)}</h2>
<div style="white-space:pre-wrap;">${escapeHtml(p.body)}</div>
${p.address ? `<p>${escapeHtml(byEmail)}: <a href="${escapeHtml(mailto(p))}" style="${link}">${escapeHtml(p.address)}</a></p>` : ""}
<p><a href="${escapeHtml(p.formUrl)}" style="${link}">${escapeHtml(onSite)}</a></p>`,
    )
    .join("\n");
  const html = `<!DOCTYPE html><html lang="${languageNow()}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1d21;background:#fdfcf9;margin:0;padding:24px;">
<div style="max-width:600px;margin:0 auto;">
<p>${escapeHtml(greeting)}</p>
<p><strong>${escapeHtml(intro)}</strong></p>
<p>${how.map(escapeHtml).join("<br>")}</p>
${promptHtml}
<p style="margin-top:28px;">${escapeHtml(orSite)}</p>
<hr style="border:0;border-top:1px solid #d9d6cf;margin-top:32px;">
<p style="color:#545861;font-size:13px;">${escapeHtml(why)} <a href="${escapeHtml(input.unsubscribeUrl)}" style="${link}">${escapeHtml(stop)}</a></p>
</div></body></html>`;
  return { subject, text, html };
}
