import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { EmailTokenProblem } from "~/models/email-tokens.server";

/** 404 for a link we never made (or one altered on the way), 410 for one used or past its time. */
export function linkProblemStatus(problem: EmailTokenProblem): 404 | 410 {
  return problem === "unknown" ? 404 : 410;
}

// `what` names the link in the reader's language (en: "confirmation", es: "confirmación", said as "enlace de
// confirmación"); `lifetime` is how long it works ("24 hours", "24 horas").
const EXPLANATIONS: Record<EmailTokenProblem, string> = {
  unknown: "linkProblem.unknown",
  used: "linkProblem.used",
  expired: "linkProblem.expired",
};

/** The page for an emailed link that does not work: why, and where to ask for a new one. */
export function LinkProblem(props: {
  problem: EmailTokenProblem;
  what: string;
  lifetime: string;
  retry: { to: string; label: string };
}) {
  const { t } = useTranslation("threads");
  return (
    <div className="page narrow">
      <h1>{t("linkProblem.heading")}</h1>
      <p className="form-error" role="alert">
        {t(EXPLANATIONS[props.problem], { what: props.what, lifetime: props.lifetime })}
      </p>
      <p>
        <Link to={props.retry.to}>{props.retry.label}</Link>
      </p>
    </div>
  );
}
