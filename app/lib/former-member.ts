// A deleted account keeps its row (posts, audit rows and round answers point at it) with nothing personal left
// in it (docs/decisions/0016): its name reads "Former member", and its handle becomes one nobody can choose at
// join (handles have no hyphen), so every page that joins members shows a former member without knowing about
// deletion. Pages leave out the link to a profile where isFormerMemberHandle says so (components/member-link).
// Browser-safe.

import { tr } from "./translate";

/** The name stored in a deleted account's row (data, in English); the audit log shows formerMemberName(). */
export const FORMER_MEMBER_NAME = "Former member";

/** A former member's name as a page shows it, in the language of the work in progress. */
export function formerMemberName(): string {
  return tr("moderation:formerMember");
}

const HANDLE_PREFIX = "former-";

export function formerMemberHandle(memberId: number): string {
  return `${HANDLE_PREFIX}${memberId}`;
}

/** An address that can receive nothing (.invalid is reserved by RFC 2606), unique as the column wants. */
export function formerMemberEmail(memberId: number): string {
  return `${HANDLE_PREFIX}${memberId}@deleted.invalid`;
}

export function isFormerMemberHandle(handle: string): boolean {
  return handle.startsWith(HANDLE_PREFIX);
}
