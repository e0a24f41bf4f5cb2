import { createInstance, type i18n as I18n, type InitOptions } from "i18next";
import { initReactI18next } from "react-i18next";

// The interface languages and their catalogs (issue 18, docs/decisions/0037). Browser-safe: the server renders
// with these and the browser hydrates with the same words. A third language is one folder of JSON files (with
// its index.ts), one line below and one line in lib/catalogs.server.ts and lib/catalog-loaders.ts.

export const LANGUAGES = ["en", "es"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Each language's name in itself, for the language switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", es: "Español" };

// One namespace per area of the interface, so the people translating an area work in one file.
export const NAMESPACES = [
  "common",
  "errors",
  "forms",
  "threads",
  "composer",
  "browse",
  "account",
  "settings",
  "email",
  "moderation",
  "rounds",
  "seed",
  "languages",
  "mail",
  "directory",
  "shelf",
  "facilitate",
] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** One language's catalogs: every namespace's keys (app/locales/<language>/index.ts). */
export type Catalog = Record<Namespace, object>;

// The catalogs this process holds. The server holds every language (lib/catalogs.server.ts adds them at
// start); the browser holds only its page's, loaded before it hydrates (entry.client.tsx), so a reader
// downloads one language's words, not all of them.
const catalogs = new Map<Language, Catalog>();

/** Makes a language's catalogs available to createI18n and i18nFor. */
export function addCatalog(language: Language, catalog: Catalog): void {
  catalogs.set(language, catalog);
}

function resourcesFor(language: Language): Record<string, Catalog> {
  const own = catalogs.get(language);
  const fallback = catalogs.get(DEFAULT_LANGUAGE);
  if (!own) throw new Error(`The ${language} catalogs are not loaded.`);
  return { [language]: own, ...(fallback && language !== DEFAULT_LANGUAGE ? { [DEFAULT_LANGUAGE]: fallback } : {}) };
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export function i18nOptions(language: Language): InitOptions {
  return {
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: [...NAMESPACES],
    defaultNS: "common",
    resources: resourcesFor(language),
    // React escapes what it renders; i18next escaping too would show "&amp;" for "&".
    interpolation: { escapeValue: false },
    // Catalogs are in memory: initialising is synchronous, so the first render already has the text.
    initImmediate: false,
    react: { useSuspense: false },
  };
}

/** A ready i18next instance for one language (the server keeps one per language; the browser makes one). */
export function createI18n(language: Language): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init(i18nOptions(language));
  return instance;
}

const fixed = new Map<Language, I18n>();

/** The shared instance for a language, made once: for text outside React (page titles in meta functions). */
export function i18nFor(language: Language): I18n {
  let instance = fixed.get(language);
  if (!instance) fixed.set(language, (instance = createI18n(language)));
  return instance;
}

/** The page's language, from the root loader's data among a meta function's `matches`. */
export function languageOfMatches(matches: ReadonlyArray<{ id: string; data?: unknown }>): Language {
  const data = matches.find((match) => match.id === "root")?.data as { language?: unknown } | undefined;
  return isLanguage(data?.language) ? data.language : DEFAULT_LANGUAGE;
}
