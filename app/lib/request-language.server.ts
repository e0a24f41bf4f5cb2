import { AsyncLocalStorage } from "node:async_hooks";
import "./catalogs.server";
import { DEFAULT_LANGUAGE, type Language } from "./i18n";
import { setLanguageSource } from "./translate";

// The language of the work in progress on the server, for tr() (lib/translate.ts): the request's, from the
// moment the server chose it (app/server.ts) to the last byte of its answer, or the recipient's while an email
// is written. AsyncLocalStorage follows the work through every await, so no function needs the language
// passed down; work outside any request (the mail worker, jobs) is in English unless it says otherwise.

const language = new AsyncLocalStorage<Language>();
setLanguageSource(() => language.getStore() ?? DEFAULT_LANGUAGE);

/** Runs `work` (and everything it awaits) in a language: a request's, or an email's recipient's. */
export function inLanguage<T>(work: () => T, chosen: Language): T {
  return language.run(chosen, work);
}
