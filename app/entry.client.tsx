import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, DEFAULT_LANGUAGE, isLanguage } from "~/lib/i18n";
import { setLanguageSource } from "~/lib/translate";

// The server wrote the page's language in <html lang>; hydrate in the same one, with the same catalogs.
const pageLanguage = document.documentElement.lang;
const language = isLanguage(pageLanguage) ? pageLanguage : DEFAULT_LANGUAGE;
const i18n = createI18n(language);
setLanguageSource(() => language);

startTransition(() => {
  hydrateRoot(
    document,
    <I18nextProvider i18n={i18n}>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </I18nextProvider>,
  );
});
