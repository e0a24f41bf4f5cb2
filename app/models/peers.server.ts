import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { workLanguageNames } from "~/lib/directory";
import { languageNow } from "~/lib/translate";
import { getDirectoryProfile } from "./directory-profile.server";
import {
  countedPosts,
  describeMembers,
  lastActivity,
  listedTo,
  strongestTopics,
  type DirectoryMember,
} from "./directory.server";
import type { Reader } from "./visibility.server";

// "People who work like you" (issue 19, docs/decisions/0043): the members listed to the reader who share the
// most fields of practice with a member, and their region, most recently active first among equals. A place
// called "elsewhere" is shared with no one: it says where a member is not.

export const PEERS_ON_PROFILE = 5;
export const PEERS_ON_HOME = 3;

export interface Peer extends DirectoryMember {
  sharedFields: number;
  samePlace: boolean;
}

export async function listPeopleLike(input: {
  memberId: number;
  reader: Reader;
  limit?: number;
  now?: number;
}): Promise<Peer[]> {
  const now = input.now ?? Date.now();
  const db = getDb();
  const me = await db
    .selectFrom("members as m")
    .leftJoin("places as pl", "pl.id", "m.place_id")
    .select(["m.place_id", "pl.elsewhere"])
    .where("m.id", "=", input.memberId)
    .executeTakeFirst();
  if (!me) return [];
  const placeId = me.place_id !== null && me.elsewhere === 0 ? me.place_id : null;
  const myFields = db.selectFrom("member_fields").select("tag_id").where("member_id", "=", input.memberId);
  const rows = await db
    .selectFrom("members as m")
    .where(listedTo(input.reader, now))
    .where("m.id", "!=", input.memberId)
    .where((eb) =>
      eb.or([
        eb(
          "m.id",
          "in",
          eb.selectFrom("member_fields as of").select("of.member_id").where("of.tag_id", "in", myFields),
        ),
        ...(placeId !== null ? [eb("m.place_id", "=", placeId)] : []),
      ]),
    )
    .select((eb) => {
      const shared = eb
        .selectFrom("member_fields as sf")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("sf.member_id", "=", "m.id")
        .where("sf.tag_id", "in", myFields);
      const samePlace =
        placeId !== null ? sql<number>`case when m.place_id = ${placeId} then 1 else 0 end` : sql<number>`0`;
      return [
        "m.id",
        shared.as("shared_fields"),
        samePlace.as("same_place"),
        // Shared fields and region first (PostgreSQL orders by an expression of columns, not of output names).
        sql<number>`(${shared}) + ${samePlace}`.as("likeness"),
        lastActivity(db, now).as("last_active_at"),
      ];
    })
    .orderBy("likeness", "desc")
    .orderBy("last_active_at", "desc")
    .orderBy("m.id", "desc")
    .limit(input.limit ?? PEERS_ON_PROFILE)
    .execute();
  const described = await describeMembers(
    rows.map((r) => ({ id: r.id, lastActiveAt: Number(r.last_active_at) || null })),
    now,
  );
  return described.map((member, i) => ({
    ...member,
    sharedFields: Number(rows[i]!.shared_fields),
    samePlace: Number(rows[i]!.same_place) === 1,
  }));
}

export interface PeerWriting {
  postId: number;
  thread: { id: number; slug: string; title: string };
  excerpt: string;
  createdAt: number;
}

/** For the home page: a few people who work like the member, each with the last thing they wrote. */
export async function listPeersWithWriting(input: {
  memberId: number;
  reader: Reader;
  now?: number;
}): Promise<Array<{ peer: Peer; latest: PeerWriting | null }>> {
  const now = input.now ?? Date.now();
  const peers = await listPeopleLike({ ...input, limit: PEERS_ON_HOME, now });
  const db = getDb();
  return Promise.all(
    peers.map(async (peer) => {
      // What everyone may read under their name (countedPosts): hidden posts, pseudonyms and withheld round
      // answers never show here.
      const row = await countedPosts(db, now)
        .select(["dp.id", "dp.excerpt", "dp.created_at", "dt.id as thread_id", "dt.slug", "dt.title"])
        .where("dp.author_id", "=", peer.id)
        .orderBy("dp.created_at", "desc")
        .orderBy("dp.id", "desc")
        .limit(1)
        .executeTakeFirst();
      const latest = row
        ? {
            postId: row.id,
            thread: { id: row.thread_id, slug: row.slug, title: row.title },
            excerpt: row.excerpt ?? "",
            createdAt: row.created_at,
          }
        : null;
      return { peer, latest };
    }),
  );
}

/** What a profile shows of the directory: place, "ask me about", languages, strongest topics, and peers. */
export async function loadProfileDirectory(memberId: number, reader: Reader, now = Date.now()) {
  const [profile, topics, peers] = await Promise.all([
    getDirectoryProfile(memberId),
    strongestTopics([memberId], now),
    listPeopleLike({ memberId, reader, now }),
  ]);
  return {
    place: profile?.place ?? null,
    askMeAbout: profile?.askMeAbout ?? [],
    languages: profile?.languages ?? [],
    topics: topics.get(memberId) ?? [],
    peers,
    languageNames: workLanguageNames(languageNow()),
  };
}
