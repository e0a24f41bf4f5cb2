import type { TOptions } from "i18next";
import { DEFAULT_LANGUAGE, i18nFor, type Language } from "./i18n";

// Text made outside React components: validation messages, refusals thrown by the domain modules, flash
// messages, page titles, emails (issue 18, docs/decisions/0037). Components use react-i18next's useTranslation;
// everything else calls tr(), which translates into the language of the work in progress: on the server the
// request's language (request-language.server.ts keeps it for the request's whole async path) or the one an
// email is being written in (inLanguage), in the browser the page's. So a model can say
// `throw new PostingRefusedError(tr("threads:refusal.locked"))` without being handed the language.

let currentLanguage: () => Language = () => DEFAULT_LANGUAGE;

/** Where tr() learns the language of the work in progress: set once by the server and by the browser. */
export function setLanguageSource(source: () => Language): void {
  currentLanguage = source;
}

/** The language tr() translates into right now. */
export function languageNow(): Language {
  return currentLanguage();
}

/** A key ("namespace:path.to.key") in the current language, with its {{values}} and plural (`count`). */
export function tr(key: string, values?: TOptions): string {
  return i18nFor(currentLanguage()).t(key, values) as string;
}

// A message key as a schema writes it: a namespace, a colon, then a dotted path (no spaces).
const MESSAGE_KEY = /^[a-z][a-zA-Z]*:[\w.-]+$/;

/**
 * A message that may be a key: a schema's messages are written as keys ("forms:text.required") so they are
 * translated when a form is judged, in the language of the person who sent it, with the numbers
 * (minimum, maximum) and any values given. A message that is not a key is shown as it is.
 */
export function translateMessage(message: string, values?: TOptions): string {
  if (!MESSAGE_KEY.test(message)) return message;
  const i18n = i18nFor(currentLanguage());
  return i18n.exists(message) ? (i18n.t(message, values) as string) : message;
}
