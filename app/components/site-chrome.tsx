import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type RefObject } from "react";
import type { Viewer } from "~/auth/viewer";
import { formatDateTime } from "~/lib/format";
import { isModerator } from "~/lib/permissions";
import type { AccountStanding } from "~/models/account-standing.server";
import type { ActiveSuspension } from "~/models/members-moderation.server";

interface HeaderProps {
  viewer: Viewer | null;
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
  const location = useLocation();
  const here = location.pathname + location.search;
  const backTo = here.startsWith("/login") || here.startsWith("/join") ? "/" : here;
  const headerRef = useRef<HTMLElement>(null);
  useDisclosuresCloseAfterUse(headerRef, location.key);
  return (
    <header className="site-header" ref={headerRef}>
      <div className="site-header-inner">
        <Link to="/" className="site-name">
          Roundtable
        </Link>
        {viewer ? <WriteMenu /> : null}
        <details className="site-menu header-disclosure">
          <summary>
            Menu
            {unread ? (
              <>
                <span className="count-badge" aria-hidden="true">
                  {badgeCount(unread)}
                </span>
                <span className="visually-hidden">, {unread} unread notifications</span>
              </>
            ) : null}
          </summary>
          <div className="site-menu-panel">
            <HeaderLinks viewer={viewer} unread={unread} waitingFlags={waitingFlags} backTo={backTo} variant="menu" />
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
  return (
    <details className="write-menu header-disclosure">
      <summary className="write-summary">Write</summary>
      <ul className="header-dropdown" aria-label="Write">
        <li>
          <Link to="/stories/new">Share a story</Link>
        </li>
        <li>
          <Link to="/threads/new">Start a discussion</Link>
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
  const searchId = `${variant}-search-q`;
  const flagsLabel =
    waitingFlags === 0
      ? "Moderation"
      : `Moderation, ${waitingFlags > 99 ? "more than 99" : waitingFlags} flagged ${waitingFlags === 1 ? "post" : "posts"} waiting`;
  return (
    <>
      <nav aria-label="Main" className="main-nav">
        <NavLink to="/topics">Topics</NavLink>
        <NavLink to="/rounds">Rounds</NavLink>
        <NavLink to="/about">About</NavLink>
        {isModerator(viewer) ? (
          <NavLink to="/mod" aria-label={flagsLabel}>
            Moderation
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
          Search Roundtable
        </label>
        <input id={searchId} type="search" name="q" placeholder="Search stories and discussions" />
        <button type="submit">Search</button>
      </form>
      <nav aria-label="Account" className="account-nav">
        {viewer ? (
          <>
            <Link to="/notifications" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}>
              Notifications{unread ? <span className="count-badge">{badgeCount(unread)}</span> : null}
            </Link>
            {variant === "menu" ? (
              <AccountLinks handle={viewer.handle} />
            ) : (
              <>
                <Link to={`/members/${viewer.handle}`} className="header-member-name">
                  {viewer.displayName}
                </Link>
                <Link to="/saved">Saved</Link>
                <Link to="/settings">Settings</Link>
                <LogOutButton />
              </>
            )}
          </>
        ) : (
          <>
            <Link to={`/login?redirectTo=${encodeURIComponent(backTo)}`}>Log in</Link>
            <Link to={`/join?redirectTo=${encodeURIComponent(backTo)}`} className="button-link">
              Join
            </Link>
          </>
        )}
      </nav>
    </>
  );
}

/** The member's own links in the phone menu, one under the other. */
function AccountLinks({ handle }: { handle: string }) {
  return (
    <>
      <Link to={`/members/${handle}`}>Your profile</Link>
      <Link to="/saved">Saved</Link>
      <Link to="/settings">Settings</Link>
      <Link to="/drafts">Your drafts</Link>
      <LogOutButton />
    </>
  );
}

function LogOutButton() {
  return (
    <Form method="post" action="/logout" className="inline-form">
      <button type="submit" className="link-button">
        Log out
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
  const until =
    suspension.endsAt === null ? "until a moderator lifts it" : `until ${formatDateTime(suspension.endsAt)}`;
  const reason = /[.!?]$/.test(suspension.reason) ? suspension.reason : `${suspension.reason}.`;
  return (
    <div className="suspension-banner" role="region" aria-label="Account suspended">
      <p>
        <strong>Your account is suspended {until}.</strong> Reason: {reason} You can still read.
      </p>
    </div>
  );
}

/**
 * Shown on every page to a member who may not publish yet: an address to confirm (with "send the link
 * again"), or a moderator's approval to wait for. Nothing for members in good standing.
 */
export function AccountStandingBanner({ standing }: { standing: AccountStanding }) {
  if (!standing.emailVerified)
    return (
      <div className="account-banner" role="region" aria-label="Confirm your email address">
        <p>
          <strong>Confirm your email address{standing.role === "member" ? " to post" : ""}.</strong> We sent a link to{" "}
          {standing.email}.{" "}
        </p>
        <Form method="post" action="/settings/email" className="inline-form">
          <input type="hidden" name="intent" value="resend" />
          <button type="submit" className="link-button">
            Send the link again
          </button>
        </Form>
        {" · "}
        <Link to="/settings/email">Wrong address?</Link>
      </div>
    );
  if (standing.role !== "member" || standing.approval === "approved") return null;
  return (
    <div className="account-banner" role="region" aria-label="Waiting for approval">
      <p>
        {standing.approval === "waiting"
          ? "A moderator approves new members before they post. Yours is waiting; you can read and follow topics meanwhile."
          : "A moderator did not approve your account, so it can't post. You can still read."}
      </p>
    </div>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        Roundtable: a peer exchange for community practitioners, grown from a focus group.{" "}
        <Link to="/about">About Roundtable</Link>
      </p>
    </footer>
  );
}
