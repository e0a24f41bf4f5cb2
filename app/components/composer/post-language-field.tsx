import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-field";
import { POST_LANGUAGES, postLanguageName } from "~/lib/post-language";
import type { Fields } from "~/lib/validation";

/**
 * "Language of this post": a select of the post languages named in the reader's language (docs/decisions/0038).
 * Chosen, in order: what the writer sent (a form shown again with an error), the post's own (an edit), the
 * writer's interface language.
 */
export function PostLanguageField({
  current,
  fields,
  errors,
  idPrefix = "",
}: {
  /** The post's stored language (an edit); null or absent: a new post, or one of unknown language. */
  current?: string | null;
  fields?: Fields;
  errors?: Partial<Record<string, string>>;
  idPrefix?: string;
}) {
  const { t, i18n } = useTranslation("languages");
  const id = `${idPrefix}postLanguage`;
  const sent = fields?.postLanguage;
  const chosen = typeof sent === "string" ? sent : (current ?? i18n.language);
  return (
    <Field id={id} label={t("postLanguage.label")} error={errors?.postLanguage} hint={t("postLanguage.hint")}>
      {(describedBy, invalid) => (
        <select
          id={id}
          name="postLanguage"
          defaultValue={chosen}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className="post-language-select"
        >
          {POST_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {postLanguageName(code, i18n.language)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
