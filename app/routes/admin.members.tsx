import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { MemberRoleTable } from "~/components/mod/member-admin";
import { invalidForm } from "~/lib/http.server";
import { setRoleSchema } from "~/lib/member-moderation-schemas";
import { formFields, parseForm } from "~/lib/validation";
import { listMembersForAdmin, setMemberRole } from "~/models/members-moderation.server";
import { FLASH, redirectWithFlash } from "~/lib/flash.server";

export const meta: MetaFunction = () => [{ title: "Members and roles · Roundtable" }];

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
  const actionData = useActionData<typeof action>();
  return (
    <div className="page mod-page">
      <p className="kicker">
        <Link to="/mod">Moderation</Link>
      </p>
      <h1>Members and roles</h1>
      <p className="lede">
        Moderators curate threads and members; admins also set roles. A member whose role changes is logged out, and
        logs in again to use it.
      </p>
      <Form method="get" role="search" className="button-row member-search">
        <label htmlFor="member-q">Find a member</label>
        <input id="member-q" name="q" type="search" defaultValue={q} aria-describedby="member-q-hint" />
        <button type="submit">Search</button>
        <span id="member-q-hint" className="field-hint">
          The start of a handle, or a whole email address.
        </span>
      </Form>
      {actionData && !("role" in actionData.fieldErrors) ? (
        <FormError message={Object.values(actionData.fieldErrors)[0]} />
      ) : null}
      {members.length ? (
        <MemberRoleTable members={members} errors={actionData?.fieldErrors ?? {}} fields={actionData?.fields} />
      ) : (
        <p>{q ? `No member's handle starts with “${q}”, and no member has that email.` : "No members yet."}</p>
      )}
      {next ? (
        <p className="pager">
          <Link to={next}>Next page</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
