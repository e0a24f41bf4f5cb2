import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import type { Viewer } from "~/auth/viewer";

export function SiteHeader({ viewer }: { viewer: Viewer | null }) {
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
          <NavLink to="/about">About</NavLink>
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
              <Link to={`/members/${viewer.handle}`}>{viewer.displayName}</Link>
              <Link to="/settings/profile">Settings</Link>
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
