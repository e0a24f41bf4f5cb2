import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isFormerMemberHandle } from "~/lib/former-member";

/**
 * A member's name, linked to their profile (or to `href`); a former member's name is plain text, as they have
 * no profile any more (docs/decisions/0016). `plain`: an anchor rather than a router link, for long lists.
 */
export function MemberLink({
  member,
  href,
  plain = false,
}: {
  member: { handle: string; displayName: string };
  href?: string;
  plain?: boolean;
}) {
  const { t } = useTranslation("moderation");
  // The stored name is data, in English; the page says it in the reader's language.
  if (isFormerMemberHandle(member.handle)) return <span className="former-member">{t("formerMember")}</span>;
  const to = href ?? `/members/${member.handle}`;
  return plain ? <a href={to}>{member.displayName}</a> : <Link to={to}>{member.displayName}</Link>;
}
