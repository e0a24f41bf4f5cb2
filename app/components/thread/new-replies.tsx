import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

// Unread on a thread page (docs/decisions/0020): a word, not only a colour, on each reply new to the member,
// and a plain link to the first of them (an anchor here, or the page or branch that shows it).

/** "Jump to the first new reply", at the top of a thread page with replies new to the member. */
export function JumpToNew({ url, newOnPage }: { url: string; newOnPage: number }) {
  const { t } = useTranslation("threads");
  return (
    <p className="unread-jump">
      <span>{newOnPage ? t("newReplies.countSinceVisit", { count: newOnPage }) : t("newReplies.sinceVisit")} </span>
      <a href={url}>{t("newReplies.jump")}</a>
    </p>
  );
}

/** A reply new to the member, labelled "New" above it. */
export function NewReplyMark({ isNew, children }: { isNew: boolean; children: ReactNode }) {
  const { t } = useTranslation("threads");
  if (!isNew) return <>{children}</>;
  return (
    <div className="new-reply">
      <p className="new-label">
        <span className="badge new-badge">{t("newReplies.new")}</span>
      </p>
      {children}
    </div>
  );
}
