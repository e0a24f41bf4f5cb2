import { Link } from "@remix-run/react";

// The rules' wording lives on /about (app/content/about.ts); these are their two lines a writer most needs.

/** The short reminder shown in every composer, just before where one writes (not between text and submit). */
export function CommunityRulesNote() {
  return (
    <p className="community-rules-note small">
      Don't identify residents, clients or patients: leave out names and details unless they agreed to be named.
      Disagree with ideas, not with people. <Link to="/about">The community rules</Link>
    </p>
  );
}

/** The checkbox at /join: the rules are accepted once, there. */
export function AcceptRulesCheckbox({ error }: { error?: string }) {
  const errorId = error ? "rulesAccepted-error" : undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <p id="rulesAccepted-hint" className="field-hint">
        Protect the people you serve: leave out names and details that could identify residents, clients or patients. Be
        generous with peers. No harassment, hate or unasked-for selling. Read them in full on{" "}
        <Link to="/about" target="_blank">
          the about page (opens in a new tab)
        </Link>
        .
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
        I have read the community rules
      </label>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
