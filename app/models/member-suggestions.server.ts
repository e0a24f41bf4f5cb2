import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { postsUnderPseudonym } from "./pseudonyms.server";
import { postShownTo, threadShownTo } from "./visibility.server";

// "@" suggestions in the composers (issue 14, docs/decisions/0018): members whose handle or name starts with
// what was typed, those who wrote in the thread first, then anyone in the community. Only a handle and a
// display name, of members in good standing (not deleted, not suspended, approved). A thread contributes only
// what everyone may read there: posts that are hidden, removed, or written under a pseudonym (whose author
// must not be unmasked by showing up first) add no one.

export const SUGGESTION_LIMIT = 8;
export const SUGGESTION_QUERY_MIN = 2;
const SUGGESTION_QUERY = /^[a-z0-9_]{2,30}$/;

export interface MemberSuggestion {
  handle: string;
  displayName: string;
}

/** The query as suggestions read it (a leading "@" and case dropped), or null when it is too short or odd. */
export function suggestionQuery(raw: string | null): string | null {
  const query = (raw ?? "").trim().replace(/^@/, "").toLowerCase();
  return query.length >= SUGGESTION_QUERY_MIN && SUGGESTION_QUERY.test(query) ? query : null;
}

/** LIKE's own characters escaped: "_" is common in handles and must match only itself. */
const likePrefix = (query: string) => `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function suggestMembers(input: {
  query: string;
  viewerId: number;
  threadId?: number | null;
  now?: number;
}): Promise<MemberSuggestion[]> {
  const now = input.now ?? Date.now();
  const prefix = likePrefix(input.query);
  const db = getDb();
  const candidates = db
    .selectFrom("members as m")
    .where("m.deleted_at", "is", null)
    .where("m.approval_state", "=", "approved")
    .where("m.id", "!=", input.viewerId)
    .where((eb) =>
      eb.or([
        sql<boolean>`m.handle like ${prefix} escape '\\'`,
        sql<boolean>`lower(m.display_name) like ${prefix} escape '\\'`,
        sql<boolean>`lower(m.display_name) like ${`% ${prefix}`} escape '\\'`,
      ]),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("suspensions as s")
            .select("s.id")
            .whereRef("s.member_id", "=", "m.id")
            .where("s.lifted_at", "is", null)
            .where("s.starts_at", "<=", now)
            .where((eb) => eb.or([eb("s.ends_at", "is", null), eb("s.ends_at", ">", now)])),
        ),
      ),
    );

  const inThread = input.threadId
    ? await candidates
        .innerJoin("posts as p", "p.author_id", "m.id")
        .innerJoin("threads as t", "t.id", "p.thread_id")
        .where("p.thread_id", "=", input.threadId)
        .where(postShownTo("p"))
        .where(threadShownTo("t"))
        .where("p.id", "not in", postsUnderPseudonym(db))
        .select(["m.handle", "m.display_name"])
        .groupBy("m.id")
        .orderBy(sql`max(p.created_at)`, "desc")
        .limit(SUGGESTION_LIMIT)
        .execute()
    : [];
  const seen = new Set(inThread.map((row) => row.handle));
  const community =
    inThread.length < SUGGESTION_LIMIT
      ? await candidates
          .select(["m.handle", "m.display_name"])
          .orderBy("m.handle")
          .limit(SUGGESTION_LIMIT + inThread.length)
          .execute()
      : [];
  return [...inThread, ...community.filter((row) => !seen.has(row.handle))]
    .slice(0, SUGGESTION_LIMIT)
    .map((row) => ({ handle: row.handle, displayName: row.display_name }));
}

// A few requests a second while someone types is normal; more is someone listing the membership.
const WINDOW_MS = 60_000;
const REQUESTS_PER_WINDOW = 90;
const recentRequests = new Map<number, { windowStart: number; count: number }>();

/** Whether this member may ask for suggestions now (in memory: a restart forgets, which costs nothing). */
export function takeSuggestionRequest(memberId: number, now = Date.now()): boolean {
  const entry = recentRequests.get(memberId);
  if (!entry || now - entry.windowStart >= WINDOW_MS) {
    if (recentRequests.size > 10_000) recentRequests.clear();
    recentRequests.set(memberId, { windowStart: now, count: 1 });
    return true;
  }
  entry.count++;
  return entry.count <= REQUESTS_PER_WINDOW;
}
