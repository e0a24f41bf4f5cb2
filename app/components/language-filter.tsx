import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { POST_LANGUAGES, postLanguageName } from "~/lib/post-language";

/** The language select of a filter form: "Any language", then the post languages in the reader's words. */
export function LanguageSelectField({ value, id = "language" }: { value?: string | null; id?: string }) {
  const { t, i18n } = useTranslation("languages");
  return (
    <div className="field">
      <label htmlFor={id}>{t("filter.label")}</label>
      <select id={id} name="language" defaultValue={value ?? ""}>
        <option value="">{t("filter.any")}</option>
        {POST_LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {postLanguageName(code, i18n.language)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A list's language filter on its own (a topic's threads): a GET form keeping the list's other choices, so it
 * works without JavaScript. Posts of unknown language show only when no language is chosen.
 */
export function LanguageFilterForm({
  value,
  keep,
}: {
  value?: string | null;
  keep: Record<string, string | undefined>;
}) {
  const { t } = useTranslation("languages");
  return (
    <Form method="get" className="language-filter">
      {Object.entries(keep).map(([name, kept]) =>
        kept ? <input key={name} type="hidden" name={name} value={kept} /> : null,
      )}
      <LanguageSelectField value={value} id="language-filter" />
      <button type="submit" className="secondary small-button">
        {t("filter.apply")}
      </button>
    </Form>
  );
}
