import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { approvalEmail } from "~/lib/account-email.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formatDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { invalidForm, publicOrigin } from "~/lib/http.server";
import { sendMail } from "~/lib/mailer.server";
import { APPROVAL_REASON_MAX, approvalSchema } from "~/lib/member-moderation-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { getMemberLanguage } from "~/models/member-language.server";
import { decideApproval, isMemberApprovalOn, listWaitingMembers } from "~/models/member-approval.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "moderation:approvals.documentTitle") },
];

const DONE = {
  approved: "moderation:approvals.done.approved",
  declined: "moderation:approvals.done.declined",
} as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireModerator(request, context);
  return json({ waiting: await listWaitingMembers(), approvalOn: isMemberApprovalOn() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const formData = await request.formData();
  const parsed = parseForm(approvalSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const { intent, memberId, reason } = parsed.data;
  const member = await decideApproval({ actorId: viewer.id, memberId, decision: intent, reason });
  if (!member) return invalidForm({ form: tr("moderation:approvals.notWaiting") }, formFields(formData));
  if (intent === "approve") {
    const origin = publicOrigin(request);
    context.afterResponse("approval", async () => {
      // In the member's own language (their setting), not the moderator's.
      const language = await getMemberLanguage(memberId);
      await sendMail(
        approvalEmail({
          memberId,
          to: member.email,
          name: member.displayName,
          handle: member.handle,
          origin,
          language,
        }),
      );
    });
  }
  return redirectWithFlash("/mod/approvals", tr(intent === "approve" ? DONE.approved : DONE.declined));
}

export default function ApprovalQueuePage() {
  const language = usePageLanguage();
  const { waiting, approvalOn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("moderation");
  return (
    <div className="page mod-page">
      <p className="muted">
        <Link to="/mod">{t("home.title")}</Link>
      </p>
      <h1>{t("approvals.title")}</h1>
      <p className="lede">{approvalOn ? t("approvals.ledeOn") : t("approvals.ledeOff")}</p>
      <FormError message={actionData?.fieldErrors?.form ?? actionData?.fieldErrors?.reason} />
      {waiting.length === 0 ? (
        <p>{t("approvals.nobody")}</p>
      ) : (
        <ul className="card-list">
          {waiting.map((member) => (
            <li key={member.id} className="card">
              <h2 className="card-title">
                <Link to={`/members/${member.handle}`}>{member.displayName}</Link> @{member.handle}
              </h2>
              <dl>
                <dt>{t("approvals.email")}</dt>
                <dd>{member.email}</dd>
                {member.organization ? (
                  <>
                    <dt>{t("approvals.organization")}</dt>
                    <dd>{member.organization}</dd>
                  </>
                ) : null}
                {member.location ? (
                  <>
                    <dt>{t("approvals.location")}</dt>
                    <dd>{member.location}</dd>
                  </>
                ) : null}
                <dt>{t("admin.joined")}</dt>
                <dd>{formatDate(member.joinedAt, language)}</dd>
              </dl>
              <Form method="post" className="stack" aria-label={t("approvals.decideOn", { handle: member.handle })}>
                <input type="hidden" name="memberId" value={member.id} />
                <div className="field">
                  <label htmlFor={`reason-${member.id}`}>{t("approvals.note")}</label>
                  <input id={`reason-${member.id}`} name="reason" maxLength={APPROVAL_REASON_MAX} />
                </div>
                <div className="button-row">
                  <SubmitButton busyLabel={t("approvals.approveBusy")} name="intent" value="approve">
                    {t("approvals.approve", { handle: member.handle })}
                  </SubmitButton>
                  <SubmitButton
                    busyLabel={t("approvals.declineBusy")}
                    name="intent"
                    value="decline"
                    className="secondary"
                  >
                    {t("approvals.decline")}
                  </SubmitButton>
                </div>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
