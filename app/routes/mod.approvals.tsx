import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
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
import { decideApproval, isMemberApprovalOn, listWaitingMembers } from "~/models/member-approval.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "New members waiting · Moderation · Roundtable" }];

const DONE = {
  approved: "Approved. They can post now, and we emailed them.",
  declined: "Declined. They can still read, but not post.",
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
  if (!member)
    return invalidForm(
      { form: "That member is not waiting any more: another moderator may have decided." },
      formFields(formData),
    );
  if (intent === "approve") {
    const origin = publicOrigin(request);
    context.afterResponse("approval", async () => {
      await sendMail(
        approvalEmail({ memberId, to: member.email, name: member.displayName, handle: member.handle, origin }),
      );
    });
  }
  return redirectWithFlash("/mod/approvals", intent === "approve" ? DONE.approved : DONE.declined);
}

export default function ApprovalQueuePage() {
  const language = usePageLanguage();
  const { waiting, approvalOn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page mod-page">
      <p className="muted">
        <Link to="/mod">Moderation</Link>
      </p>
      <h1>New members waiting for approval</h1>
      <p className="lede">
        {approvalOn
          ? "New members confirm their email address, then wait here until a moderator approves them. Until then they can read but not post."
          : "Approval of new members is off (MEMBER_APPROVAL), so nobody new joins this queue. Members who joined while it was on still wait here."}
      </p>
      <FormError message={actionData?.fieldErrors?.form ?? actionData?.fieldErrors?.reason} />
      {waiting.length === 0 ? (
        <p>Nobody is waiting.</p>
      ) : (
        <ul className="card-list">
          {waiting.map((member) => (
            <li key={member.id} className="card">
              <h2 className="card-title">
                <Link to={`/members/${member.handle}`}>{member.displayName}</Link> @{member.handle}
              </h2>
              <dl>
                <dt>Email</dt>
                <dd>{member.email}</dd>
                {member.organization ? (
                  <>
                    <dt>Organization</dt>
                    <dd>{member.organization}</dd>
                  </>
                ) : null}
                {member.location ? (
                  <>
                    <dt>Location</dt>
                    <dd>{member.location}</dd>
                  </>
                ) : null}
                <dt>Joined</dt>
                <dd>{formatDate(member.joinedAt, language)}</dd>
              </dl>
              <Form method="post" className="stack" aria-label={`Decide on @${member.handle}`}>
                <input type="hidden" name="memberId" value={member.id} />
                <div className="field">
                  <label htmlFor={`reason-${member.id}`}>Note for the moderation log (optional)</label>
                  <input id={`reason-${member.id}`} name="reason" maxLength={APPROVAL_REASON_MAX} />
                </div>
                <div className="button-row">
                  <SubmitButton busyLabel="Approving…" name="intent" value="approve">
                    Approve @{member.handle}
                  </SubmitButton>
                  <SubmitButton busyLabel="Declining…" name="intent" value="decline" className="secondary">
                    Decline
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
