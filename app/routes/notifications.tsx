import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireViewer, safeRedirectPath } from "~/auth/session.server";
import { formatDateTime, isoDate } from "~/lib/format";
import { decodeRoundNotice } from "~/lib/rounds";
import { listNotifications, markAllRead, markRead, type NotificationLine } from "~/models/notifications.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Roundtable" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  return json({ lines: await listNotifications(viewer) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  if (formData.get("intent") === "read-all") {
    await markAllRead(viewer.id);
    return redirectWithFlash("/notifications", FLASH.notificationsRead);
  }
  // Only the member's own notifications are touched, whatever ids are sent.
  const ids = String(formData.get("ids") ?? "")
    .split(",")
    .filter((id) => /^[1-9][0-9]{0,15}$/.test(id))
    .map(Number)
    .slice(0, 500);
  await markRead(viewer.id, ids);
  return redirect(safeRedirectPath(formData.get("next"), "/notifications"));
}

function describe(line: NotificationLine): string {
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
      return line.count > 1 ? `${line.count} new replies in ${where}` : `${who} replied in ${where}`;
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

function target(line: NotificationLine): string {
  const round = line.kind === "round-open" || line.kind === "round-reminder" ? decodeRoundNotice(line.detail) : null;
  if (round) return `/rounds/${round.roundId}`;
  if (line.postId && line.kind !== "topic-thread") return `/posts/${line.postId}`;
  return line.thread ? `/threads/${line.thread.id}/${line.thread.slug}` : "/notifications";
}

export default function NotificationsPage() {
  const { lines } = useLoaderData<typeof loader>();
  const unread = lines.some((l) => l.unread);
  return (
    <div className="page narrow">
      <h1>Notifications</h1>
      {unread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="secondary">
            Mark all as read
          </button>
        </Form>
      ) : null}
      {lines.length === 0 ? (
        <p>Nothing yet. Replies to you, mentions, and news from threads and topics you follow will appear here.</p>
      ) : (
        <ul className="notification-list">
          {lines.map((line) => (
            <li key={line.ids[0]} className={line.unread ? "notification unread" : "notification"}>
              {line.unread ? <span className="visually-hidden">Unread: </span> : null}
              <span>{describe(line)}</span>{" "}
              <time className="muted small" dateTime={isoDate(line.createdAt)}>
                {formatDateTime(line.createdAt)}
              </time>
              <div className="button-row">
                {line.unread ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="ids" value={line.ids.join(",")} />
                    <input type="hidden" name="next" value={target(line)} />
                    <button type="submit" className="small-button">
                      Open
                    </button>
                  </Form>
                ) : (
                  <Link to={target(line)}>Open</Link>
                )}
                {line.unread ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="ids" value={line.ids.join(",")} />
                    <button type="submit" className="secondary small-button">
                      Mark as read
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
