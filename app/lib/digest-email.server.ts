import type { DigestContent, DigestPeriod } from "~/models/digests.server";
import { noTopicsDigestNote } from "./digest-copy";

// The digest as an email: the same content as HTML (inline styles only, as mail clients need) and plain text.

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

interface Section {
  heading: string;
  items: Array<{ title: string; url: string; note: string }>;
}

function sections(content: DigestContent, origin: string): Section[] {
  const threadUrl = (t: { id: number; slug: string }) => `${origin}/threads/${t.id}/${t.slug}`;
  const closes = (ms: number) =>
    new Date(ms - 1).toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
  const all: Section[] = [
    {
      heading: "Replies to you and mentions of you",
      items: content.repliesToYou.map((r) => ({
        title: r.title,
        url: `${origin}/posts/${r.postId}`,
        note: r.kind === "reply" ? `${r.author} replied to you` : `${r.author} mentioned you`,
      })),
    },
    {
      heading: "Open rounds: answer before they close",
      items: content.openRounds.map((r) => ({
        title: r.title,
        url: `${origin}/rounds/${r.id}`,
        note: `${r.isNew ? "Just opened. " : ""}Answers until ${closes(r.closesAt)}`,
      })),
    },
    {
      heading: "New in topics you follow",
      items: content.newThreads.map((t) => ({
        title: t.title,
        url: threadUrl(t),
        note: `${t.kind === "story" ? "Story" : t.kind === "prompt" ? "Prompt" : "Discussion"} by ${t.author}${t.topics.length ? ` · ${t.topics.join(", ")}` : ""}`,
      })),
    },
    {
      heading: "Replies in threads you follow",
      items: content.followedReplies.map((t) => ({
        title: t.title,
        url: threadUrl(t),
        note: t.replies === 1 ? "1 new reply" : `${t.replies} new replies`,
      })),
    },
    {
      heading: "Featured stories",
      items: content.featuredStories.map((t) => ({ title: t.title, url: threadUrl(t), note: `by ${t.author}` })),
    },
    {
      heading: "Open prompts: add your answer",
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
  const label = input.period === "daily" ? "daily" : "weekly";
  const subject = `Your ${label} Roundtable digest`;
  const parts = sections(input.content, input.origin);
  const settingsUrl = `${input.origin}/settings/notifications`;
  const topicsUrl = `${input.origin}/topics`;
  const noTopics = input.content.hasDigestTopics ? null : noTopicsDigestNote(topicsUrl);
  const text = [
    `Hello ${input.recipientName},`,
    "",
    `Here is what happened on Roundtable where you are listening.`,
    ...(noTopics ? ["", noTopics] : []),
    ...parts.flatMap((s) => [
      "",
      s.heading.toUpperCase(),
      ...s.items.map((i) => `- ${i.title}${i.note ? ` (${i.note})` : ""}\n  ${i.url}`),
    ]),
    "",
    "--",
    `Change what you receive: ${settingsUrl}`,
    `Unsubscribe from these emails with one click: ${input.unsubscribeUrl}`,
  ].join("\n");
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1c1d21;background:#fdfcf9;margin:0;padding:24px;">
<div style="max-width:600px;margin:0 auto;">
<h1 style="font-size:22px;color:#0b5c53;">Roundtable</h1>
<p>Hello ${escapeHtml(input.recipientName)},</p>
<p>Here is what happened on Roundtable where you are listening.</p>
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
<p style="color:#545861;font-size:13px;"><a href="${escapeHtml(settingsUrl)}" style="color:#0b5c53;">Change what you receive</a> · <a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#0b5c53;">Unsubscribe with one click</a></p>
</div></body></html>`;
  return { subject, html, text };
}
