import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { i18nFor, languageOfMatches } from "~/lib/i18n";
import { useTranslation } from "react-i18next";

export const meta: MetaFunction = ({ matches }) => {
  const { t } = i18nFor(languageOfMatches(matches));
  return [{ title: t("errors:documentTitle", { title: t("account:deleted.title") }) }];
};

export default function AccountDeletedPage() {
  const { t } = useTranslation("account");
  return (
    <div className="page narrow">
      <h1>{t("deleted.title")}</h1>
      <p>{t("deleted.body")}</p>
      <p>
        <Link to="/">{t("deleted.home")}</Link>
      </p>
    </div>
  );
}
