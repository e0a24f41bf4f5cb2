import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from "./i18n";

// Which language a page is in (issue 18, docs/decisions/0037), in this order:
// 1. `?lang=` on the address: the URL of one language's version, as the hreflang alternates name them;
// 2. the member's own setting (members.language);
// 3. a visitor's choice from the language switch, kept in the `lang` cookie;
// 4. the browser's Accept-Language; English when none of them names a language we have.

/** The visitor's choice; a year, readable by nothing but the server's language choice. */
export const languageCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production" && !process.env.ORIGIN?.startsWith("http://"),
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    // The address and the member's setting come first, in chooseLanguage; the library reads the rest.
    order: ["cookie", "header"],
  },
});

export interface LanguageInputs {
  url: string;
  cookieHeader: string | null | undefined;
  acceptLanguage: string | null | undefined;
  /** members.language of the signed-in member (null: none chosen, or a visitor). */
  memberLanguage: string | null | undefined;
}

/** The page's language from the address, the member's setting, the cookie and Accept-Language, in that order. */
export async function chooseLanguage(inputs: LanguageInputs): Promise<Language> {
  const url = new URL(inputs.url);
  const fromAddress = url.searchParams.get("lang");
  if (isLanguage(fromAddress)) return fromAddress;
  if (isLanguage(inputs.memberLanguage)) return inputs.memberLanguage;
  const headers = new Headers();
  if (inputs.cookieHeader) headers.set("Cookie", inputs.cookieHeader);
  if (inputs.acceptLanguage) headers.set("Accept-Language", inputs.acceptLanguage);
  const found = await detector.getLocale(new Request(url, { headers }));
  return isLanguage(found) ? found : DEFAULT_LANGUAGE;
}

/** The Set-Cookie value that keeps a visitor's choice. */
export function languageCookieFor(language: Language): Promise<string> {
  return languageCookie.serialize(language);
}
