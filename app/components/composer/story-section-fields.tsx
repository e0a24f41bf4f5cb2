import { BODY_MAX, type FieldErrors } from "~/lib/validation";
import { sectionFieldName, STORY_SECTIONS, type StorySections } from "~/lib/story-sections";
import { MarkdownField } from "./markdown-field";

/**
 * A story's five guided sections, each its own labelled field whose guidance is a hint beside it (never text
 * in it). Empty sections are left out when the story is published (app/lib/story-sections.ts).
 */
export function StorySectionFields({ sections, errors }: { sections: StorySections; errors: FieldErrors }) {
  return (
    <fieldset className="story-sections">
      <legend>Your story</legend>
      <p className="field-hint">
        Write the sections that fit your story and leave the others empty: each one you write is published under its
        heading. Markdown works (**bold**, lists, &gt; quotes, links; mention someone with @handle). Up to{" "}
        {BODY_MAX.toLocaleString("en-US")} characters in all.
      </p>
      {STORY_SECTIONS.map((section) => {
        const name = sectionFieldName(section.key);
        return (
          <MarkdownField
            key={section.key}
            id={name}
            name={name}
            label={section.title}
            hint={section.hint}
            error={errors[name]}
            defaultValue={sections[section.key]}
            rows={section.key === "context" ? 5 : 6}
          />
        );
      })}
    </fieldset>
  );
}
