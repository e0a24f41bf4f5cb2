import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { dateInputValue, DAY_MS } from "~/lib/date-input";
import { formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { isFormerMemberHandle } from "~/lib/former-member";
import { MEMBER_NOTE_MAX, SUSPEND_REASON_MAX, SUSPENSION_LENGTHS } from "~/lib/member-moderation-schemas";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { ActiveSuspension, MemberNoteView } from "~/models/members-moderation.server";
import { SubmitButton } from "~/components/submit-button";

export function suspensionEnd(endsAt: number | null, language: string): string {
  return endsAt === null ? "indefinitely, until a moderator lifts it" : `until ${formatDateTime(endsAt, language)}`;
}

/** The member's current suspension with the form that lifts it, or a line saying there is none. */
export function CurrentSuspension({
  suspension,
  errors,
}: {
  suspension: SerializeFrom<ActiveSuspension> | null;
  errors: FieldErrors;
}) {
  const language = usePageLanguage();
  if (!suspension) return <p>Not suspended.</p>;
  return (
    <div className="notice stack">
      <p>
        <strong>Suspended {suspensionEnd(suspension.endsAt, language)}</strong> (since{" "}
        {formatDateTime(suspension.startsAt, language)}).
      </p>
      <p>Reason: {suspension.reason}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="lift" />
        <SubmitButton busyLabel="Lifting…">Lift suspension</SubmitButton>
      </Form>
      <FormError message={errors.lift} />
    </div>
  );
}

/** Suspend: a reason and how long. The member keeps reading; every session of theirs ends. */
export function SuspendForm({ errors, fields, now }: { errors: FieldErrors; fields: Fields | undefined; now: number }) {
  const length = fieldValue(fields, "length", "7d");
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="suspend" />
      <Field
        id="suspend-reason"
        label="Reason"
        error={errors.reason}
        hint={`The member sees this on every page while suspended. Up to ${SUSPEND_REASON_MAX} characters.`}
      >
        {(describedBy, invalid) => (
          <textarea
            id="suspend-reason"
            name="reason"
            rows={3}
            maxLength={SUSPEND_REASON_MAX}
            required
            defaultValue={fieldValue(fields, "reason")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <fieldset
        className={errors.length ? "field field-invalid" : "field"}
        aria-describedby={errors.length ? "suspend-length-error" : undefined}
      >
        <legend>How long</legend>
        {Object.entries(SUSPENSION_LENGTHS).map(([value, label]) => (
          <label key={value} className="radio-option">
            <input type="radio" name="length" value={value} defaultChecked={length === value} /> {label}
          </label>
        ))}
        {errors.length ? (
          <p id="suspend-length-error" className="field-error" role="alert">
            {errors.length}
          </p>
        ) : null}
      </fieldset>
      <Field
        id="suspend-until"
        label="End date (for “Until a date”)"
        error={errors.until}
        hint="The suspension ends at the start of that day, UTC."
      >
        {(describedBy, invalid) => (
          <input
            id="suspend-until"
            name="until"
            type="date"
            min={dateInputValue(now + DAY_MS)}
            defaultValue={fieldValue(fields, "until")}
            aria-describedby={describedBy}
            aria-invalid={invalid}
          />
        )}
      </Field>
      <FormError message={errors.suspend} />
      <div className="button-row">
        <SubmitButton busyLabel="Suspending…">Suspend</SubmitButton>
      </div>
    </Form>
  );
}

/** Private notes: moderators only, newest first, with a form to add one. */
export function MemberNotes({
  notes,
  errors,
  fields,
}: {
  notes: SerializeFrom<MemberNoteView>[];
  errors: FieldErrors;
  fields: Fields | undefined;
}) {
  const language = usePageLanguage();
  return (
    <>
      {notes.length ? (
        <ul className="member-notes">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="muted small">
                {note.author.displayName}
                {isFormerMemberHandle(note.author.handle) ? "" : ` (@${note.author.handle})`},{" "}
                {formatDateTime(note.createdAt, language)}
              </p>
              <p className="member-note-body">{note.body}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>No notes yet.</p>
      )}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="note" />
        <Field
          id="note-body"
          label="Add a note"
          error={errors.body}
          hint={`Only moderators and admins see notes. Up to ${MEMBER_NOTE_MAX.toLocaleString("en-US")} characters.`}
        >
          {(describedBy, invalid) => (
            <textarea
              id="note-body"
              name="body"
              rows={3}
              maxLength={MEMBER_NOTE_MAX}
              required
              defaultValue={fieldValue(fields, "body")}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          )}
        </Field>
        <FormError message={errors.note} />
        <div className="button-row">
          <SubmitButton busyLabel="Adding…">Add note</SubmitButton>
        </div>
      </Form>
    </>
  );
}
