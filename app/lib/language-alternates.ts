import { LANGUAGES } from "./i18n";

// hreflang alternates (docs/decisions/0037). One address serves every language, chosen per reader (setting,
// cookie, Accept-Language), so the address alone names no language: each language's version is the same
// address with `?lang=`, which wins over everything else, and the bare address is the x-default.

export interface LanguageAlternate {
  hrefLang: string;
  href: string;
}

/** The alternates of the page at `path` (with its query), as absolute URLs on `origin`. Browser-safe. */
export function languageAlternates(path: string, origin: string): LanguageAlternate[] {
  const url = new URL(path, origin);
  const params = new URLSearchParams(url.search);
  params.delete("lang");
  params.delete("_data");
  const base = `${origin}${url.pathname}`;
  const withLang = (language: string) => {
    const query = new URLSearchParams(params);
    query.set("lang", language);
    query.sort();
    return `${base}?${query.toString()}`;
  };
  params.sort();
  const rest = params.toString();
  return [
    ...LANGUAGES.map((language) => ({ hrefLang: language, href: withLang(language) })),
    { hrefLang: "x-default", href: rest ? `${base}?${rest}` : base },
  ];
}
