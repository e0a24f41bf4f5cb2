import type { SerializeFrom } from "@remix-run/node";
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { Viewer } from "~/auth/viewer";
import { formatDateTime } from "~/lib/format";
import { isModerator } from "~/lib/permissions";
import type { AccountStanding } from "~/models/account-standing.server";
import type { ActiveSuspension } from "~/models/members-moderation.server";

export function SiteHeader({ viewer, unread }: { viewer: Viewer | null; unread: number }) {
  const location = useLocation();
  const here = location.pathname + location.search;
  const backTo = here.startsWith("/login") || here.startsWith("/join") ? "/" : here;
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link to="/" className="site-name">
          Roundtable
        </Link>
        <nav aria-label="Main" className="main-nav">
          <NavLink to="/topics">Topics</NavLink>
          <NavLink to="/rounds">Rounds</NavLink>
          <NavLink to="/about">About</NavLink>
          {isModerator(viewer) ? <NavLink to="/mod">Moderation</NavLink> : null}
        </nav>
        <form method="get" action="/search" role="search" className="header-search">
          <label htmlFor="header-search-q" className="visually-hidden">
            Search Roundtable
          </label>
          <input id="header-search-q" type="search" name="q" placeholder="Search stories and discussions" />
          <button type="submit">Search</button>
        </form>
        <nav aria-label="Account" className="account-nav">
          {viewer ? (
            <>
              <Link to="/stories/new">Share a story</Link>
              <Link to="/notifications" aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}>
                Notifications{unread ? <span className="count-badge">{unread > 99 ? "99+" : unread}</span> : null}
              </Link>
              <Link to={`/members/${viewer.handle}`}>{viewer.displayName}</Link>
              <Link to="/saved">Saved</Link>
              <Link to="/settings">Settings</Link>
              <Form method="post" action="/logout" className="inline-form">
                <button type="submit" className="link-button">
                  Log out
                </button>
              </Form>
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
      </div>
    </header>
  );
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
