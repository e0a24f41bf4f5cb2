import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { CATALOG_LOADERS } from "~/lib/catalog-loaders";
import { addCatalog, createI18n, DEFAULT_LANGUAGE, isLanguage } from "~/lib/i18n";
import { setLanguageSource } from "~/lib/translate";

// The server wrote the page's language in <html lang>; hydrate in the same one, with the same words: that
// language's catalogs are fetched first (one chunk), so hydration never shows a key or another language.
const pageLanguage = document.documentElement.lang;
const language = isLanguage(pageLanguage) ? pageLanguage : DEFAULT_LANGUAGE;
setLanguageSource(() => language);

void CATALOG_LOADERS[language]().then(({ default: catalog }) => {
  addCatalog(language, catalog);
  const i18n = createI18n(language);
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
});
