import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAdmin } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { MemberRoleTable } from "~/components/mod/member-admin";
import { invalidForm } from "~/lib/http.server";
import { setRoleSchema } from "~/lib/member-moderation-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { listMembersForAdmin, setMemberRole } from "~/models/members-moderation.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

import { pageTitle } from "~/lib/moderation";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "moderation:home.members") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(request, context);
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const after = url.searchParams.get("after") ?? "";
  const { items, nextAfter } = await listMembersForAdmin({ query: q.replace(/^@/, ""), after: after || undefined });
  const next = nextAfter
    ? `/admin/members?${new URLSearchParams(q ? { q, after: nextAfter } : { after: nextAfter })}`
    : null;
  return json({ q, members: items, next });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = requireAdmin(request, context);
  const formData = await request.formData();
  const parsed = parseForm(setRoleSchema, formData);
  if (!parsed.success) return invalidForm(parsed.fieldErrors, parsed.fields);
  const result = await setMemberRole({ actorId: viewer.id, ...parsed.data });
  if (!result.ok) return invalidForm({ role: result.message }, formFields(formData));
  // Back to the same page of the list.
  const back = new URL(request.url).searchParams;
  back.delete("index");
  back.delete("done");
  return redirectWithFlash(back.size ? `/admin/members?${back}` : "/admin/members", FLASH.roleChanged);
}

export default function MemberAdminPage() {
  const { q, members, next } = useLoaderData<typeof loader>();
  const { t } = useTranslation("moderation");
  const actionData = useActionData<typeof action>();
  return (
    <div className="page mod-page">
      <p className="kicker">
        <Link to="/mod">{t("home.title")}</Link>
      </p>
      <h1>{t("home.members")}</h1>
      <p className="lede">{t("admin.lede")}</p>
      <Form method="get" role="search" className="button-row member-search">
        <label htmlFor="member-q">{t("admin.find")}</label>
        <input id="member-q" name="q" type="search" defaultValue={q} aria-describedby="member-q-hint" />
        <button type="submit">{t("admin.search")}</button>
        <span id="member-q-hint" className="field-hint">
          {t("admin.findHint")}
        </span>
      </Form>
      {actionData && !("role" in actionData.fieldErrors) ? (
        <FormError message={Object.values(actionData.fieldErrors)[0]} />
      ) : null}
      {members.length ? (
        <MemberRoleTable members={members} errors={actionData?.fieldErrors ?? {}} fields={actionData?.fields} />
      ) : (
        <p>{q ? t("admin.noMatch", { q }) : t("admin.noMembers")}</p>
      )}
      {next ? (
        <p className="pager">
          <Link to={next}>{t("admin.next")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
