import { escapeHtml } from "./email-layout.server";
import { tr } from "./translate";

// One post of a topic followed by email (mailing-list mode, docs/decisions/0042), as plain text and HTML: the
// whole post, as a list message carries it, then how to answer and how to stop. In the language of the work
// in progress (the caller wraps it in inLanguage for the recipient).

export function renderListPostEmail(input: {
  topicName: string;
  threadTitle: string;
  isReply: boolean;
  author: string;
  source: string;
  url: string;
  unsubscribeUrl: string;
}): { subject: string; text: string; html: string } {
  // The same subject for every email of a thread, as the reply alerts: clients thread by it too.
  const subject = input.isReply ? `Re: ${input.threadTitle}` : input.threadTitle;
  const values = { author: input.author, thread: input.threadTitle, topic: input.topicName };
  const intro = input.isReply ? tr("mail:list.replied", values) : tr("mail:list.started", values);
  const read = tr("mail:list.readOnSite");
  const answer = tr("mail:list.howToAnswer");
  const why = tr("mail:list.why", values);
  const stop = tr("mail:list.stop");
  const text = [
    intro,
    "",
    input.source.trim(),
    "",
    "--",
    `${read}: ${input.url}`,
    answer,
    why,
    `${stop}: ${input.unsubscribeUrl}`,
  ].join("\n");
  const link = "color:#0b5c53;";
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1d21;background:#fdfcf9;margin:0;padding:24px;">
<div style="max-width:600px;margin:0 auto;">
<p><strong>${escapeHtml(intro)}</strong></p>
<div style="white-space:pre-wrap;">${escapeHtml(input.source.trim())}</div>
<hr style="border:0;border-top:1px solid #d9d6cf;margin-top:32px;">
<p style="color:#545861;font-size:13px;"><a href="${escapeHtml(input.url)}" style="${link}">${escapeHtml(read)}</a> · ${escapeHtml(answer)}<br>${escapeHtml(why)} <a href="${escapeHtml(input.unsubscribeUrl)}" style="${link}">${escapeHtml(stop)}</a></p>
</div></body></html>`;
  return { subject, text, html };
}
