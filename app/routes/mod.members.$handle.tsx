import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/moderation";
import { tr } from "~/lib/translate";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { AuditLogTable } from "~/components/mod/audit-log-table";
import { CurrentSuspension, MemberNotes, SuspendForm } from "~/components/mod/member-moderation";
import { invalidForm } from "~/lib/http.server";
import { memberNoteSchema, ROLE_LABELS, suspendSchema } from "~/lib/member-moderation-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { listAuditLog } from "~/models/audit-log.server";
import {
  addMemberNote,
  getActiveSuspension,
  liftSuspension,
  listMemberNotes,
  suspendMember,
} from "~/models/members-moderation.server";
import { getMemberProfile } from "~/models/members.server";
import { redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: data
      ? pageTitle(matches, "moderation:memberPage.documentTitle", { handle: data.member.handle })
      : pageTitle(matches, "moderation:memberPage.documentTitleBare"),
  },
];

async function loadMember(handle: string | undefined) {
  const profile = await getMemberProfile(handle ?? "");
  if (!profile) throw new Response(tr("moderation:memberPage.noSuchHandle"), { status: 404 });
  return { id: profile.id, handle: profile.handle, displayName: profile.displayName, role: profile.role };
}

const DONE_MESSAGES = {
  suspended: "moderation:memberPage.done.suspended",
  lifted: "moderation:memberPage.done.lifted",
  noted: "moderation:memberPage.done.noted",
} as const;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const member = await loadMember(params.handle);
  const [suspension, notes, history] = await Promise.all([
    getActiveSuspension(member.id),
    listMemberNotes(member.id),
    listAuditLog({ memberHandle: member.handle, limit: 20, reader: viewer }),
  ]);
  return json({
    member,
    suspension,
    notes,
    history: history.items,
    now: Date.now(),
  });
}

type Member = Awaited<ReturnType<typeof loadMember>>;
type Handler = (actorId: number, member: Member, formData: FormData) => Promise<Response>;

const INTENTS: Record<string, Handler> = {
  async suspend(actorId, member, formData) {
    const parsed = parseForm(suspendSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    const result = await suspendMember({ actorId, memberId: member.id, ...parsed.data });
    if (!result.ok) return invalidForm({ suspend: result.message }, formFields(formData));
    return redirectWithFlash(`/mod/members/${member.handle}`, tr(DONE_MESSAGES.suspended));
  },
  async lift(actorId, member, formData) {
    const result = await liftSuspension(actorId, member.id);
    if (!result.ok) return invalidForm({ lift: result.message }, formFields(formData));
    return redirectWithFlash(`/mod/members/${member.handle}`, tr(DONE_MESSAGES.lifted));
  },
  async note(actorId, member, formData) {
    const parsed = parseForm(memberNoteSchema, formData);
    if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
    const result = await addMemberNote(actorId, member.id, parsed.data.body);
    if (!result.ok) return invalidForm({ note: result.message }, formFields(formData));
    return redirectWithFlash(`/mod/members/${member.handle}`, tr(DONE_MESSAGES.noted));
  },
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = requireModerator(request, context);
  const member = await loadMember(params.handle);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const handler = typeof intent === "string" && Object.hasOwn(INTENTS, intent) ? INTENTS[intent] : undefined;
  if (!handler) return invalidForm({ form: tr("moderation:chooseAction") }, formFields(formData));
  return handler(viewer.id, member, formData);
}

export default function ModerateMemberPage() {
  const { member, suspension, notes, history, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("moderation");
  const failed = actionData?.fields.intent;
  const errorsFor = (intent: string) => (failed === intent ? actionData!.fieldErrors : {});
  const fieldsFor = (intent: string) => (failed === intent ? actionData!.fields : undefined);
  return (
    <div className="page narrow mod-page">
      <p className="kicker">
        <Link to="/mod">{t("home.title")}</Link>
      </p>
      <h1>
        {member.displayName} <span className="muted">@{member.handle}</span>
      </h1>
      <p>
        {t("memberPage.role", { role: t(ROLE_LABELS[member.role]) })}{" "}
        <Link to={`/members/${member.handle}`}>{t("memberPage.publicProfile")}</Link>
      </p>
      <FormError message={actionData?.fieldErrors.form} />

      <section aria-labelledby="suspension-heading" className="mod-section">
        <h2 id="suspension-heading">{t("memberPage.suspension")}</h2>
        <CurrentSuspension suspension={suspension} errors={errorsFor("lift")} />
        <h3>{suspension ? t("memberPage.replace") : t("memberPage.suspend")}</h3>
        <SuspendForm errors={errorsFor("suspend")} fields={fieldsFor("suspend")} now={now} />
      </section>

      <section aria-labelledby="notes-heading" className="mod-section">
        <h2 id="notes-heading">{t("memberPage.notes")}</h2>
        <MemberNotes notes={notes} errors={errorsFor("note")} fields={fieldsFor("note")} />
      </section>

      <section aria-labelledby="history-heading" className="mod-section">
        <h2 id="history-heading">{t("memberPage.history")}</h2>
        {history.length ? (
          <AuditLogTable items={history} caption={t("memberPage.historyCaption", { handle: member.handle })} />
        ) : (
          <p>{t("memberPage.nothingYet")}</p>
        )}
        <p>
          <Link to={`/mod/log?member=${member.handle}`}>{t("memberPage.everything", { handle: member.handle })}</Link>
        </p>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
