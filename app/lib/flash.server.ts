import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { siteOrigin } from "~/auth/lucia.server";
import { derivedSecret } from "./signed-token.server";

// A one-time message after an action ("Your reply is posted."), carried across the redirect in a signed,
// HttpOnly cookie and cleared by the response that shows it (the root loader). Works without JavaScript.
// The words always come from FLASH below, written by the server; nothing from the request is ever echoed.
// Visitor pages are cached: a request that carries this cookie bypasses the cache both ways (see
// visitor-pages.server.ts), so a message never lands in a page another visitor gets. docs/decisions/0019.

export const FLASH_COOKIE = "rt_flash";

/** Every message a flash can say. Names (a topic's, a member's) come from the database, never from the form. */
export const FLASH = {
  threadPublished: "Your discussion is published.",
  storyPublished: "Your story is published.",
  replyPosted: "Your reply is posted.",
  answerPosted: "Your answer is posted.",
  postEdited: "Your changes are saved.",
  postDeleted: "The post is deleted.",
  threadDeleted: "The post is deleted, and its discussion with it.",
  threadClosed: "Replies are closed.",
  threadReopened: "Replies are open again.",
  markedHelpful: "Marked as helpful.",
  unmarkedHelpful: "No longer marked as helpful.",
  threadFollowed: "You follow this discussion now.",
  threadUnfollowed: "You no longer follow this discussion.",
  threadMuted: "This discussion is muted.",
  topicFollowed: (topic: string) => `You follow ${topic} now.`,
  topicUnfollowed: (topic: string) => `You no longer follow ${topic}.`,
  profileSaved: "Your profile is saved.",
  notificationsSaved: "Your email settings are saved.",
  passwordChanged: "Your password is changed, and you are signed out everywhere else.",
  signedOutElsewhere: "You are signed out everywhere else.",
  passwordReset: "Your new password is saved. You are signed in here and signed out everywhere else.",
  flagSent: "Thank you. Your flag went to the moderators; you'll find their decision here.",
  draftDeleted: "The draft is deleted.",
  notificationsRead: "All notifications are marked as read.",
  notificationRead: "Marked as read.",
  timeZoneSaved: "Your time zone is saved.",
  savedForLater: "Saved for later. Find it under Saved.",
  unsaved: "Removed from your saved posts.",
  loggedIn: "Welcome back. You are logged in.",
  joined: "Welcome to Roundtable! Your account is ready.",
  joinedToProfile: "Welcome to Roundtable! Tell other practitioners a little about your work.",
  loggedOut: "You are logged out.",
  accountDeleted: "Your account is deleted.",
  promptPublished: "The prompt is published.",
  roundCreated: "The round is created. Its followers hear about it when it opens.",
  synthesisSaved: "Draft saved.",
  synthesisPublished: "The synthesis is published, and the members it quotes have been told.",
  consentSaved: "Your choice is saved, with today's date.",
  roleChanged: "Role changed. It is in the moderation log.",
} as const;

/** A message from FLASH (one of its strings, or what one of its functions returned). */
export type FlashMessage = string;

export interface Flash {
  id: string;
  message: string;
}

const MESSAGE_MAX = 300;
let storage: Promise<SessionStorage> | undefined;

function flashStorage(): Promise<SessionStorage> {
  storage ??= derivedSecret("flash-cookie").then((secret) =>
    createCookieSessionStorage({
      cookie: {
        name: FLASH_COOKIE,
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: siteOrigin()?.startsWith("https:") ?? false,
        secrets: [secret],
        // A message is for the page right after the action, not for a visit days later.
        maxAge: 10 * 60,
      },
    }),
  );
  return storage;
}

/** The Set-Cookie value that carries `message` to the next page. */
export async function flashCookie(message: FlashMessage): Promise<string> {
  const sessions = await flashStorage();
  const session = await sessions.getSession();
  session.flash("flash", { id: randomUUID().slice(0, 8), message: message.slice(0, MESSAGE_MAX) });
  return sessions.commitSession(session);
}

/** A redirect that shows `message` on the page it leads to (other Set-Cookie headers in `init` are kept). */
export async function redirectWithFlash(to: string, message: FlashMessage, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie(message));
  return redirect(to, { ...init, headers });
}

/** Whether a Cookie header carries a flash (checked without verifying it: any such request skips the cache). */
export function hasFlashCookie(cookieHeader: string | null | undefined): boolean {
  return Boolean(cookieHeader && new RegExp(`(?:^|;\\s*)${FLASH_COOKIE}=`).test(cookieHeader));
}

/**
 * The request's flash, if any, and the Set-Cookie that clears it (for the response that shows it). A cookie
 * whose signature does not match is ignored, and cleared too.
 */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!hasFlashCookie(cookieHeader)) return { flash: null, setCookie: null };
  const sessions = await flashStorage();
  const session = await sessions.getSession(cookieHeader);
  const value: unknown = session.get("flash");
  const setCookie = await sessions.destroySession(session);
  return { flash: isFlash(value) ? value : null, setCookie };
}

function isFlash(value: unknown): value is Flash {
  if (typeof value !== "object" || value === null) return false;
  const { id, message } = value as Record<string, unknown>;
  return typeof id === "string" && typeof message === "string" && message.length > 0 && message.length <= MESSAGE_MAX;
}
