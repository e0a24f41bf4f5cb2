import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirectPath } from "~/auth/session.server";
import { isLanguage } from "~/lib/i18n";
import { languageCookieFor } from "~/lib/language.server";
import { setMemberLanguage } from "~/models/member-language.server";

// The language switch in the footer posts here (a plain form, no JavaScript needed). A visitor's choice is kept
// in a cookie; a member's is their setting too, so it follows them to other browsers. Then back to the page,
// without a `?lang=` that would pin it to the language just left (docs/decisions/0037).

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = form.get("language");
  // The page to go back to is in the form's address, as the header's "Log in" link carries it.
  const redirectTo = new URL(request.url).searchParams.get("redirectTo") ?? form.get("redirectTo");
  const back = new URL(safeRedirectPath(redirectTo), "http://redirect.invalid");
  back.searchParams.delete("lang");
  const to = back.pathname + back.search + back.hash;
  if (!isLanguage(language)) return redirect(to);
  if (context.viewer) await setMemberLanguage({ memberId: context.viewer.id, language });
  return redirect(to, { headers: { "Set-Cookie": await languageCookieFor(language) } });
}
