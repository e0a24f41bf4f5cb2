import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/auth/session.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export async function loader() {
  // Logging out changes state, so it is a POST; a GET just goes home.
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  if (!context.sessionId) return redirect("/");
  return redirectWithFlash("/", FLASH.loggedOut, { headers: { "Set-Cookie": await endSession(context.sessionId) } });
}
