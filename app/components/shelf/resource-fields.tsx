import { useTranslation } from "react-i18next";
import { Field, fieldValue } from "~/components/form-field";
import { AUDIENCE_MAX, LINK_MAX, RESOURCE_COSTS, RESOURCE_TYPES } from "~/lib/shelf";
import type { FieldErrors, Fields } from "~/lib/validation";

/** A resource's own fields in the thread composer: link, type, who it is for, cost, language. */
export function ResourceFields({
  fields,
  errors,
  languageNames,
}: {
  fields: Fields | undefined;
  errors: FieldErrors;
  languageNames: Record<string, string>;
}) {
  const { t } = useTranslation("shelf");
  const type = fieldValue(fields, "resourceType");
  const cost = fieldValue(fields, "cost", "free");
  return (
    <fieldset className="stack" id="resource-fields">
      <legend>{t("form.legend")}</legend>
      <Field id="linkUrl" label={t("form.link")} error={errors.linkUrl} hint={t("form.linkHint")}>
        {(describedBy, invalid) => (
          <input
            id="linkUrl"
            name="linkUrl"
            type="url"
            inputMode="url"
            maxLength={LINK_MAX * 2}
            defaultValue={fieldValue(fields, "linkUrl")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <fieldset
        id="resourceType"
        className="field"
        aria-describedby={errors.resourceType ? "resourceType-error" : undefined}
      >
        <legend>{t("form.type")}</legend>
        {errors.resourceType ? (
          <p id="resourceType-error" className="field-error" role="alert">
            {errors.resourceType}
          </p>
        ) : null}
        {RESOURCE_TYPES.map((value) => (
          <label key={value} className="radio-option">
            <input type="radio" name="resourceType" value={value} defaultChecked={type === value} />{" "}
            {t(`type.${value}`)}
          </label>
        ))}
      </fieldset>
      <Field
        id="audience"
        label={t("form.audience")}
        error={errors.audience}
        hint={t("form.audienceHint", { max: AUDIENCE_MAX })}
      >
        {(describedBy, invalid) => (
          <input
            id="audience"
            name="audience"
            maxLength={AUDIENCE_MAX * 2}
            defaultValue={fieldValue(fields, "audience")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <fieldset id="cost" className="field">
        <legend>{t("form.cost")}</legend>
        {errors.cost ? (
          <p className="field-error" role="alert">
            {errors.cost}
          </p>
        ) : null}
        {RESOURCE_COSTS.map((value) => (
          <label key={value} className="radio-option">
            <input type="radio" name="cost" value={value} defaultChecked={cost === value} /> {t(`cost.${value}`)}
          </label>
        ))}
      </fieldset>
      <Field id="language" label={t("form.language")} error={errors.language}>
        {(describedBy, invalid) => (
          <select
            id="language"
            name="language"
            defaultValue={fieldValue(fields, "language", "en")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            {Object.entries(languageNames).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
