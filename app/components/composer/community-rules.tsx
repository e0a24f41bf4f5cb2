import { Link } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";

// The rules' wording lives on /about (app/content/about.ts); these are their two lines a writer most needs.

/** The short reminder shown in every composer, just before where one writes (not between text and submit). */
export function CommunityRulesNote() {
  const { t } = useTranslation("composer");
  return (
    <p className="community-rules-note small">
      <Trans t={t} i18nKey="rules.note" components={{ go: <Link to="/about" /> }} />
    </p>
  );
}

/** The checkbox at /join: the rules are accepted once, there. */
export function AcceptRulesCheckbox({ error }: { error?: string }) {
  const { t } = useTranslation("composer");
  const errorId = error ? "rulesAccepted-error" : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <p id="rulesAccepted-hint" className="field-hint">
        <Trans t={t} i18nKey="rules.acceptHint" components={{ go: <Link to="/about" target="_blank" /> }} />
      </p>
      <label className="checkbox-label">
        <input
          type="checkbox"
          id="rulesAccepted"
          name="rulesAccepted"
          required
          aria-describedby={["rulesAccepted-hint", errorId].filter(Boolean).join(" ")}
          aria-invalid={Boolean(error)}
        />{" "}
        {t("rules.accept")}
      </label>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
