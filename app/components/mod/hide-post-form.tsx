import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, fieldValue } from "~/components/form-field";
import { HIDE_POST_NOTE_MAX, SUSPENSION_LENGTHS } from "~/lib/flags";
import { HIDE_REASONS } from "~/lib/moderation";
import type { FieldErrors, Fields } from "~/lib/validation";

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
  const prefix = postId === undefined ? intent : `${intent}-${postId}`;
  return (
    <Form method="post" noValidate className="stack">
      <input type="hidden" name="intent" value={intent} />
      {postId !== undefined ? <input type="hidden" name="postId" value={postId} /> : null}
      {children}
      <Field id={`${prefix}-reason`} label="Reason" error={errors.reason}>
        {(describedBy, invalid) => (
          <select
            id={`${prefix}-reason`}
            name="reason"
            required
            defaultValue={fieldValue(fields, "reason")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          >
            <option value="">Choose a reason</option>
            {Object.entries(HIDE_REASONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${prefix}-note`}
        label="Note to the author"
        error={errors.note}
        hint={`Needed with “Other”. Up to ${HIDE_POST_NOTE_MAX} characters.`}
      >
        {(describedBy, invalid) => (
          <textarea
            id={`${prefix}-note`}
            name="note"
            rows={2}
            defaultValue={fieldValue(fields, "note")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      {intent === "hide-suspend" ? (
        <SuspensionLength prefix={prefix} error={errors.length} chosen={fieldValue(fields, "length")} />
      ) : null}
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}

function SuspensionLength({ prefix, error, chosen }: { prefix: string; error: string | undefined; chosen: string }) {
  const errorId = `${prefix}-length-error`;
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined}>
      <legend>Suspend the author for</legend>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="radio-list">
        {Object.entries(SUSPENSION_LENGTHS).map(([value, { label }]) => (
          <li key={value}>
            <label>
              <input type="radio" name="length" value={value} required defaultChecked={chosen === value} /> {label}
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
