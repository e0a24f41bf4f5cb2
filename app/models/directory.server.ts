import { sql, type RawBuilder, type SqlBool } from "kysely";
import { getDb, type Executor } from "~db/client.server";
import type { DirectoryListing } from "~db/schema";
import { askLines } from "~/lib/directory";
import { placeName } from "./places.server";
import { publiclyWithheldPostIds } from "./round-visibility.server";
import { postShownTo, threadShownTo, type Reader } from "./visibility.server";

// The member directory (issue 19, docs/decisions/0043): who is listed to whom, what a member's activity and
// strongest topics are, and the filtered, paged list at /members. Two rules hold in every query here:
// - Listing: a member is listed only when in good standing (not deleted, address verified, approved, not
//   suspended) and their setting lets this reader see them: "everyone" (visitors too), "members" (signed-in
//   readers only, the default) or "nobody".
// - What counts as their activity and topics is what everyone may read under their name: posts shown to
//   everyone, in threads shown to everyone, never a post under a pseudonym (which would unmask it) nor a reply
//   withheld by an open "answer first" round.

export const DIRECTORY_PAGE_SIZE = 24;
/** Pages beyond this are not served: the directory is for browsing and filtering, not for listing everyone. */
export const DIRECTORY_PAGES_MAX = 40;
/** How many of a member's strongest topics are shown, and how far the topic filter looks. */
export const STRONG_TOPICS = 3;

export interface DirectoryFilters {
  field?: string | null;
  placeId?: number | null;
  organization?: string | null;
  topic?: string | null;
  ask?: string | null;
  language?: string | null;
}

export interface TopicRef {
  slug: string;
  name: string;
}

export interface DirectoryMember {
  id: number;
  handle: string;
  displayName: string;
  organization: string;
  place: string | null;
  fields: TopicRef[];
  topics: TopicRef[];
  askMeAbout: string[];
  languages: string[];
  lastActiveAt: number | null;
}

/** The listing settings a reader may see: a visitor sees "everyone" only; a member "everyone" and "members". */
export function listingsVisibleTo(reader: Reader): DirectoryListing[] {
  return reader ? ["everyone", "members"] : ["everyone"];
}

/** Members row `m` is listed to this reader at `now` (see the rules above). */
export function listedTo(reader: Reader, now: number, alias = "m"): RawBuilder<SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const listings = listingsVisibleTo(reader);
  return sql<SqlBool>`(${column("deleted_at")} is null and ${column("email_verified_at")} is not null
    and ${column("approval_state")} = 'approved'
    and ${column("directory_listing")} in (${sql.join(listings)})
    and not exists (select 1 from suspensions s where s.member_id = ${column("id")} and s.lifted_at is null
      and s.starts_at <= ${now} and (s.ends_at is null or s.ends_at > ${now})))`;
}

/** Posts that count for their author in the directory: shown to everyone, under their own name. */
export function countedPosts(db: Executor, now = Date.now()) {
  return db
    .selectFrom("posts as dp")
    .innerJoin("threads as dt", "dt.id", "dp.thread_id")
    .where(postShownTo("dp"))
    .where(threadShownTo("dt"))
    .where("dp.id", "not in", publiclyWithheldPostIds(db, now));
}

/** The time of member `m`'s latest counted post, as a correlated subquery (0 when there is none). */
export function lastActivity(db: Executor, now: number, alias = "m"): RawBuilder<number> {
  const latest = countedPosts(db, now)
    .select((eb) => eb.fn.max("dp.created_at").as("latest"))
    .whereRef("dp.author_id", "=", sql.ref(`${alias}.id`) as never);
  return sql<number>`coalesce((${latest}), 0)`;
}

const likeContains = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Members whose STRONG_TOPICS strongest topics include this one (by counted posts in its threads). */
function writesMostIn(db: Executor, topicSlug: string, now: number) {
  const topicId = db.selectFrom("tags").select("id").where("slug", "=", topicSlug);
  const ranked = countedPosts(db, now)
    .innerJoin("thread_tags as tt", "tt.thread_id", "dp.thread_id")
    // Only members who wrote in the topic at all are ranked.
    .where(
      "dp.author_id",
      "in",
      db
        .selectFrom("posts as tp")
        .innerJoin("thread_tags as ttp", "ttp.thread_id", "tp.thread_id")
        .select("tp.author_id")
        .where("ttp.tag_id", "=", topicId),
    )
    .select([
      "dp.author_id as member_id",
      "tt.tag_id as tag_id",
      sql<number>`row_number() over (partition by dp.author_id order by count(*) desc, tt.tag_id)`.as("rk"),
    ])
    .groupBy(["dp.author_id", "tt.tag_id"]);
  return db
    .selectFrom(ranked.as("ranked"))
    .select("ranked.member_id")
    .where("ranked.tag_id", "=", topicId)
    .where("ranked.rk", "<=", STRONG_TOPICS);
}

export interface DirectoryPage {
  members: DirectoryMember[];
  page: number;
  hasNext: boolean;
}

