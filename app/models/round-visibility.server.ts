import { sql, type RawBuilder, type SqlBool } from "kysely";
import { getDb, type Executor } from "~db/client.server";
import type { Consent } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import { isModerator } from "~/lib/permissions";
import { roundState } from "~/lib/rounds";
import { idsInPath } from "./post-path";
import {
  bylineName,
  loadPseudonyms,
  postsUnderPseudonym,
  presentAuthor,
  type PseudonymFact,
} from "./pseudonyms.server";

// What of a round's answers a viewer sees. Two rules, kept here and nowhere else:
// 1. "Answer before you see others": while a round with that setting is open (or not yet open), the replies
//    to its prompts are withheld from anyone who has not answered that prompt. Moderators see everything.
//    Once the round closes, everyone sees every answer.
// 2. Pseudonyms: an answer posted under a pseudonym, and its author's replies beneath it, show the pseudonym
//    instead of the author to everyone but the author and moderators, and replies to them say they reply to
//    the pseudonym (the rule itself is presentAuthor, in pseudonyms.server).

/** What a round answer carries on the thread page. `masked`: the author is hidden behind `pseudonym`. */
export interface RoundAnswerMark {
  consent: Consent;
  pseudonym: string | null;
  masked: boolean;
}

interface AnswerFacts {
  memberId: number;
  pseudonym: string | null;
  consent: Consent;
}

interface PromptFacts {
  answerFirst: boolean;
  opensAt: number;
  closesAt: number;
  answers: Map<number, AnswerFacts>;
  /** Posts written under a pseudonym: answers given under one, and their authors' replies beneath them. */
  pseudonyms: Map<number, PseudonymFact>;
}

/**
 * The round of a prompt thread and all its answers (one query; a second when some answer has a pseudonym), or
 * null for a thread that is no round's prompt.
 */
async function loadPromptFacts(threadId: number, db: Executor = getDb()): Promise<PromptFacts | null> {
  const rows = await db
    .selectFrom("round_prompts as rp")
    .innerJoin("rounds as r", "r.id", "rp.round_id")
    .leftJoin("round_answers as a", "a.thread_id", "rp.thread_id")
    .select(["r.answer_first", "r.opens_at", "r.closes_at", "a.post_id", "a.member_id", "a.pseudonym", "a.consent"])
    .where("rp.thread_id", "=", threadId)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const answers = new Map<number, AnswerFacts>();
  for (const r of rows)
    if (r.post_id !== null && r.member_id !== null && r.consent !== null)
      answers.set(r.post_id, { memberId: r.member_id, pseudonym: r.pseudonym, consent: r.consent });
  const pseudonyms = [...answers.values()].some((a) => a.pseudonym)
    ? await loadPseudonyms({ threadId }, db)
    : new Map<number, PseudonymFact>();
  const { answer_first, opens_at, closes_at } = first;
  return { answerFirst: answer_first === 1, opensAt: opens_at, closesAt: closes_at, answers, pseudonyms };
}

function isGated(facts: PromptFacts, viewer: Viewer | null, now: number): boolean {
  if (!facts.answerFirst || isModerator(viewer)) return false;
  if (roundState(facts, now) === "closed") return false;
  return viewer === null || ![...facts.answers.values()].some((a) => a.memberId === viewer.id);
}

interface PostLike {
  id: number;
  parentId: number | null;
  depth: number;
  author: { id: number; handle: string; displayName: string; organization?: string | null } | null;
  replyToName: string | null;
  roundAnswer?: RoundAnswerMark | null;
  pseudonym?: { name: string; masked: boolean } | null;
}

/**
 * Applies both rules to lists of posts from one thread (the thread page, a branch, a reply target), in one
 * query, or none when there is nothing to show. Withheld posts are left out of the lists.
 */
