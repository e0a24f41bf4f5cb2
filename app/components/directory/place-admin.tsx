import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/error-summary";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { PLACE_NAME_MAX } from "~/lib/directory";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { Place } from "~/models/places.server";

/** /mod/places: the places members pick from in their profile, added and removed by moderators. */
export function PlaceAdmin({ places, errors, fields }: { places: Place[]; errors: FieldErrors; fields?: Fields }) {
  const { t } = useTranslation("directory");
  return (
    <div className="page narrow">
      <h1>{t("places.heading")}</h1>
      <ErrorSummary errors={errors} order={["name"]} />
      <p className="lede">{t("places.intro")}</p>
      <FormError message={errors.form} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="add" />
        <Field id="name" label={t("places.newName")} error={errors.name}>
          {(describedBy, invalid) => (
            <input
              id="name"
              name="name"
              required
              maxLength={PLACE_NAME_MAX * 2}
              defaultValue={fieldValue(fields, "name")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <div className="button-row">
          <button type="submit">{t("places.add")}</button>
        </div>
      </Form>
      <h2>{t("places.listHeading")}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("places.place")}</th>
            <th scope="col">{t("places.members")}</th>
            <th scope="col">{t("places.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {places.map((place) => (
            <tr key={place.id}>
              <td>{place.name}</td>
              <td>{t("places.memberCount", { count: place.memberCount })}</td>
              <td>
                {place.elsewhere ? (
                  <span className="muted small">{t("places.alwaysThere")}</span>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="placeId" value={place.id} />
                    <button
                      type="submit"
                      className="secondary"
                      aria-label={t("places.removeNamed", { name: place.name })}
                    >
                      {t("places.remove")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
