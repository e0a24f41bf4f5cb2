import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { siteOrigin } from "~/auth/lucia.server";
import { derivedSecret } from "./signed-token.server";
import { tr, translateMessage } from "./translate";

// A one-time message after an action ("Your reply is posted."), carried across the redirect in a signed,
// HttpOnly cookie and cleared by the response that shows it (the root loader). Works without JavaScript.
// The words always come from FLASH below, written by the server; nothing from the request is ever echoed.
// Visitor pages are cached: a request that carries this cookie bypasses the cache both ways (see
// visitor-pages.server.ts), so a message never lands in a page another visitor gets. docs/decisions/0019.

export const FLASH_COOKIE = "rt_flash";

/**
 * Every message a flash can say, as catalog keys (common:flash.*), translated when the flash is set, in the
 * language of the person acting. Names (a topic's, a member's) come from the database, never from the form.
 */
export const FLASH = {
  threadPublished: "common:flash.threadPublished",
  storyPublished: "common:flash.storyPublished",
  replyPosted: "common:flash.replyPosted",
  answerPosted: "common:flash.answerPosted",
  postEdited: "common:flash.postEdited",
  postDeleted: "common:flash.postDeleted",
  threadDeleted: "common:flash.threadDeleted",
  threadClosed: "common:flash.threadClosed",
  threadReopened: "common:flash.threadReopened",
  markedHelpful: "common:flash.markedHelpful",
  unmarkedHelpful: "common:flash.unmarkedHelpful",
  threadFollowed: "common:flash.threadFollowed",
  threadUnfollowed: "common:flash.threadUnfollowed",
  threadMuted: "common:flash.threadMuted",
  topicFollowed: (topic: string) => tr("common:flash.topicFollowed", { topic }),
  topicUnfollowed: (topic: string) => tr("common:flash.topicUnfollowed", { topic }),
  profileSaved: "common:flash.profileSaved",
  notificationsSaved: "common:flash.notificationsSaved",
  passwordChanged: "common:flash.passwordChanged",
  signedOutElsewhere: "common:flash.signedOutElsewhere",
  passwordReset: "common:flash.passwordReset",
  flagSent: "common:flash.flagSent",
  draftDeleted: "common:flash.draftDeleted",
  notificationsRead: "common:flash.notificationsRead",
  notificationRead: "common:flash.notificationRead",
  timeZoneSaved: "common:flash.timeZoneSaved",
  savedForLater: "common:flash.savedForLater",
  unsaved: "common:flash.unsaved",
  loggedIn: "common:flash.loggedIn",
  joined: "common:flash.joined",
  joinedToProfile: "common:flash.joinedToProfile",
  loggedOut: "common:flash.loggedOut",
  accountDeleted: "common:flash.accountDeleted",
  promptPublished: "common:flash.promptPublished",
  roundCreated: "common:flash.roundCreated",
  synthesisSaved: "common:flash.synthesisSaved",
  synthesisPublished: "common:flash.synthesisPublished",
  consentSaved: "common:flash.consentSaved",
  roleChanged: "common:flash.roleChanged",
} as const;

/** A message from FLASH (one of its keys, or what one of its functions returned), or another catalog key. */
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
  session.flash("flash", { id: randomUUID().slice(0, 8), message: translateMessage(message).slice(0, MESSAGE_MAX) });
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
