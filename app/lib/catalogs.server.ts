import english from "~/locales/en";
import spanish from "~/locales/es";
import { addCatalog, type Catalog, type Language } from "./i18n";

// The server holds every language's catalogs, from its first import on (entry.server and the request
// language both import this module, so any code that translates on the server has them).

export const SERVER_CATALOGS: Record<Language, Catalog> = { en: english, es: spanish };
for (const [language, catalog] of Object.entries(SERVER_CATALOGS)) addCatalog(language as Language, catalog);
