// A reply alert as an email: one thread's new replies to the member and mentions of them, as plain text and as
// HTML (inline styles only, as mail clients need), each with the link to the post in context; in the language of
// the work in progress (the recipient's: composeReplyAlert writes it inside inLanguage).

import { languageNow, tr } from "./translate";

const EXCERPT_MAX = 1_200;

export interface AlertEmailItem {
  kind: "reply" | "mention";
  author: string;
  source: string;
  url: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function excerpt(source: string): string {
  const text = source.trim();
  return text.length > EXCERPT_MAX ? `${text.slice(0, EXCERPT_MAX).trimEnd()} …` : text;
}

const said = (item: AlertEmailItem) =>
  tr(item.kind === "reply" ? "email:replyAlert.repliedToYou" : "email:replyAlert.mentionedYou", {
    author: item.author,
  });

export function renderReplyAlertEmail(input: {
  recipientName: string;
  threadTitle: string;
  /** Whether the newest item is a reply (the subject then reads "Re: …", as the rest of the conversation). */
  isReply: boolean;
  items: AlertEmailItem[];
  origin: string;
  unsubscribeUrl: string;
}): { subject: string; html: string; text: string } {
  // The same subject for every email of a thread: some clients thread by subject as well as by References.
  const subject = input.isReply ? `Re: ${input.threadTitle}` : input.threadTitle;
  const settingsUrl = `${input.origin}/settings/notifications`;
  const intro = tr("email:replyAlert.intro", { title: input.threadTitle });
  const text = [
    tr("email:layout.greeting", { name: input.recipientName }),
    "",
    intro,
    ...input.items.flatMap((item) => [
      "",
      said(item),
      "",
      ...excerpt(item.source)
        .split("\n")
        .map((line) => `> ${line}`.trimEnd()),
      "",
      tr("email:replyAlert.readInContextAt", { url: item.url }),
    ]),
    "",
    "--",
    tr("email:replyAlert.why"),
    tr("email:replyAlert.changeWhatAt", { url: settingsUrl }),
    tr("email:replyAlert.stopAt", { url: input.unsubscribeUrl }),
  ].join("\n");
  const link = "color:#0b5c53;";
  const html = `<!DOCTYPE html><html lang="${languageNow()}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1d21;background:#fdfcf9;margin:0;padding:24px;">
<div style="max-width:600px;margin:0 auto;">
<p>${escapeHtml(tr("email:layout.greeting", { name: input.recipientName }))}</p>
<p>${escapeHtml(intro)}</p>
${input.items
  .map(
    (item) => `<p style="margin-top:24px;"><strong>${escapeHtml(said(item))}</strong></p>
<blockquote style="margin:0 0 8px;padding:4px 12px;border-left:3px solid #d9d6cf;white-space:pre-wrap;">${escapeHtml(excerpt(item.source))}</blockquote>
<p><a href="${escapeHtml(item.url)}" style="${link}">${escapeHtml(tr("email:replyAlert.readInContext"))}</a></p>`,
  )
  .join("\n")}
<hr style="border:0;border-top:1px solid #d9d6cf;margin-top:32px;">
<p style="color:#545861;font-size:13px;">${escapeHtml(tr("email:replyAlert.why"))} <a href="${escapeHtml(settingsUrl)}" style="${link}">${escapeHtml(tr("email:replyAlert.changeWhat"))}</a> · <a href="${escapeHtml(input.unsubscribeUrl)}" style="${link}">${escapeHtml(tr("email:replyAlert.unsubscribe"))}</a></p>
</div></body></html>`;
  return { subject, html, text };
}
