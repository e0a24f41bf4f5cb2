import type { SerializeFrom } from "@remix-run/node";
import { Form, useFetcher } from "@remix-run/react";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { decodeRoundNotice } from "~/lib/rounds";
import type { NotificationLine } from "~/models/notifications.server";

// One line of the notifications page: a link (in a new tab) to what it is about, who and what in words, the
// start of the post, and when. Opening it reads it: the page it opens reads the posts it shows (without
// JavaScript too), and with JavaScript the click also marks the line read here at once.

type Line = SerializeFrom<NotificationLine>;

export function describeNotification(line: Line): string {
  const who =
    line.actors.length > 2
      ? `${line.actors.slice(0, 2).join(", ")} and others`
      : line.actors.join(" and ") || line.detail || "Someone";
  const where = line.thread ? `“${line.thread.title}”` : "a thread";
  switch (line.kind) {
    case "reply":
      return line.count > 1
        ? `${line.count} replies to you in ${where} from ${who}`
        : `${who} replied to you in ${where}`;
    case "thread-reply":
      return line.count > 1 ? `${line.count} new replies in ${where} from ${who}` : `${who} replied in ${where}`;
    case "mention":
      return `${who} mentioned you in ${where}`;
    case "topic-thread":
      return `New in a topic you follow: ${where}, by ${who}`;
    case "flag-outcome":
      return line.detail === "dismissed"
        ? `Moderators reviewed your flag in ${where} and found no problem`
        : `Moderators reviewed your flag in ${where}: the post was ${line.detail}`;
    case "content-hidden":
      return `Moderators hid your post in ${where}. Reason: ${line.detail}`;
    case "content-restored":
      return `Moderators restored your post in ${where}`;
    case "round-open":
      return `A round opened in a topic you follow: “${decodeRoundNotice(line.detail)?.title ?? "a round"}”. Add your answers`;
    case "round-reminder":
      return `The round “${decodeRoundNotice(line.detail)?.title ?? "a round"}” closes within two days: add your answers before then`;
    case "quoted":
      return `${line.actors.join(" and ") || "A moderator"} quoted your answer in the synthesis of the round “${line.detail}”`;
  }
}

/**
 * Where a line opens: a round's page, or the first post it is about through its permalink, which sends the
 * reader to the thread page (and page) that shows it, at the post (locatePost); else the thread.
 */
export function notificationHref(line: Line): string {
  const round = line.kind === "round-open" || line.kind === "round-reminder" ? decodeRoundNotice(line.detail) : null;
  if (round) return `/rounds/${round.roundId}`;
  if (line.firstPostId && line.kind !== "topic-thread") return `/posts/${line.firstPostId}`;
  return line.thread ? `/threads/${line.thread.id}/${line.thread.slug}` : "/notifications";
}

export function NotificationItem({ line, here }: { line: Line; here: string }) {
  const language = usePageLanguage();
  const opened = useFetcher();
  const unread = line.unread && opened.state === "idle" && !opened.data;
  const ids = line.ids.join(",");
  return (
    <li className={unread ? "notification unread" : "notification"}>
      <p className="notification-what">
        {unread ? <span className="badge new-badge">Unread</span> : null}{" "}
        <a
          href={notificationHref(line)}
          target="_blank"
          rel="noopener"
          onClick={() => {
            if (line.unread) opened.submit({ intent: "opened", ids }, { method: "post", action: "/notifications" });
          }}
        >
          {describeNotification(line)}
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
      {line.excerpt ? <p className="notification-excerpt">{line.excerpt}</p> : null}
      <p className="notification-when muted small">
        <time dateTime={isoDate(line.createdAt)}>{formatDateTime(line.createdAt, language)}</time>
      </p>
      {unread ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="ids" value={ids} />
          <input type="hidden" name="next" value={here} />
          <button type="submit" className="secondary small-button">
            Mark as read
          </button>
        </Form>
      ) : null}
    </li>
  );
}
