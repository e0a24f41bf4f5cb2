import type { DigestContent, DigestPeriod } from "~/models/digests.server";
import { noTopicsDigestNote } from "./digest-copy";
import { languageNow, tr } from "./translate";

// The digest as an email: the same content as HTML (inline styles only, as mail clients need) and plain text,
// in the language of the work in progress (the recipient's: runDigests writes each inside inLanguage).

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

interface Section {
  heading: string;
  items: Array<{ title: string; url: string; note: string }>;
}

function sections(content: DigestContent, origin: string): Section[] {
  const threadUrl = (t: { id: number; slug: string }) => `${origin}/threads/${t.id}/${t.slug}`;
  const closesFormat = new Intl.DateTimeFormat(languageNow(), { month: "long", day: "numeric", timeZone: "UTC" });
  const closes = (ms: number) => closesFormat.format(new Date(ms - 1));
  const all: Section[] = [
    {
      heading: tr("email:digest.repliesToYou"),
      items: content.repliesToYou.map((r) => ({
        title: r.title,
        url: `${origin}/posts/${r.postId}`,
        note: tr(r.kind === "reply" ? "email:digest.repliedToYou" : "email:digest.mentionedYou", { author: r.author }),
      })),
    },
    {
      heading: tr("email:digest.openRounds"),
      items: content.openRounds.map((r) => ({
        title: r.title,
        url: `${origin}/rounds/${r.id}`,
        note: tr(r.isNew ? "email:digest.justOpened" : "email:digest.answersUntil", { date: closes(r.closesAt) }),
      })),
    },
    {
      heading: tr("email:digest.newThreads"),
      items: content.newThreads.map((t) => ({
        title: t.title,
        url: threadUrl(t),
        note: `${tr(t.kind === "story" ? "email:digest.storyBy" : t.kind === "prompt" ? "email:digest.promptBy" : "email:digest.discussionBy", { author: t.author })}${t.topics.length ? ` · ${t.topics.join(", ")}` : ""}`,
      })),
    },
    {
      heading: tr("email:digest.followedReplies"),
      items: content.followedReplies.map((t) => ({
        title: t.title,
        url: threadUrl(t),
        note: tr("email:digest.newReplies", { count: t.replies }),
      })),
    },
    {
      heading: tr("email:digest.featuredStories"),
      items: content.featuredStories.map((t) => ({
        title: t.title,
        url: threadUrl(t),
        note: tr("email:digest.by", { author: t.author }),
      })),
    },
    {
      heading: tr("email:digest.openPrompts"),
      items: content.openPrompts.map((t) => ({ title: t.title, url: threadUrl(t), note: "" })),
    },
  ];
  return all.filter((s) => s.items.length);
}

export function renderDigestEmail(input: {
  period: DigestPeriod;
  recipientName: string;
  content: DigestContent;
  origin: string;
  unsubscribeUrl: string;
}): { subject: string; html: string; text: string } {
  const subject = tr(input.period === "daily" ? "email:digest.subjectDaily" : "email:digest.subjectWeekly");
  const parts = sections(input.content, input.origin);
  const settingsUrl = `${input.origin}/settings/notifications`;
  const topicsUrl = `${input.origin}/topics`;
  const noTopics = input.content.hasDigestTopics ? null : noTopicsDigestNote(topicsUrl);
  const text = [
    tr("email:layout.greeting", { name: input.recipientName }),
    "",
    tr("email:digest.intro"),
    ...(noTopics ? ["", noTopics] : []),
    ...parts.flatMap((s) => [
      "",
      s.heading.toUpperCase(),
      ...s.items.map((i) => `- ${i.title}${i.note ? ` (${i.note})` : ""}\n  ${i.url}`),
    ]),
    "",
    "--",
    tr("email:digest.changeWhatAt", { url: settingsUrl }),
    tr("email:digest.unsubscribeAt", { url: input.unsubscribeUrl }),
  ].join("\n");
  const html = `<!DOCTYPE html><html lang="${languageNow()}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1d21;background:#fdfcf9;margin:0;padding:24px;">
<div style="max-width:600px;margin:0 auto;">
<h1 style="font-size:22px;color:#0b5c53;">Roundtable</h1>
<p>${escapeHtml(tr("email:layout.greeting", { name: input.recipientName }))}</p>
<p>${escapeHtml(tr("email:digest.intro"))}</p>
${noTopics ? `<p style="background:#fff6d6;padding:8px 12px;">${escapeHtml(noTopics).replace(escapeHtml(topicsUrl), `<a href="${escapeHtml(topicsUrl)}" style="color:#0b5c53;">${escapeHtml(topicsUrl)}</a>`)}</p>` : ""}
${parts
  .map(
    (s) => `<h2 style="font-size:17px;margin-top:24px;">${escapeHtml(s.heading)}</h2>
<ul style="padding-left:20px;">${s.items
      .map(
        (i) =>
          `<li style="margin-bottom:8px;"><a href="${escapeHtml(i.url)}" style="color:#0b5c53;">${escapeHtml(i.title)}</a>${i.note ? `<br><span style="color:#545861;font-size:14px;">${escapeHtml(i.note)}</span>` : ""}</li>`,
      )
      .join("")}</ul>`,
  )
  .join("\n")}
<hr style="border:0;border-top:1px solid #d9d6cf;margin-top:32px;">
<p style="color:#545861;font-size:13px;"><a href="${escapeHtml(settingsUrl)}" style="color:#0b5c53;">${escapeHtml(tr("email:digest.changeWhat"))}</a> · <a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#0b5c53;">${escapeHtml(tr("email:digest.unsubscribe"))}</a></p>
</div></body></html>`;
  return { subject, html, text };
}
