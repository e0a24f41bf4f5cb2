import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ABOUT_PAGE_MARKDOWN } from "~/content/about";
import { i18nFor, languageOfMatches, type Language } from "~/lib/i18n";
import { renderMarkdown } from "~/lib/markdown.server";
import { languageNow, tr } from "~/lib/translate";

export const meta: MetaFunction = ({ matches }) => [
  { title: i18nFor(languageOfMatches(matches)).t("browse:about.title") },
];

// Rendered once per language (the catalogs do not change while the server runs): at most one entry each.
const aboutHtml = new Map<Language, string>();

export async function loader() {
  const language = languageNow();
  let html = aboutHtml.get(language);
  if (html === undefined) aboutHtml.set(language, (html = renderMarkdown(tr(ABOUT_PAGE_MARKDOWN))));
  return json({ html });
}

export default function AboutPage() {
  const { html } = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  return (
    <div className="page narrow">
      <h1>{t("about.title")}</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
