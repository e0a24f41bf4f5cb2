import { useTranslation } from "react-i18next";
import { CONSENT_HINTS, CONSENT_LABELS, CONSENTS, type Consent } from "~/lib/rounds";

interface ConsentFieldsetProps {
  /** Unique on the page: ids of the radios and messages derive from it. */
  idPrefix: string;
  legend: string;
  defaultValue?: Consent | null;
  error?: string;
  /** Choices that can't be made here (quoting a pseudonymous answer by name), with the reason. */
  disabled?: Partial<Record<Consent, string>>;
}

/** The three consent choices as a radio group with a legend, hints and the error next to it. */
export function ConsentFieldset({ idPrefix, legend, defaultValue, error, disabled = {} }: ConsentFieldsetProps) {
  const { t } = useTranslation("rounds");
  const errorId = `${idPrefix}-error`;
  return (
    <fieldset
      className={error ? "field field-invalid consent-fieldset" : "field consent-fieldset"}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>{legend}</legend>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {CONSENTS.map((consent) => {
        const id = `${idPrefix}-${consent}`;
        return (
          <div key={consent} className="radio-option">
            <input
              type="radio"
              id={id}
              name="consent"
              value={consent}
              defaultChecked={defaultValue === consent}
              disabled={Boolean(disabled[consent])}
              aria-describedby={`${id}-hint`}
            />{" "}
            <label htmlFor={id}>{t(CONSENT_LABELS[consent])}</label>
            <p id={`${id}-hint`} className="field-hint">
              {disabled[consent] ?? t(CONSENT_HINTS[consent])}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
