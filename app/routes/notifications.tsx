import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireViewer, safeRedirectPath } from "~/auth/session.server";
import { NotificationItem } from "~/components/notifications/notification-item";
import { redirectWithFlash } from "~/lib/flash.server";
import { useTranslation } from "react-i18next";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { tr } from "~/lib/translate";
import { optionalCursor } from "~/lib/params";
import { getNotificationsPage, markAllRead, markRead } from "~/models/notifications.server";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("browse:notifications.title") }) }];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireViewer(request, context);
  const before = optionalCursor(new URL(request.url).searchParams.get("before"));
  return json({ ...(await getNotificationsPage(viewer, before)), isFirstPage: before === null });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireViewer(request, context);
  const formData = await request.formData();
  if (formData.get("intent") === "read-all") {
    await markAllRead(viewer.id);
    return redirectWithFlash("/notifications", tr("browse:notifications.allRead"));
  }
  // Only the member's own notifications are touched, whatever ids are sent.
  const ids = String(formData.get("ids") ?? "")
    .split(",")
    .filter((id) => /^[1-9][0-9]{0,15}$/.test(id))
    .map(Number)
    .slice(0, 500);
  await markRead(viewer.id, ids);
  // A line opened in a new tab (with JavaScript): this page stays, now showing it read.
  if (formData.get("intent") === "opened") return json({ ok: true });
  return redirectWithFlash(safeRedirectPath(formData.get("next"), "/notifications"), tr("browse:notifications.read"));
}

export default function NotificationsPage() {
  const { lines, nextBefore, unreadCount, isFirstPage } = useLoaderData<typeof loader>();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const { t } = useTranslation("browse");
  return (
    <div className="page narrow notifications-page">
      <h1>{t("notifications.title")}</h1>
      <div className="notifications-summary">
        <p>
          {unreadCount === 0 ? t("notifications.nothingUnread") : t("notifications.unread", { count: unreadCount })}
        </p>
        {unreadCount ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="secondary">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {lines.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ul className="notification-list">
          {lines.map((line) => (
            <NotificationItem key={line.ids[0]} line={line} here={here} />
          ))}
        </ul>
      )}
      {nextBefore || !isFirstPage ? (
        <nav className="pager list-pager" aria-label={t("notifications.pagerLabel")}>
          {!isFirstPage ? <Link to="/notifications">{t("notifications.newest")}</Link> : null}
          {nextBefore ? (
            <Link to={`/notifications?before=${nextBefore}`} rel="next">
              {t("notifications.older")} <span aria-hidden="true">→</span>
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
