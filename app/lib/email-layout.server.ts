// A short transactional email (a link to follow, a notice) as plain text and HTML with inline styles, the
// way mail clients need it. Every one names the site it comes from, so a person can tell it is genuine. Its
// words are in the language of the work in progress (tr(): the recipient's, set by the sender with inLanguage).
import { languageNow, tr } from "./translate";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface SimpleEmail {
  subject: string;
  /** The public origin, e.g. https://roundtable.example. */
  origin: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** After the action: what to do if it was not you, how long the link works. */
  after?: string[];
}

export function renderSimpleEmail(email: SimpleEmail): { subject: string; text: string; html: string } {
  const footer = tr("email:layout.sentBy", { origin: email.origin });
  const text = [
    email.greeting,
    "",
    ...email.paragraphs.flatMap((p) => [p, ""]),
    ...(email.action ? [`${email.action.label}:`, email.action.url, ""] : []),
    ...(email.after ?? []).flatMap((p) => [p, ""]),
    "--",
    footer,
  ].join("\n");
  const paragraph = (p: string) => `<p>${escapeHtml(p)}</p>`;
  const html = `<!DOCTYPE html><html lang="${languageNow()}"><head><meta charset="utf-8"><title>${escapeHtml(email.subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1d21;background:#fdfcf9;margin:0;padding:24px;">
<div style="max-width:600px;margin:0 auto;">
<h1 style="font-size:22px;color:#0b5c53;">Roundtable</h1>
${paragraph(email.greeting)}
${email.paragraphs.map(paragraph).join("\n")}
${
  email.action
    ? `<p style="margin:24px 0;"><a href="${escapeHtml(email.action.url)}" style="background:#0b5c53;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block;">${escapeHtml(email.action.label)}</a></p>
<p style="color:#545861;font-size:14px;">${escapeHtml(tr("email:layout.copyAddress", { url: email.action.url }))}</p>`
    : ""
}
${(email.after ?? []).map(paragraph).join("\n")}
<hr style="border:0;border-top:1px solid #d9d6cf;margin-top:32px;">
<p style="color:#545861;font-size:13px;">${escapeHtml(footer)}</p>
</div></body></html>`;
  return { subject: email.subject, text, html };
}
