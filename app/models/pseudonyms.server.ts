import { sql } from "kysely";
import { getDb, type Executor } from "~db/client.server";
import type { Viewer } from "~/auth/viewer";
import { isModerator } from "~/lib/permissions";

// Who wrote a post, as each surface shows it (decision record 0008). A round answer given under a pseudonym,
// and every reply its author writes beneath it (the conversation the answer started), are written under that
// pseudonym: everyone but the author and moderators sees the pseudonym, never the member, wherever the post
// appears. presentAuthor is that rule; surfaces without a viewer that list posts by member (search, a
// profile) leave out postsUnderPseudonym, the same posts as a subquery.

/** An author as a surface shows them: the member (with their profile), or the pseudonym they wrote under. */
export type Byline =
  { kind: "member"; id: number; handle: string; displayName: string } | { kind: "pseudonym"; name: string };

export interface PostAuthor {
  id: number;
  handle: string;
  displayName: string;
}

/** A post written under a pseudonym: its writer, and the name everyone else reads. */
export interface PseudonymFact {
  memberId: number;
  pseudonym: string;
}

/**
 * How `author` is presented to `viewer` (null: a visitor, or a public surface: feeds, emails, notices) as the
 * writer or editor of a post whose pseudonym fact is `fact`: the pseudonym when the post is theirs under one,
 * unless the viewer is that member or a moderator.
 */
export function presentAuthor(
  author: PostAuthor,
  fact: PseudonymFact | null | undefined,
  viewer: Viewer | null,
): Byline {
  const masked = fact && fact.memberId === author.id && viewer?.id !== author.id && !isModerator(viewer);
  return masked ? { kind: "pseudonym", name: fact.pseudonym } : { kind: "member", ...author };
}

export const bylineName = (byline: Byline): string => (byline.kind === "member" ? byline.displayName : byline.name);

/**
 * Posts under a pseudonym: each answer given under one, and its author's posts in the answer's subtree (the
 * materialized path range [answer path, answer path + "~"), as post-path.ts's subtreeEnd).
 */
function pseudonymousPosts(db: Executor) {
  return db
    .selectFrom("round_answers as a")
    .innerJoin("posts as ap", "ap.id", "a.post_id")
    .innerJoin("posts as p", (join) =>
      join
        .onRef("p.thread_id", "=", "a.thread_id")
        .onRef("p.author_id", "=", "a.member_id")
        .onRef("p.path", ">=", "ap.path")
        .on("p.path", "<", sql<string>`ap.path || '~'`),
    )
    .where("a.pseudonym", "is not", null);
}

/** The posts of a thread, or these posts, that are written under a pseudonym, by post id. */
export async function loadPseudonyms(
  scope: { threadId: number } | { postIds: number[] },
  db: Executor = getDb(),
): Promise<Map<number, PseudonymFact>> {
  if ("postIds" in scope && scope.postIds.length === 0) return new Map();
  const rows = await pseudonymousPosts(db)
    .select(["p.id", "a.member_id", "a.pseudonym"])
    .$call((q) =>
      "threadId" in scope ? q.where("a.thread_id", "=", scope.threadId) : q.where("p.id", "in", scope.postIds),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, { memberId: r.member_id, pseudonym: r.pseudonym ?? "" }]));
}

/** Ids of every post written under a pseudonym, for lists that would otherwise show or filter by its author. */
export function postsUnderPseudonym(db: Executor) {
  return pseudonymousPosts(db).select("p.id as post_id");
}

/**
 * How many people a set of answers shows the public: each member answering by name once, and each answer under
 * a pseudonym as one more. A count of members would tell whether a pseudonym belongs to someone who also
 * answered by name (two names and a pseudonym, "2 practitioners": the pseudonym is one of the two).
 */
export function countPublicIdentities(answers: Array<{ memberId: number; pseudonym: string | null }>): number {
  const named = new Set(answers.filter((a) => a.pseudonym === null).map((a) => a.memberId));
  return named.size + answers.filter((a) => a.pseudonym !== null).length;
}

/** countPublicIdentities in SQL, over the round_answers rows of a subquery. */
export const publicIdentityCount = () =>
  sql<number>`count(distinct case when round_answers.pseudonym is null then round_answers.member_id end) + count(round_answers.pseudonym)`;
