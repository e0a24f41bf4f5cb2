import type { SerializeFrom } from "@remix-run/node";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fieldValue } from "~/components/form-field";
import { formatDate } from "~/lib/format";
import { usePageLanguage } from "~/components/reader-time";
import { ROLE_LABELS } from "~/lib/member-moderation-schemas";
import type { FieldErrors, Fields } from "~/lib/validation";
import type { MemberAdminItem } from "~/models/members-moderation.server";
import { SubmitButton } from "~/components/submit-button";

/**
 * Members with a role form each; the row whose form failed shows the message next to its select. On a phone each
 * row is a card (stacked-table in app.css).
 */
export function MemberRoleTable({
  members,
  errors,
  fields,
}: {
  members: SerializeFrom<MemberAdminItem>[];
  errors: FieldErrors;
  fields: Fields | undefined;
}) {
  const language = usePageLanguage();
  const { t } = useTranslation("moderation");
  const failedId = fieldValue(fields, "memberId");
  return (
    <table className="member-admin stacked-table">
      <caption className="visually-hidden">{t("admin.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("admin.member")}</th>
          <th scope="col">{t("admin.joined")}</th>
          <th scope="col">{t("admin.role")}</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const failed = failedId === String(member.id);
          const selectId = `role-${member.id}`;
          const errorId = `${selectId}-error`;
          return (
            <tr key={member.id}>
              <td data-label={t("admin.member")}>
                <Link to={`/mod/members/${member.handle}`}>{member.displayName}</Link>{" "}
                <span className="muted">@{member.handle}</span>
              </td>
              <td data-label={t("admin.joined")}>{formatDate(member.joinedAt, language)}</td>
              <td data-label={t("admin.role")}>
                <Form method="post" className="button-row">
                  <input type="hidden" name="memberId" value={member.id} />
                  <label htmlFor={selectId} className="visually-hidden">
                    {t("admin.roleOf", { handle: member.handle })}
                  </label>
                  <select
                    id={selectId}
                    name="role"
                    defaultValue={failed ? fieldValue(fields, "role", member.role) : member.role}
                    aria-describedby={failed && errors.role ? errorId : undefined}
                    aria-invalid={failed && Boolean(errors.role)}
                  >
                    {Object.entries(ROLE_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {t(label)}
                      </option>
                    ))}
                  </select>
                  <SubmitButton busyLabel={t("admin.changeBusy")} className="small-button">
                    {t("admin.change")}
                    <span className="visually-hidden"> {t("admin.roleOf", { handle: member.handle })}</span>
                  </SubmitButton>
                </Form>
                {failed && errors.role ? (
                  <p id={errorId} className="field-error" role="alert">
                    {errors.role}
                  </p>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
