import { useTranslation } from "react-i18next";
import { BODY_MAX, type FieldErrors } from "~/lib/validation";
import {
  sectionFieldName,
  sectionHintKey,
  sectionTitleKey,
  STORY_SECTIONS,
  type StorySections,
} from "~/lib/story-sections";
import { MarkdownField } from "./markdown-field";

/**
 * A story's five guided sections, each its own labelled field whose guidance is a hint beside it (never text
 * in it). Empty sections are left out when the story is published (app/lib/story-sections.ts).
 */
export function StorySectionFields({ sections, errors }: { sections: StorySections; errors: FieldErrors }) {
  const { t } = useTranslation("composer");
  return (
    <fieldset className="story-sections">
      <legend>{t("story.legend")}</legend>
      <p className="field-hint">{t("story.hint", { max: BODY_MAX })}</p>
      {STORY_SECTIONS.map((section) => {
        const name = sectionFieldName(section.key);
        return (
          <MarkdownField
            key={section.key}
            id={name}
            name={name}
            label={t(sectionTitleKey(section.key))}
            hint={t(sectionHintKey(section.key))}
            error={errors[name]}
            defaultValue={sections[section.key]}
            rows={section.key === "context" ? 5 : 6}
          />
        );
      })}
    </fieldset>
  );
}
