import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field, fieldValue } from "~/components/form-field";
import { HIDE_POST_NOTE_MAX, SUSPENSION_LENGTHS } from "~/lib/flags";
import { HIDE_REASONS } from "~/lib/moderation";
import type { FieldErrors, Fields } from "~/lib/validation";
import { SubmitButton } from "~/components/submit-button";

interface HidePostFormProps {
  /** Set on pages with several posts: sent as `postId`, and makes the field ids unique. */
  postId?: number;
  intent: "hide" | "hide-suspend";
  submitLabel: string;
  errors: FieldErrors;
  /** What was typed, when this form failed. */
  fields: Fields | undefined;
  children?: ReactNode;
}

/** A moderator hides a post with a reason (and a note, needed with “Other”); optionally suspends its author. */
export function HidePostForm({ postId, intent, submitLabel, errors, fields, children }: HidePostFormProps) {
  const { t } = useTranslation("moderation");
  const prefix = postId === undefined ? intent : `${intent}-${postId}`;
  return (
    <Form method="post" noValidate className="stack">
      <input type="hidden" name="intent" value={intent} />
      {postId !== undefined ? <input type="hidden" name="postId" value={postId} /> : null}
      {children}
      <HideReasonFields idPrefix={prefix} noteMax={HIDE_POST_NOTE_MAX} errors={errors} fields={fields} />
      {intent === "hide-suspend" ? (
        <SuspensionLength prefix={prefix} error={errors.length} chosen={fieldValue(fields, "length")} />
      ) : null}
      <SubmitButton busyLabel={t("hideForm.busy")}>{submitLabel}</SubmitButton>
    </Form>
  );
}

/**
 * The reason and the note to the author, for hiding a post or a whole thread. Field ids are `reason` and
 * `note`, or `<idPrefix>-reason` and `<idPrefix>-note` where a page has several such forms.
 */
export function HideReasonFields({
  idPrefix,
  noteMax,
  errors,
  fields,
}: {
  idPrefix?: string;
  noteMax: number;
  errors: FieldErrors;
  fields: Fields | undefined;
}) {
  const { t } = useTranslation("moderation");
  const reasonId = idPrefix ? `${idPrefix}-reason` : "reason";
  const noteId = idPrefix ? `${idPrefix}-note` : "note";
  return (
    <>
      <Field id={reasonId} label={t("hideForm.reason")} error={errors.reason}>
        {(describedBy, invalid) => (
          <select
            id={reasonId}
            name="reason"
            required
            defaultValue={fieldValue(fields, "reason")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">{t("hideForm.chooseReason")}</option>
            {Object.entries(HIDE_REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {t(label)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={noteId} label={t("hideForm.note")} error={errors.note} hint={t("hideForm.noteHint", { max: noteMax })}>
        {(describedBy, invalid) => (
          <textarea
            id={noteId}
            name="note"
            rows={2}
            defaultValue={fieldValue(fields, "note")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
    </>
  );
}

function SuspensionLength({ prefix, error, chosen }: { prefix: string; error: string | undefined; chosen: string }) {
  const { t } = useTranslation("moderation");
  const errorId = `${prefix}-length-error`;
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined}>
      <legend>{t("hideForm.suspendFor")}</legend>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="radio-list">
        {Object.entries(SUSPENSION_LENGTHS).map(([value, { label }]) => (
          <li key={value}>
            <label>
              <input type="radio" name="length" value={value} required defaultChecked={chosen === value} /> {t(label)}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
