import { createInstance, type i18n as I18n, type InitOptions } from "i18next";
import { initReactI18next } from "react-i18next";
import enCommon from "~/locales/en/common.json";
import enErrors from "~/locales/en/errors.json";
import enForms from "~/locales/en/forms.json";
import enThreads from "~/locales/en/threads.json";
import enComposer from "~/locales/en/composer.json";
import enBrowse from "~/locales/en/browse.json";
import enAccount from "~/locales/en/account.json";
import enSettings from "~/locales/en/settings.json";
import enEmail from "~/locales/en/email.json";
import enModeration from "~/locales/en/moderation.json";
import enRounds from "~/locales/en/rounds.json";
import enSeed from "~/locales/en/seed.json";
import enLanguages from "~/locales/en/languages.json";
import enMail from "~/locales/en/mail.json";
import enDirectory from "~/locales/en/directory.json";
import enShelf from "~/locales/en/shelf.json";
import enFacilitate from "~/locales/en/facilitate.json";
import esCommon from "~/locales/es/common.json";
import esErrors from "~/locales/es/errors.json";
import esForms from "~/locales/es/forms.json";
import esThreads from "~/locales/es/threads.json";
import esComposer from "~/locales/es/composer.json";
import esBrowse from "~/locales/es/browse.json";
import esAccount from "~/locales/es/account.json";
import esSettings from "~/locales/es/settings.json";
import esEmail from "~/locales/es/email.json";
import esModeration from "~/locales/es/moderation.json";
import esRounds from "~/locales/es/rounds.json";
import esSeed from "~/locales/es/seed.json";
import esLanguages from "~/locales/es/languages.json";
import esMail from "~/locales/es/mail.json";
import esDirectory from "~/locales/es/directory.json";
import esShelf from "~/locales/es/shelf.json";
import esFacilitate from "~/locales/es/facilitate.json";

// The interface languages and their catalogs (issue 18, docs/decisions/0037). Browser-safe: the server renders
// with these and the browser hydrates with the same, so both bundle the catalogs (no fetch before the first
// paint, no file reads in the server). A third language is one folder of JSON files and one line below.

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

export const resources = {
  en: {
    common: enCommon,
    errors: enErrors,
    forms: enForms,
    threads: enThreads,
    composer: enComposer,
    browse: enBrowse,
    account: enAccount,
    settings: enSettings,
    email: enEmail,
    moderation: enModeration,
    rounds: enRounds,
    seed: enSeed,
    languages: enLanguages,
    mail: enMail,
    directory: enDirectory,
    shelf: enShelf,
    facilitate: enFacilitate,
  },
  es: {
    common: esCommon,
    errors: esErrors,
    forms: esForms,
    threads: esThreads,
    composer: esComposer,
    browse: esBrowse,
    account: esAccount,
    settings: esSettings,
    email: esEmail,
    moderation: esModeration,
    rounds: esRounds,
    seed: esSeed,
    languages: esLanguages,
    mail: esMail,
    directory: esDirectory,
    shelf: esShelf,
    facilitate: esFacilitate,
  },
} satisfies Record<Language, Record<Namespace, unknown>>;

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
    resources,
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
