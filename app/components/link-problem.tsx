import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EmailTokenProblem } from "~/models/email-tokens.server";

/** 404 for a link we never made (or one altered on the way), 410 for one used or past its time. */
export function linkProblemStatus(problem: EmailTokenProblem): 404 | 410 {
  return problem === "unknown" ? 404 : 410;
}

/** Which emailed link it is: each says its problem in its own words (account:linkProblem.<kind>.<problem>). */
export type LinkKind = "passwordReset" | "emailVerification";

/** The page for an emailed link that does not work: why, and where to ask for a new one. */
export function LinkProblem(props: {
  problem: EmailTokenProblem;
  kind: LinkKind;
  retry: { to: string; label: string };
}) {
  const { t } = useTranslation("account");
  return (
    <div className="page narrow">
      <h1>{t("linkProblem.heading")}</h1>
      <p className="form-error" role="alert">
        {t(`linkProblem.${props.kind}.${props.problem}`)}
      </p>
      <p>
        <Link to={props.retry.to}>{props.retry.label}</Link>
      </p>
    </div>
  );
}
