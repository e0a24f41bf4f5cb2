import { Form } from "@remix-run/react";
import { CurrentPasswordField, FormError } from "~/components/form-field";
import type { FieldErrors, Fields } from "~/lib/validation";
import { SubmitButton } from "~/components/submit-button";
import { useTranslation } from "react-i18next";

/** "Download your data": a plain form, so that the browser saves the file the answer carries. */
export function DownloadYourData({ exportsPerHour, wait }: { exportsPerHour: number; wait: string | null }) {
  const { t } = useTranslation("settings");
  return (
    <section aria-labelledby="download-heading">
      <h2 id="download-heading">{t("account.download.heading")}</h2>
      <p>{t("account.download.what")}</p>
      {wait ? (
        <p className="notice" role="status">
          {t("account.download.wait", { count: exportsPerHour, wait })}
        </p>
      ) : null}
      <form method="post" action="/settings/account/export">
        <button type="submit">{t("account.download.submit")}</button>
      </form>
    </section>
  );
}

// Each choice's label and hint: settings:account.delete.<value>.label and .hint.
const POSTS_CHOICES = ["keep", "remove"] as const;

/** "Delete your account": what goes, the choice about posts, and the current password. */
export function DeleteYourAccount({
  counts,
  errors,
  fields,
}: {
  counts: { threads: number; posts: number; roundAnswers: number };
  errors: FieldErrors;
  fields: Fields | undefined;
}) {
  const { t } = useTranslation("settings");
  const chosen = typeof fields?.posts === "string" ? fields.posts : null;
  return (
    <section aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t("account.delete.heading")}</h2>
      <p>{t("account.delete.what")}</p>
      <p>
        {t("account.delete.counts", {
          posts: t("account.delete.posts", { count: counts.posts }),
          threads: t("account.delete.threads", { count: counts.threads }),
          answers: t("account.delete.answers", { count: counts.roundAnswers }),
        })}
      </p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="delete-account" />
        <FormError message={errors.form} />
        <fieldset
          className={errors.posts ? "field field-invalid" : "field"}
          aria-describedby={errors.posts ? "posts-error" : undefined}
        >
          <legend>{t("account.delete.postsLegend")}</legend>
          {errors.posts ? (
            <p id="posts-error" className="field-error" role="alert">
              {errors.posts}
            </p>
          ) : null}
          {POSTS_CHOICES.map((choice) => (
            <div key={choice} className="radio-option">
              <input
                type="radio"
                id={`posts-${choice}`}
                name="posts"
                value={choice}
                defaultChecked={chosen === choice}
                aria-describedby={`posts-${choice}-hint`}
              />{" "}
              <label htmlFor={`posts-${choice}`}>{t(`account.delete.${choice}.label`)}</label>
              <p id={`posts-${choice}-hint`} className="field-hint">
                {t(`account.delete.${choice}.hint`)}
              </p>
            </div>
          ))}
        </fieldset>
        <CurrentPasswordField
          id="deleteCurrentPassword"
          label={t("account.delete.currentPassword")}
          error={errors.currentPassword}
        />
        <SubmitButton className="danger" busyLabel={t("account.delete.submitting")}>
          {t("account.delete.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}