export async function applyRoundRules<T extends PostLike>(
  threadId: number,
  viewer: Viewer | null,
  lists: T[][],
  now = Date.now(),
): Promise<T[][]> {
  if (lists.every((list) => list.length === 0)) return lists;
  const facts = await loadPromptFacts(threadId);
  if (!facts) return lists;
  const gated = isGated(facts, viewer, now);
  return lists.map((list) =>
    list
      .filter((post) => !gated || post.depth === 0 || (viewer !== null && post.author?.id === viewer.id))
      .map((post) => {
        const answer = facts.answers.get(post.id);
        const fact = facts.pseudonyms.get(post.id);
        // Only a post whose author this viewer would see gets the pseudonym in its place (not a removed one).
        const masked = post.author !== null && presentAuthor(post.author, fact, viewer).kind === "pseudonym";
        // The parent's name as this viewer reads it (null stays null: a removed or hidden parent).
        const parentFact = post.parentId === null ? undefined : facts.pseudonyms.get(post.parentId);
        const replyToName =
          post.replyToName !== null && parentFact
            ? bylineName(
                presentAuthor(
                  { id: parentFact.memberId, handle: "", displayName: post.replyToName },
                  parentFact,
                  viewer,
                ),
              )
            : post.replyToName;
        if (!answer && !fact && replyToName === post.replyToName) return post;
        return {
          ...post,
          // Under a pseudonym, the organization never shows, even to those who see the author (decision 0021).
          author: masked || !post.author ? null : fact ? { ...post.author, organization: null } : post.author,
          replyToName,
          pseudonym: fact && post.author ? { name: fact.pseudonym, masked } : null,
          roundAnswer: answer ? { consent: answer.consent, pseudonym: answer.pseudonym, masked } : null,
        };
      }),
  );
}

/**
 * For public, viewer-less lists of one thread (its Atom feed): whether replies are withheld, and the posts
 * written under a pseudonym (see presentAuthor).
 */
export async function publicRoundRules(
  threadId: number,
  now = Date.now(),
): Promise<{ withheld: boolean; pseudonyms: Map<number, PseudonymFact> }> {
  const facts = await loadPromptFacts(threadId);
  if (!facts) return { withheld: false, pseudonyms: new Map() };
  return { withheld: isGated(facts, null, now), pseudonyms: facts.pseudonyms };
}

/**
 * The pseudonym a member's reply to this post would be written under: theirs, when the post is in the subtree
 * of their own answer given under a pseudonym (null for anything else, including a reply to the prompt itself).
 */
export async function replyPseudonym(
  post: { threadId: number; depth: number; path: string },
  memberId: number,
): Promise<string | null> {
  if (post.depth === 0) return null;
  const answer = await getDb()
    .selectFrom("round_answers")
    .select("pseudonym")
    .where("post_id", "=", idsInPath(post.path)[0]!)
    .where("thread_id", "=", post.threadId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  return answer?.pseudonym ?? null;
}

/**
 * publiclyWithheldPostIds for one post row (`alias`), as a correlated condition: a query about a few posts of one
 * thread (its new replies) looks at those posts' own answers and round only, where the id list reads every post
 * of the site to build the set (a full scan of posts on each page view). The same two rules, row by row.
 */
export function isPubliclyWithheld(alias: string, now = Date.now()): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<SqlBool>`(exists (
    select 1 from round_answers as wa inner join posts as wap on wap.id = wa.post_id
    where wa.pseudonym is not null and wa.thread_id = ${column("thread_id")} and wa.member_id = ${column("author_id")}
      and ${column("path")} >= wap.path and ${column("path")} < wap.path || '~'
  ) or (${column("depth")} > 0 and exists (
    select 1 from round_prompts as wrp inner join rounds as wr on wr.id = wrp.round_id
    where wrp.thread_id = ${column("thread_id")} and wr.answer_first = 1 and wr.closes_at > ${now}
  )))`;
}

/**
 * Posts that lists across the site (search, a member's replies) leave out: posts under a pseudonym, which would
 * name their author there (or be found by their handle), and every reply in a prompt of a round still collecting
 * "answer first" answers.
 */
export function publiclyWithheldPostIds(db: Executor, now = Date.now()) {
  return postsUnderPseudonym(db).union(
    db
      .selectFrom("posts as wp")
      .innerJoin("round_prompts as wrp", "wrp.thread_id", "wp.thread_id")
      .innerJoin("rounds as wr", "wr.id", "wrp.round_id")
      .select("wp.id as post_id")
      .where("wr.answer_first", "=", 1)
      .where("wr.closes_at", ">", now)
      .where("wp.depth", ">", 0),
  );
}
