import type { Catalog, Language } from "./i18n";

// The browser's catalogs: one chunk per language (the bundler splits each dynamic import into its own file),
// fetched before hydration, so a reader downloads only their page's language.
export const CATALOG_LOADERS: Record<Language, () => Promise<{ default: Catalog }>> = {
  en: () => import("~/locales/en"),
  es: () => import("~/locales/es"),
};
