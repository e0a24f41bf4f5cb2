import { sql, type RawBuilder, type SqlBool } from "kysely";
import { getDb } from "~db/client.server";
import type { Viewer } from "~/auth/viewer";
import { isModerator } from "~/lib/permissions";

// Who sees a thread or a post, as SQL for every query that shows them (docs/decisions/0012). The same rule for
// rows already read is canSeeContent in lib/permissions; the two are kept in step by tests/models/visibility.
// - Removed content (deleted_at) is shown to no one.
// - Content moderators hid, or flags hid pending review (hidden_at), is shown to its author and to moderators.
// - With no viewer, the rule gives what everyone may see: lists, feeds, search, digests, round pages, exports
//   and every page the visitor page cache keeps ask that way, whoever reads them.
// A post is shown only where its thread is too: a query that shows posts checks both.

/** Whoever reads: a signed-in member (their id and role are all the rule needs), or null for everyone. */
export type Reader = Pick<Viewer, "id" | "role"> | null;

/** A member as the rule sees them, for their own lists (notifications, flags, drafts) that know only their id. */
export async function readerFor(memberId: number): Promise<NonNullable<Reader>> {
  const row = await getDb().selectFrom("members").select(["id", "role"]).where("id", "=", memberId).executeTakeFirst();
  return row ?? { id: memberId, role: "member" };
}

/** The rule for one row of `threads` or `posts` under `alias` (both tables have the same three columns). */
function shownTo(alias: string, reader: Reader): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  if (reader === null) return sql<SqlBool>`(${column("deleted_at")} is null and ${column("hidden_at")} is null)`;
  if (isModerator(reader)) return sql<SqlBool>`(${column("deleted_at")} is null)`;
  return sql<SqlBool>`(${column("deleted_at")} is null and (${column("hidden_at")} is null or ${column("author_id")} = ${reader.id}))`;
}

/** The thread row `alias` is shown to this reader (null: to everyone). */
export function threadShownTo(alias: string, reader: Reader = null): RawBuilder<SqlBool> {
  return shownTo(alias, reader);
}

/** The post row `alias` is shown to this reader (null: to everyone). Its thread is checked apart. */
export function postShownTo(alias: string, reader: Reader = null): RawBuilder<SqlBool> {
  return shownTo(alias, reader);
}
