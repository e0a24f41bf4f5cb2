import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pageTitle } from "~/lib/moderation";
import { requireModerator } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/form-field";
import { AuditLogFilters, AuditLogTable } from "~/components/mod/audit-log-table";
import { auditLogFilterSchema } from "~/lib/audit-log";
import { optionalCursor } from "~/lib/params";
import { parseForm } from "~/lib/validation";
import { AUDIT_ACTIONS, listAuditLog, type AuditLogItem } from "~/models/audit-log.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "moderation:log.documentTitle") }];

const FILTER_KEYS = ["moderator", "action", "member", "from", "to"] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = requireModerator(request, context);
  const url = new URL(request.url);
  const values = Object.fromEntries(FILTER_KEYS.map((key) => [key, url.searchParams.get(key) ?? ""]));
  const form = new FormData();
  for (const key of FILTER_KEYS) form.set(key, values[key]!);
  const parsed = parseForm(auditLogFilterSchema, form);
  const base = { values, actions: AUDIT_ACTIONS as string[] };
  if (!parsed.success) {
    return json(
      {
        ...base,
        errors: parsed.fieldErrors,
        items: [] as AuditLogItem[],
        nextHref: null,
      },
      { status: 400 },
    );
  }
  const { items, nextBefore } = await listAuditLog({
    ...parsed.data,
    before: optionalCursor(url.searchParams.get("before")) ?? undefined,
    reader: viewer,
  });
  let nextHref: string | null = null;
  if (nextBefore !== null) {
    const next = new URLSearchParams(FILTER_KEYS.flatMap((key) => (values[key] ? [[key, values[key]!]] : [])));
    next.set("before", String(nextBefore));
    nextHref = `/mod/log?${next}`;
  }
  return json({ ...base, errors: {}, items, nextHref });
}

export default function AuditLogPage() {
  const { values, actions, errors, items, nextHref } = useLoaderData<typeof loader>();
  const invalid = Object.keys(errors).length > 0;
  const { t } = useTranslation("moderation");
  return (
    <div className="page mod-page">
      <p className="kicker">
        <Link to="/mod">{t("home.title")}</Link>
      </p>
      <h1>{t("log.documentTitle")}</h1>
      <p className="lede">{t("log.lede")}</p>
      <AuditLogFilters values={values} actions={actions} errors={errors} />
      {invalid ? <FormError message={t("log.fix")} /> : null}
      {!invalid && items.length === 0 ? <p>{t("log.noMatch")}</p> : null}
      {items.length ? <AuditLogTable items={items} caption={t("log.caption")} /> : null}
      {nextHref ? (
        <p className="pager">
          <Link to={nextHref}>{t("log.older")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary error={useRouteError()} />;
}