/** One page of the directory for `reader`, filtered, most recently active first. */
export async function listDirectory(input: {
  reader: Reader;
  filters: DirectoryFilters;
  page?: number;
  now?: number;
}): Promise<DirectoryPage> {
  const now = input.now ?? Date.now();
  const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), DIRECTORY_PAGES_MAX);
  const { field, placeId, organization, topic, ask, language } = input.filters;
  const db = getDb();
  const rows = await db
    .selectFrom("members as m")
    .where(listedTo(input.reader, now))
    .$if(Boolean(field), (q) =>
      q.where("m.id", "in", (eb) =>
        eb
          .selectFrom("member_fields as mf")
          .innerJoin("tags as ft", "ft.id", "mf.tag_id")
          .select("mf.member_id")
          .where("ft.slug", "=", field!),
      ),
    )
    .$if(Boolean(placeId), (q) => q.where("m.place_id", "=", placeId!))
    .$if(Boolean(organization), (q) =>
      q.where(sql<SqlBool>`lower(m.organization) like ${likeContains(organization!)} escape '\\'`),
    )
    .$if(Boolean(ask), (q) => q.where(sql<SqlBool>`lower(m.ask_me_about) like ${likeContains(ask!)} escape '\\'`))
    .$if(Boolean(language), (q) =>
      q.where("m.id", "in", (eb) =>
        eb.selectFrom("member_languages as ml").select("ml.member_id").where("ml.code", "=", language!),
      ),
    )
    .$if(Boolean(topic), (q) => q.where("m.id", "in", writesMostIn(db, topic!, now)))
    .select(["m.id", lastActivity(db, now).as("last_active_at")])
    .orderBy("last_active_at", "desc")
    .orderBy("m.id", "desc")
    .limit(DIRECTORY_PAGE_SIZE + 1)
    .offset((page - 1) * DIRECTORY_PAGE_SIZE)
    .execute();
  const shown = rows.slice(0, DIRECTORY_PAGE_SIZE);
  return {
    members: await describeMembers(
      shown.map((r) => ({ id: r.id, lastActiveAt: Number(r.last_active_at) || null })),
      now,
    ),
    page,
    hasNext: rows.length > DIRECTORY_PAGE_SIZE && page < DIRECTORY_PAGES_MAX,
  };
}

/** Everything a directory card shows, for these members, in their order (a few queries for the whole page). */
export async function describeMembers(
  members: Array<{ id: number; lastActiveAt: number | null }>,
  now = Date.now(),
): Promise<DirectoryMember[]> {
  if (!members.length) return [];
  const ids = members.map((m) => m.id);
  const db = getDb();
  const [rows, fields, topics, languages] = await Promise.all([
    db
      .selectFrom("members as m")
      .leftJoin("places as pl", "pl.id", "m.place_id")
      .select([
        "m.id",
        "m.handle",
        "m.display_name",
        "m.organization",
        "m.ask_me_about",
        "pl.name as place",
        "pl.elsewhere",
      ])
      .where("m.id", "in", ids)
      .execute(),
    db
      .selectFrom("member_fields as mf")
      .innerJoin("tags as t", "t.id", "mf.tag_id")
      .select(["mf.member_id", "t.slug", "t.name"])
      .where("mf.member_id", "in", ids)
      .orderBy("t.sort_key")
      .orderBy("t.id")
      .execute(),
    strongestTopics(ids, now),
    db
      .selectFrom("member_languages")
      .select(["member_id", "code"])
      .where("member_id", "in", ids)
      .orderBy("code")
      .execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return members.flatMap(({ id, lastActiveAt }) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id,
        handle: row.handle,
        displayName: row.display_name,
        organization: row.organization,
        place: row.place === null ? null : placeName({ name: row.place, elsewhere: row.elsewhere ?? 0 }),
        fields: fields.filter((f) => f.member_id === id).map(({ slug, name }) => ({ slug, name })),
        topics: topics.get(id) ?? [],
        askMeAbout: askLines(row.ask_me_about),
        languages: languages.filter((l) => l.member_id === id).map((l) => l.code),
        lastActiveAt,
      },
    ];
  });
}

/** Each member's STRONG_TOPICS strongest topics: the topics of the threads they wrote most counted posts in. */
export async function strongestTopics(memberIds: number[], now = Date.now()): Promise<Map<number, TopicRef[]>> {
  const result = new Map<number, TopicRef[]>();
  if (!memberIds.length) return result;
  const db = getDb();
  const rows = await countedPosts(db, now)
    .innerJoin("thread_tags as tt", "tt.thread_id", "dp.thread_id")
    .innerJoin("tags as t", "t.id", "tt.tag_id")
    .select(["dp.author_id", "t.id", "t.slug", "t.name", (eb) => eb.fn.countAll<number>().as("posts")])
    .where("dp.author_id", "in", memberIds)
    .groupBy(["dp.author_id", "t.id", "t.slug", "t.name"])
    .execute();
  rows.sort((a, b) => Number(b.posts) - Number(a.posts) || a.id - b.id);
  for (const row of rows) {
    const list = result.get(row.author_id) ?? [];
    if (list.length < STRONG_TOPICS) list.push({ slug: row.slug, name: row.name });
    result.set(row.author_id, list);
  }
  return result;
}
