import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-field";
import { auditTarget, compactJson, describeAuditAction } from "~/lib/audit-log";
import { formatDateTime } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { isFormerMemberHandle } from "~/lib/former-member";
import type { FieldErrors } from "~/lib/validation";
import type { AuditLogItem } from "~/models/audit-log.server";
import { MemberLink } from "~/components/member-link";

/**
 * The audit log, newest first: read-only, as the log itself is (no row can be edited or deleted). A real table on
 * wide screens; on a phone each row is a card whose cells say their column's name (data-label, see app.css).
 */
export function AuditLogTable({ items, caption }: { items: SerializeFrom<AuditLogItem>[]; caption: string }) {
  const language = usePageLanguage();
  const { t } = useTranslation("moderation");
  const label = {
    when: t("audit.table.when"),
    who: t("audit.table.who"),
    action: t("audit.table.action"),
    target: t("audit.table.target"),
    reason: t("audit.table.reason"),
    change: t("audit.table.change"),
  };
  return (
    <table className="audit-log stacked-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label.when}</th>
          <th scope="col">{label.who}</th>
          <th scope="col">{label.action}</th>
          <th scope="col">{label.target}</th>
          <th scope="col">{label.reason}</th>
          <th scope="col">{label.change}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const target = auditTarget(item);
          const before = compactJson(item.before);
          const after = compactJson(item.after);
          return (
            <tr key={item.id}>
              <td data-label={label.when}>{formatDateTime(item.createdAt, language)}</td>
              <td data-label={label.who}>
                <MemberLink member={item.actor} href={`/mod/members/${item.actor.handle}`} />
                {isFormerMemberHandle(item.actor.handle) ? null : (
                  <>
                    {" "}
                    <span className="muted">@{item.actor.handle}</span>
                  </>
                )}
              </td>
              <td data-label={label.action}>{describeAuditAction(item.action)}</td>
              <td data-label={label.target}>
                {target.href ? <Link to={target.href}>{target.label}</Link> : target.label}
                {target.detail ? <span className="audit-target-detail muted small">{target.detail}</span> : null}
              </td>
              <td data-label={label.reason}>
                {item.reason || <span className="muted">{t("audit.table.noReason")}</span>}
              </td>
              <td data-label={label.change} className="audit-change">
                {before || after ? (
                  <>
                    {before ? <span>{before}</span> : null}
                    {before && after ? " → " : null}
                    {after ? <span>{after}</span> : null}
                  </>
                ) : (
                  <span className="muted">{t("audit.table.none")}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface FilterProps {
  values: Record<string, string>;
  actions: string[];
  errors: FieldErrors;
}

/** The GET form of /mod/log: every filter is in the address, so a filtered view can be shared. */
export function AuditLogFilters({ values, actions, errors }: FilterProps) {
  const { t } = useTranslation("moderation");
  const text = (id: string, label: string, type: "text" | "date", hint?: string) => (
    <Field id={`log-${id}`} label={label} error={errors[id]} hint={hint}>
      {(describedBy, invalid) => (
        <input
          id={`log-${id}`}
          name={id}
          type={type}
          defaultValue={values[id] ?? ""}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          autoComplete="off"
          spellCheck={type === "text" ? false : undefined}
        />
      )}
    </Field>
  );
  const moderator = text("moderator", t("log.moderator"), "text", t("log.moderatorHint"));
  const member = text("member", t("log.member"), "text", t("log.memberHint"));
  const from = text("from", t("log.from"), "date");
  const to = text("to", t("log.to"), "date");
  return (
    <Form method="get" className="audit-filters">
      <fieldset>
        <legend>{t("log.filter")}</legend>
        <div className="filter-grid">
          {moderator}
          <Field id="log-action" label={t("log.action")} error={errors.action}>
            {(describedBy, invalid) => (
              <select
                id="log-action"
                name="action"
                defaultValue={values.action ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">{t("log.anyAction")}</option>
                {actions.map((action) => (
                  <option key={action} value={action}>
                    {describeAuditAction(action)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {member}
          {from}
          {to}
        </div>
        <div className="button-row">
          <button type="submit">{t("log.submit")}</button>
          <Link to="/mod/log">{t("log.clear")}</Link>
        </div>
      </fieldset>
    </Form>
  );
}
