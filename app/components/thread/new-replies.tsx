import type { ReactNode } from "react";

// Unread on a thread page (docs/decisions/0020): a word, not only a colour, on each reply new to the member,
// and a plain link to the first of them (an anchor here, or the page or branch that shows it).

/** "Jump to the first new reply", at the top of a thread page with replies new to the member. */
export function JumpToNew({ url, newOnPage }: { url: string; newOnPage: number }) {
  return (
    <p className="unread-jump">
      {newOnPage ? (
        <span>
          {newOnPage === 1
            ? "1 new reply since your last visit."
            : `${newOnPage} new replies since your last visit.`}{" "}
        </span>
      ) : (
        <span>New replies since your last visit. </span>
      )}
      <a href={url}>Jump to the first new reply</a>
    </p>
  );
}

/** A reply new to the member, labelled "New" above it. */
export function NewReplyMark({ isNew, children }: { isNew: boolean; children: ReactNode }) {
  if (!isNew) return <>{children}</>;
  return (
    <div className="new-reply">
      <p className="new-label">
        <span className="badge new-badge">New</span>
      </p>
      {children}
    </div>
  );
}
