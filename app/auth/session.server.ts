import { redirect, type AppLoadContext } from "@remix-run/node";
import { lucia } from "./lucia.server";
import type { Viewer } from "./viewer";

export interface SessionState {
  viewer: Viewer | null;
  sessionId: string | null;
  /** A Set-Cookie value to send back: a renewed session, or a blank cookie for a dead one. */
  setCookie: string | null;
  /** The member's chosen interface language (members.language), read with the session; null for a visitor. */
  memberLanguage: string | null;
}

/** Reads the session cookie of a request; one indexed query when a cookie is present, none otherwise. */
/**
 * The session id in a Cookie header. Read here rather than by lucia's parser, which decodes every cookie and
 * throws on a malformed %-escape in any of them (another site's cookie on a shared domain, a hand-made one).
 */
function sessionIdFrom(cookieHeader: string): string | null {
  for (const pair of cookieHeader.split(";")) {
    const at = pair.indexOf("=");
    if (at === -1 || pair.slice(0, at).trim() !== lucia.sessionCookieName) continue;
    const value = pair.slice(at + 1).trim();
    return /^[A-Za-z0-9_-]{1,255}$/.test(value) ? value : null;
  }
  return null;
}

export async function readSession(cookieHeader: string | null | undefined): Promise<SessionState> {
  const sessionId = sessionIdFrom(cookieHeader ?? "");
  if (!sessionId) return { viewer: null, sessionId: null, setCookie: null, memberLanguage: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) {
    return {
      viewer: null,
      sessionId: null,
      setCookie: lucia.createBlankSessionCookie().serialize(),
      memberLanguage: null,
    };
  }
  return {
    viewer: { id: user.id, handle: user.handle, displayName: user.displayName, role: user.role },
    sessionId: session.id,
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
    memberLanguage: user.language,
  };
}

/** Starts a new session (a fresh id at every login) and returns its Set-Cookie header value. */
export async function startSession(memberId: number): Promise<string> {
  const session = await lucia.createSession(memberId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(sessionId: string): Promise<string> {
  await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** A Set-Cookie value that clears the session cookie (for a session that is already gone). */
export function blankSessionCookie(): string {
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(memberId: number): Promise<void> {
  await lucia.invalidateUserSessions(memberId);
}

// Browsers drop tabs and line breaks from a URL and read a backslash as "/", so "/\t/evil.example" leaves the
// site just as "//evil.example" does; a line break would also make an invalid Location header (a 500).
const UNSAFE_IN_REDIRECT = /[\u0000-\u001f\u007f\\]/;
const PLACEHOLDER_ORIGIN = "http://redirect.invalid";

/**
 * Where to go after login: only a path on this site, never another host. The path is resolved as a browser
 * would and given back percent-encoded, so it is plain ASCII whatever was sent ("/日", U+2028, a lone
 * surrogate): a Location header cannot carry anything else, and Node refuses to send one that does (a 500).
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || UNSAFE_IN_REDIRECT.test(to))
    return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER_ORIGIN); // lone surrogates become U+FFFD on the way in
  } catch {
    return fallback;
  }
  // "/.//evil.example" resolves to the path "//evil.example", which a browser would read as another host.
  if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return url.pathname + url.search + url.hash;
}

export function loginUrlFor(request: Request): string {
  const url = new URL(request.url);
  return `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}

/** The signed-in member, or a redirect to log in that comes back to this page. */
export function requireViewer(request: Request, context: AppLoadContext): Viewer {
  if (!context.viewer) throw redirect(loginUrlFor(request));
  return context.viewer;
}

export function requireAnonymous(context: AppLoadContext, to = "/"): void {
  if (context.viewer) throw redirect(to);
}
