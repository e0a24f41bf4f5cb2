import { useLocation } from "@remix-run/react";
import { createContext, useContext } from "react";
import { languageAlternates } from "~/lib/language-alternates";

/** The status the server renders this document with (entry.server); null in the browser. */
export const DocumentStatusContext = createContext<number | null>(null);

// In the browser, whether the server sent this document with alternates, read before hydration so the first
// render matches it; client navigations keep that answer (crawlers load each address as a document).
const servedWithAlternates =
  typeof document !== "undefined" && document.head.querySelector('link[rel="alternate"][hreflang]') !== null;

/**
 * The page's hreflang alternates (docs/decisions/0037), on pages that answer 200 only: an error page is no
 * version of anything, and must not echo the address it was asked for.
 */
export function LanguageAlternates({ origin }: { origin: string | undefined }) {
  const status = useContext(DocumentStatusContext);
  const location = useLocation();
  const show = status === null ? servedWithAlternates : status === 200;
  if (!show || !origin) return null;
  return languageAlternates(location.pathname + location.search, origin).map((alternate) => (
    <link key={alternate.hrefLang} rel="alternate" hrefLang={alternate.hrefLang} href={alternate.href} />
  ));
}
