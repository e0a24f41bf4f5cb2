import type { ReactNode } from "react";
import type { Fields } from "~/lib/validation";

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

/** A labelled field with its hint and its error next to it, wired up for screen readers. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {children(describedBy, Boolean(error))}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The current-password confirmation that account changes ask for (password, address, deletion). */
export function CurrentPasswordField({
  id = "currentPassword",
  label = "Current password",
  error,
}: {
  id?: string;
  label?: string;
  error?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** What an action just did (after its redirect), announced politely; nothing when there is no message. */
export function StatusNotice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p className="notice" role="status">
      {message}
    </p>
  );
}

/** A text value from a failed submission's echoed fields. */
export function fieldValue(fields: Fields | undefined, key: string, fallback = ""): string {
  const value = fields?.[key];
  return typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? fallback) : fallback;
}
