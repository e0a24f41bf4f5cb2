import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { Field, fieldValue, FormError } from "~/components/form-field";
import { dateInputValue, DAY_MS } from "~/lib/date-input";
import { formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { isFormerMemberHandle } from "~/lib/former-member";
import { MEMBER_NOTE_MAX, SUSPEND_REASON_MAX, SUSPENSION_LENGTHS } from "~/lib/member-moderation-schemas";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { ActiveSuspension, MemberNoteView } from "~/models/members-moderation.server";
import { SubmitButton } from "~/components/submit-button";

export function suspensionEnd(endsAt: number | null, t: TFunction<"moderation">, language: string): string {
  return endsAt === null
    ? t("memberPage.endsIndefinitely")
    : t("memberPage.endsOn", { when: formatDateTime(endsAt, language) });
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
  const { t } = useTranslation("moderation");
  if (!suspension) return <p>{t("memberPage.notSuspended")}</p>;
  return (
    <div className="notice stack">
      <p>
        <Trans
          t={t}
          i18nKey="memberPage.suspended"
          values={{
            end: suspensionEnd(suspension.endsAt, t, language),
            since: formatDateTime(suspension.startsAt, language),
          }}
          components={{ strong: <strong /> }}
        />
      </p>
      <p>{t("memberPage.reason", { reason: suspension.reason })}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="lift" />
        <SubmitButton busyLabel={t("memberPage.liftBusy")}>{t("memberPage.lift")}</SubmitButton>
      </Form>
      <FormError message={errors.lift} />
    </div>
  );
}

/** Suspend: a reason and how long. The member keeps reading; every session of theirs ends. */
export function SuspendForm({ errors, fields, now }: { errors: FieldErrors; fields: Fields | undefined; now: number }) {
  const { t } = useTranslation("moderation");
  const length = fieldValue(fields, "length", "7d");
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="suspend" />
      <Field
        id="suspend-reason"
        label={t("hideForm.reason")}
        error={errors.reason}
        hint={t("memberPage.reasonHint", { max: SUSPEND_REASON_MAX })}
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
        <legend>{t("memberPage.howLong")}</legend>
        {Object.entries(SUSPENSION_LENGTHS).map(([value, label]) => (
          <label key={value} className="radio-option">
            <input type="radio" name="length" value={value} defaultChecked={length === value} /> {t(label)}
          </label>
        ))}
        {errors.length ? (
          <p id="suspend-length-error" className="field-error" role="alert">
            {errors.length}
          </p>
        ) : null}
      </fieldset>
      <Field id="suspend-until" label={t("memberPage.until")} error={errors.until} hint={t("memberPage.untilHint")}>
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
        <SubmitButton busyLabel={t("memberPage.suspendBusy")}>{t("memberPage.suspend")}</SubmitButton>
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
  const { t } = useTranslation("moderation");
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
        <p>{t("memberPage.noNotes")}</p>
      )}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="note" />
        <Field
          id="note-body"
          label={t("memberPage.addNote")}
          error={errors.body}
          hint={t("memberPage.noteHint", { max: MEMBER_NOTE_MAX })}
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
          <SubmitButton busyLabel={t("memberPage.addBusy")}>{t("memberPage.addNoteButton")}</SubmitButton>
        </div>
      </Form>
    </>
  );
}
