import type { SerializeFrom } from "@remix-run/node";
import { Form, useFetcher } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime, isoDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { decodeRoundNotice } from "~/lib/rounds";
import type { NotificationLine } from "~/models/notifications.server";

// One line of the notifications page: a link (in a new tab) to what it is about, who and what in words, the
// start of the post, and when. Opening it reads it: the page it opens reads the posts it shows (without
// JavaScript too), and with JavaScript the click also marks the line read here at once.

type Line = SerializeFrom<NotificationLine>;

/** Names joined as the reader's language joins a list ("A and B", "A y B"). */
function joinNames(names: string[], language: string): string {
  return new Intl.ListFormat(language, { type: "conjunction" }).format(names);
}

/** Who and what in words, in the reader's language (`t` of the browse namespace). */
export function describeNotification(line: Line, t: TFunction<"browse">, language: string): string {
  const who =
    line.actors.length > 2
      ? t("notifications.line.andOthers", { names: line.actors.slice(0, 2).join(", ") })
      : (line.actors.length ? joinNames(line.actors, language) : "") || line.detail || t("notifications.line.someone");
  const where = line.thread
    ? t("notifications.line.quoted", { title: line.thread.title })
    : t("notifications.line.aThread");
  const round = () => decodeRoundNotice(line.detail)?.title ?? t("notifications.line.aRound");
  const values = { who, where, count: line.count };
  switch (line.kind) {
    case "reply":
      return line.count > 1 ? t("notifications.line.replies", values) : t("notifications.line.reply", values);
    case "thread-reply":
      return line.count > 1
        ? t("notifications.line.threadReplies", values)
        : t("notifications.line.threadReply", values);
    case "mention":
      return t("notifications.line.mention", values);
    case "topic-thread":
      return t("notifications.line.topicThread", values);
    case "flag-outcome":
      return line.detail === "dismissed"
        ? t("notifications.line.flagDismissed", values)
        : t("notifications.line.flagOutcome", {
            ...values,
            outcome:
              line.detail === "hidden" || line.detail === "restored" || line.detail === "removed"
                ? t(`notifications.line.postWas.${line.detail}`)
                : line.detail,
          });
    case "content-hidden":
      return t("notifications.line.contentHidden", { ...values, reason: line.detail });
    case "content-restored":
      return t("notifications.line.contentRestored", values);
    case "round-open":
      return t("notifications.line.roundOpen", { title: round() });
    case "round-reminder":
      return t("notifications.line.roundReminder", { title: round() });
    case "quoted":
      return t("notifications.line.quotedAnswer", {
        who: line.actors.length ? joinNames(line.actors, language) : t("notifications.line.aModerator"),
        title: line.detail,
      });
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
  const { t } = useTranslation("browse");
  const opened = useFetcher();
  const unread = line.unread && opened.state === "idle" && !opened.data;
  const ids = line.ids.join(",");
  return (
    <li className={unread ? "notification unread" : "notification"}>
      <p className="notification-what">
        {unread ? <span className="badge new-badge">{t("notifications.unreadBadge")}</span> : null}{" "}
        <a
          href={notificationHref(line)}
          target="_blank"
          rel="noopener"
          onClick={() => {
            if (line.unread) opened.submit({ intent: "opened", ids }, { method: "post", action: "/notifications" });
          }}
        >
          {describeNotification(line, t, language)}
          <span className="visually-hidden"> {t("notifications.opensInNewTab")}</span>
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
            {t("notifications.markRead")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}
