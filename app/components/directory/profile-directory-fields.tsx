import { useTranslation } from "react-i18next";
import { Field, fieldValue } from "~/components/form-field";
import { ASK_LINE_MAX, ASK_LINES_MAX, DIRECTORY_LISTINGS } from "~/lib/directory";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { DirectoryProfile } from "~/models/directory-profile.server";
import type { Place } from "~/models/places.server";

interface ProfileDirectoryFieldsProps {
  profile: DirectoryProfile;
  places: Place[];
  languageNames: Record<string, string>;
  errors: FieldErrors;
  /** What was sent, when the form comes back with an error. */
  fields: Fields | undefined;
}

/** The directory's part of the profile form: place, "ask me about", languages, and who finds the member. */
export function ProfileDirectoryFields({
  profile,
  places,
  languageNames,
  errors,
  fields,
}: ProfileDirectoryFieldsProps) {
  const { t } = useTranslation("directory");
  const languages = new Set(fields ? ([] as string[]).concat(fields.workLanguages ?? []) : profile.languages);
  const listing = fieldValue(fields, "directoryListing", profile.listing);
  return (
    <fieldset className="stack" id="directory-fields">
      <legend>{t("form.legend")}</legend>
      <input type="hidden" name="directoryFields" value="1" />
      <Field id="placeId" label={t("form.place")} error={errors.placeId} hint={t("form.placeHint")}>
        {(describedBy, invalid) => (
          <select
            id="placeId"
            name="placeId"
            defaultValue={fieldValue(fields, "placeId", profile.placeId ? String(profile.placeId) : "")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">{t("form.noPlace")}</option>
            {places.map((place) => (
              <option key={place.id} value={place.id}>
                {place.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="askMeAbout"
        label={t("form.ask")}
        error={errors.askMeAbout}
        hint={t("form.askHint", { lines: ASK_LINES_MAX, characters: ASK_LINE_MAX })}
      >
        {(describedBy, invalid) => (
          <textarea
            id="askMeAbout"
            name="askMeAbout"
            rows={ASK_LINES_MAX}
            defaultValue={fieldValue(fields, "askMeAbout", profile.askMeAbout.join("\n"))}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <fieldset
        id="workLanguages"
        className="field"
        aria-describedby={errors.workLanguages ? "workLanguages-error" : undefined}
      >
        <legend>{t("form.languages")}</legend>
        {errors.workLanguages ? (
          <p id="workLanguages-error" className="field-error" role="alert">
            {errors.workLanguages}
          </p>
        ) : null}
        <ul className="checkbox-grid">
          {Object.entries(languageNames).map(([code, name]) => (
            <li key={code}>
              <label>
                <input type="checkbox" name="workLanguages" value={code} defaultChecked={languages.has(code)} /> {name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset id="directoryListing" className="field">
        <legend>{t("form.listing")}</legend>
        {DIRECTORY_LISTINGS.map((value) => (
          <label key={value} className="radio-option">
            <input type="radio" name="directoryListing" value={value} defaultChecked={listing === value} />{" "}
            {t(`form.listingOption.${value}`)}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
