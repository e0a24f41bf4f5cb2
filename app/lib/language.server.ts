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
  if (inputs.url.includes("lang=")) {
    const fromAddress = URL.canParse(inputs.url) ? new URL(inputs.url).searchParams.get("lang") : null;
    if (isLanguage(fromAddress)) return fromAddress;
  }
  if (isLanguage(inputs.memberLanguage)) return inputs.memberLanguage;
  // Only the lang cookie and Accept-Language matter from here, and browsers send few distinct pairs: the answer
  // is remembered per pair (10-20 µs each time otherwise, a sixth of what a cached page costs to serve).
  const cookie = LANG_COOKIE.exec(inputs.cookieHeader ?? "")?.[0] ?? "";
  const acceptLanguage = inputs.acceptLanguage ?? "";
  const key = `${cookie}\n${acceptLanguage}`;
  const known = detected.get(key);
  if (known) return known;
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  if (acceptLanguage) headers.set("Accept-Language", acceptLanguage);
  const found = await detector.getLocale(new Request("http://localhost/", { headers }));
  const language = isLanguage(found) ? found : DEFAULT_LANGUAGE;
  if (key.length <= DETECTED_KEY_MAX) {
    if (detected.size >= DETECTED_MAX) detected.clear();
    detected.set(key, language);
  }
  return language;
}

const LANG_COOKIE = /(?<=^|;\s*)lang=[^;]*/;
// Bounded: the pairs are the client's to choose.
const detected = new Map<string, Language>();
const DETECTED_MAX = 1000;
const DETECTED_KEY_MAX = 300;

/** The Set-Cookie value that keeps a visitor's choice. */
export function languageCookieFor(language: Language): Promise<string> {
  return languageCookie.serialize(language);
}
