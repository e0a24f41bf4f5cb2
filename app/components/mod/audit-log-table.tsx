import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
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
  return (
    <table className="audit-log stacked-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Reason</th>
          <th scope="col">Before → after</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const target = auditTarget(item);
          const before = compactJson(item.before);
          const after = compactJson(item.after);
          return (
            <tr key={item.id}>
              <td data-label="When">{formatDateTime(item.createdAt, language)}</td>
              <td data-label="Who">
                <MemberLink member={item.actor} href={`/mod/members/${item.actor.handle}`} />
                {isFormerMemberHandle(item.actor.handle) ? null : (
                  <>
                    {" "}
                    <span className="muted">@{item.actor.handle}</span>
                  </>
                )}
              </td>
              <td data-label="Action">{describeAuditAction(item.action)}</td>
              <td data-label="Target">
                {target.href ? <Link to={target.href}>{target.label}</Link> : target.label}
                {target.detail ? <span className="audit-target-detail muted small">{target.detail}</span> : null}
              </td>
              <td data-label="Reason">{item.reason || <span className="muted">none given</span>}</td>
              <td data-label="Before → after" className="audit-change">
                {before || after ? (
                  <>
                    {before ? <span>{before}</span> : null}
                    {before && after ? " → " : null}
                    {after ? <span>{after}</span> : null}
                  </>
                ) : (
                  <span className="muted">none</span>
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
  return (
    <Form method="get" className="audit-filters">
      <fieldset>
        <legend>Filter the log</legend>
        <div className="filter-grid">
          {text("moderator", "Moderator", "text", "A handle, like marisol_vega")}
          <Field id="log-action" label="Action" error={errors.action}>
            {(describedBy, invalid) => (
              <select
                id="log-action"
                name="action"
                defaultValue={values.action ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                <option value="">Any action</option>
                {actions.map((action) => (
                  <option key={action} value={action}>
                    {describeAuditAction(action)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text("member", "Member acted on", "text", "A handle")}
          {text("from", "From", "date")}
          {text("to", "To (including that day)", "date")}
        </div>
        <div className="button-row">
          <button type="submit">Filter</button>
          <Link to="/mod/log">Clear filters</Link>
        </div>
      </fieldset>
    </Form>
  );
}
