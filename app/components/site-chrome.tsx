import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import type { Viewer } from "~/auth/viewer";
import { formatDateTime } from "~/lib/format";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from "~/lib/i18n";
import { isModerator } from "~/lib/permissions";
import type { AccountStanding } from "~/models/account-standing.server";
import type { ActiveSuspension } from "~/models/members-moderation.server";

interface HeaderProps {
  viewer: Viewer | null;
  /** Unread notifications, counted up to UNREAD_BADGE_CAP + 1 (more than 99 reads "99+"). */
  unread: number;
  /** Flagged posts waiting for moderators (0 for everyone else); counted up to WAITING_FLAGS_CAP + 1. */
  waitingFlags: number;
}

const badgeCount = (count: number) => (count > 99 ? "99+" : String(count));

/**
 * The site header: one row at 1024 px and wider; below that, the site's name, the "Write" action and a "Menu"
 * disclosure holding everything else. Disclosures are <details>, so they open without JavaScript; with it,
 * they close on a click elsewhere, on Escape and after navigating. The wide row and the phone menu are two
 * renderings of the same links; CSS shows one (display: none hides the other from assistive technology too).
 */
export function SiteHeader({ viewer, unread, waitingFlags }: HeaderProps) {
  const { t, i18n } = useTranslation("common");
  const location = useLocation();
  const here = location.pathname + location.search;
  const backTo = here.startsWith("/login") || here.startsWith("/join") ? "/" : here;
  const headerRef = useRef<HTMLElement>(null);
  useDisclosuresCloseAfterUse(headerRef, location.key);
  return (
    <header className="site-header" ref={headerRef}>
      <div className="site-header-inner">
        <Link to="/" className="site-name">
          {t("siteName")}
        </Link>
        {viewer ? <WriteMenu /> : null}
        <details className="site-menu header-disclosure">
          <summary>
            {t("header.menu")}
            {unread ? (
              <>
                <span className="count-badge" aria-hidden="true">
                  {badgeCount(unread)}
                </span>
                <span className="visually-hidden">
                  {unread > 99 ? t("header.unreadInMenuMany") : t("header.unreadInMenu", { count: unread })}
                </span>
              </>
            ) : null}
          </summary>
          <div className="site-menu-panel">
            <HeaderLinks viewer={viewer} unread={unread} waitingFlags={waitingFlags} backTo={backTo} variant="menu" />
            <LanguageSwitch language={isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE} />
          </div>
        </details>
        <div className="header-row">
          <HeaderLinks viewer={viewer} unread={unread} waitingFlags={waitingFlags} backTo={backTo} variant="row" />
        </div>
      </div>
    </header>
  );
}

/** The one primary action: write a story or start a discussion. */
function WriteMenu() {
  const { t } = useTranslation("common");
  return (
    <details className="write-menu header-disclosure">
      <summary className="write-summary">{t("header.write")}</summary>
      <ul className="header-dropdown" aria-label={t("header.write")}>
        <li>
          <Link to="/stories/new">{t("header.shareStory")}</Link>
        </li>
        <li>
          <Link to="/threads/new">{t("header.startDiscussion")}</Link>
        </li>
      </ul>
    </details>
  );
}

function HeaderLinks({
  viewer,
  unread,
  waitingFlags,
  backTo,
  variant,
}: HeaderProps & { backTo: string; variant: "row" | "menu" }) {
  const { t } = useTranslation("common");
  const searchId = `${variant}-search-q`;
  const flagsLabel =
    waitingFlags === 0
      ? t("header.moderation")
      : waitingFlags > 99
        ? t("header.moderationWaitingMany")
        : t("header.moderationWaiting", { count: waitingFlags });
  return (
    <>
      <nav aria-label={t("header.mainNav")} className="main-nav">
        <NavLink to="/topics">{t("header.topics")}</NavLink>
        <NavLink to="/rounds">{t("header.rounds")}</NavLink>
        <NavLink to="/about">{t("header.about")}</NavLink>
        {isModerator(viewer) ? (
          <NavLink to="/mod" aria-label={flagsLabel}>
            {t("header.moderation")}
            {waitingFlags ? (
              <span className="count-badge" aria-hidden="true">
                {badgeCount(waitingFlags)}
              </span>
            ) : null}
          </NavLink>
        ) : null}
      </nav>
      <form method="get" action="/search" role="search" className="header-search">
        <label htmlFor={searchId} className="visually-hidden">
          {t("header.searchLabel")}
        </label>
        <input id={searchId} type="search" name="q" placeholder={t("header.searchPlaceholder")} />
        <button type="submit">{t("header.search")}</button>
      </form>
      <nav aria-label={t("header.accountNav")} className="account-nav">
        {viewer ? (
          <>
            <Link
              to="/notifications"
              aria-label={
                unread === 0
                  ? t("header.notifications")
                  : unread > 99
                    ? t("header.notificationsUnreadMany")
                    : t("header.notificationsUnread", { count: unread })
              }
            >
              {t("header.notifications")}
              {unread ? <span className="count-badge">{badgeCount(unread)}</span> : null}
            </Link>
            {variant === "menu" ? (
              <AccountLinks handle={viewer.handle} />
            ) : (
              <>
                <Link to={`/members/${viewer.handle}`} className="header-member-name">
                  {viewer.displayName}
                </Link>
                {/* From 1280 px; narrower rows are full, and the link is in Settings and the phone menu. */}
                <Link to="/saved" className="header-wide-only">
                  {t("header.saved")}
                </Link>
                <Link to="/settings">{t("header.settings")}</Link>
                <LogOutButton />
              </>
            )}
          </>
        ) : (
          <>
            <Link to={`/login?redirectTo=${encodeURIComponent(backTo)}`}>{t("header.logIn")}</Link>
            <Link to={`/join?redirectTo=${encodeURIComponent(backTo)}`} className="button-link">
              {t("header.join")}
            </Link>
          </>
        )}
      </nav>
    </>
  );
}

