import { Link } from "@remix-run/react";
import type { EmailTokenProblem } from "~/models/email-tokens.server";

/** 404 for a link we never made (or one altered on the way), 410 for one used or past its time. */
export function linkProblemStatus(problem: EmailTokenProblem): 404 | 410 {
  return problem === "unknown" ? 404 : 410;
}

const EXPLANATIONS: Record<EmailTokenProblem, (what: string, lifetime: string) => string> = {
  unknown: (what) =>
    `This ${what} link doesn't work. It may have been cut short or changed on the way: copy the whole link from the email.`,
  used: (what) => `This ${what} link has already been used. Each link works once.`,
  expired: (what, lifetime) => `This ${what} link has expired: links like it work for ${lifetime}.`,
};

/** The page for an emailed link that does not work: why, and where to ask for a new one. */
export function LinkProblem(props: {
  problem: EmailTokenProblem;
  what: string;
  lifetime: string;
  retry: { to: string; label: string };
}) {
  return (
    <div className="page narrow">
      <h1>This link doesn't work</h1>
      <p className="form-error" role="alert">
        {EXPLANATIONS[props.problem](props.what, props.lifetime)}
      </p>
      <p>
        <Link to={props.retry.to}>{props.retry.label}</Link>
      </p>
    </div>
  );
}