/** The member's own links in the phone menu, one under the other. */
function AccountLinks({ handle }: { handle: string }) {
  const { t } = useTranslation("common");
  return (
    <>
      <Link to={`/members/${handle}`}>{t("header.yourProfile")}</Link>
      <Link to="/saved">{t("header.saved")}</Link>
      <Link to="/settings">{t("header.settings")}</Link>
      <Link to="/drafts">{t("header.yourDrafts")}</Link>
      <LogOutButton />
    </>
  );
}

function LogOutButton() {
  const { t } = useTranslation("common");
  return (
    <Form method="post" action="/logout" className="inline-form">
      <button type="submit" className="link-button">
        {t("header.logOut")}
      </button>
    </Form>
  );
}

/**
 * With JavaScript, an open header disclosure closes when the reader clicks elsewhere, presses Escape (focus
 * back on its summary) or moves to another page (client navigation keeps the header, and it would stay open).
 */
function useDisclosuresCloseAfterUse(headerRef: RefObject<HTMLElement>, locationKey: string) {
  useEffect(() => {
    headerRef.current?.querySelectorAll("details.header-disclosure[open]").forEach((d) => d.removeAttribute("open"));
  }, [headerRef, locationKey]);
  useEffect(() => {
    const openDisclosures = () =>
      Array.from(headerRef.current?.querySelectorAll<HTMLDetailsElement>("details.header-disclosure[open]") ?? []);
    const onClick = (event: MouseEvent) => {
      for (const details of openDisclosures())
        if (!details.contains(event.target as Node)) details.removeAttribute("open");
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      for (const details of openDisclosures()) {
        details.removeAttribute("open");
        details.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("click", onClick);
      document.removeEventListener("keydown", onKey);
    };
  }, [headerRef]);
}

/** Shown on every page to a signed-in member who is suspended: they can read, not write. */
export function SuspensionBanner({ suspension }: { suspension: SerializeFrom<ActiveSuspension> }) {
  const { t, i18n } = useTranslation("common");
  const until =
    suspension.endsAt === null
      ? t("banner.suspendedUntilLifted")
      : t("banner.suspendedUntil", { date: formatDateTime(suspension.endsAt, i18n.language) });
  const reason = /[.!?]$/.test(suspension.reason) ? suspension.reason : `${suspension.reason}.`;
  return (
    <div className="suspension-banner" role="region" aria-label={t("banner.suspendedLabel")}>
      <p>
        <strong>{until}</strong> {t("banner.suspendedReason", { reason })}
      </p>
    </div>
  );
}

/**
 * Shown on every page to a member who may not publish yet: an address to confirm (with "send the link
 * again"), or a moderator's approval to wait for. Nothing for members in good standing.
 */
export function AccountStandingBanner({ standing }: { standing: AccountStanding }) {
  const { t } = useTranslation("common");
  if (!standing.emailVerified)
    return (
      <div className="account-banner" role="region" aria-label={t("banner.confirmLabel")}>
        <p>
          <strong>{standing.role === "member" ? t("banner.confirmToPost") : t("banner.confirm")}</strong>{" "}
          {t("banner.linkSentTo", { email: standing.email })}{" "}
        </p>
        <Form method="post" action="/settings/email" className="inline-form">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="link-button">
            {t("banner.sendAgain")}
          </button>
        </Form>
        {" · "}
        <Link to="/settings/email">{t("banner.wrongAddress")}</Link>
      </div>
    );
  if (standing.role !== "member" || standing.approval === "approved") return null;
  return (
    <div className="account-banner" role="region" aria-label={t("banner.approvalLabel")}>
      <p>{standing.approval === "waiting" ? t("banner.approvalWaiting") : t("banner.approvalRefused")}</p>
    </div>
  );
}

/**
 * The footer, with the language switch: a plain form (no JavaScript needed) that posts to /language, which
 * keeps the choice (a cookie; a member's setting too) and comes back to this page. The header's menu has the
 * same switch, unnamed there so that the page has one "Language" form landmark.
 */
export function SiteFooter({ language }: { language: Language }) {
  const { t } = useTranslation("common");
  return (
    <footer className="site-footer">
      <p>
        {t("footer.about")} <Link to="/about">{t("footer.aboutLink")}</Link>
      </p>
      <nav aria-label={t("footer.findNav")}>
        <ul className="footer-links">
          <li>
            <Link to="/members">{t("footer.people")}</Link>
          </li>
          <li>
            <Link to="/shelf">{t("footer.shelf")}</Link>
          </li>
          <li>
            <Link to="/rounds">{t("header.rounds")}</Link>
          </li>
        </ul>
      </nav>
      <LanguageSwitch language={language} named />
    </footer>
  );
}

function LanguageSwitch({ language, named = false }: { language: Language; named?: boolean }) {
  const { t } = useTranslation("common");
  const location = useLocation();
  return (
    <form
      method="post"
      action={`/language?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}
      className="language-switch"
      aria-label={named ? t("footer.language") : undefined}
    >
      <span>{t("footer.language")}: </span>
      {LANGUAGES.map((code) =>
        code === language ? (
          <strong key={code} lang={code} aria-current="true">
            {LANGUAGE_NAMES[code]}
          </strong>
        ) : (
          <button key={code} type="submit" name="language" value={code} lang={code} className="link-button">
            {LANGUAGE_NAMES[code]}
          </button>
        ),
      )}
    </form>
  );
}
