import { getDb } from "~db/client.server";
import { type Cursor, exportLists, iso } from "./account-export-lists.server";
import { askLines } from "~/lib/directory";
import { getDirectoryProfile } from "./directory-profile.server";

// "Download your data" (issue 13): everything a member wrote and everything we keep about their account, as
// one JSON document whose shape is docs/account-export-format.md (format version EXPORT_FORMAT_VERSION).
// Written as it is read: each list is read in pages of EXPORT_PAGE_ROWS rows by keyset, each page a query of
// its own, so a member with 100,000 posts never has them in memory at once, and the database connection is
// free between pages (a Kysely .stream() would hold the one connection until the slowest client had read the
// whole file: docs/decisions/0016).

export const EXPORT_FORMAT = "roundtable-account-export";
export const EXPORT_FORMAT_VERSION = 1;
export const EXPORT_PAGE_ROWS = 200;

/**
 * The export of a member's account, in pieces of text that together are one JSON document. Lists come one
 * page at a time; `counts` at the end says how many rows each list holds.
 */
export async function* writeAccountExport(
  memberId: number,
  options: { site: string; now?: number },
): AsyncGenerator<string> {
  const account = await readAccount(memberId);
  if (!account) throw new Error(`No member ${memberId} to export.`);
  const head = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: iso(options.now ?? Date.now()),
    site: options.site,
    account,
  };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n`;
  const counts: Record<string, number> = {};
  for (const section of exportLists(options.site)) {
    let count = 0;
    let after: Cursor | null = null;
    yield `  ${JSON.stringify(section.name)}: [`;
    for (;;) {
      const rows = await section.page(memberId, after, EXPORT_PAGE_ROWS);
      if (rows.length) yield rows.map((r, i) => `${count + i ? "," : ""}\n    ${JSON.stringify(r.row)}`).join("");
      count += rows.length;
      if (rows.length < EXPORT_PAGE_ROWS) break;
      after = rows[rows.length - 1]!.cursor;
    }
    yield `${count ? "\n  " : ""}],\n`;
    counts[section.name] = count;
  }
  yield `  "counts": ${JSON.stringify(counts)}\n}\n`;
}

/** How much a member has written, for the page where they choose what becomes of it. */
export async function countAccountPosts(memberId: number) {
  const db = getDb();
  const count = (rows: Array<{ n: number }>) => Number(rows[0]?.n ?? 0);
  const [posts, threads, answers] = await Promise.all([
    db
      .selectFrom("posts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", memberId)
      .execute(),
    db
      .selectFrom("threads")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("author_id", "=", memberId)
      .execute(),
    db
      .selectFrom("round_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("member_id", "=", memberId)
      .execute(),
  ]);
  return { posts: count(posts), threads: count(threads), roundAnswers: count(answers) };
}

/** The account: profile, settings and fields of practice (a few rows). */
async function readAccount(memberId: number) {
  const db = getDb();
  const member = await db
    .selectFrom("members")
    .select([
      "id",
      "handle",
      "email",
      "display_name",
      "role",
      "organization",
      "location",
      "bio_source",
      "ask_me_about",
      "directory_listing",
      "digest_frequency",
      "reply_alerts",
      "time_zone",
      "language",
      "email_verified_at",
      "created_at",
      "updated_at",
      "password_changed_at",
      "rules_accepted_at",
    ])
    .where("id", "=", memberId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!member) return null;
  const fields = await db
    .selectFrom("member_fields")
    .innerJoin("tags", "tags.id", "member_fields.tag_id")
    .select(["tags.slug", "tags.name"])
    .where("member_fields.member_id", "=", memberId)
    .orderBy("tags.slug")
    .execute();
  const directory = await getDirectoryProfile(memberId);
  return {
    id: member.id,
    handle: member.handle,
    email: member.email,
    role: member.role,
    joinedAt: iso(member.created_at),
    profileUpdatedAt: iso(member.updated_at),
    passwordChangedAt: iso(member.password_changed_at),
    rulesAcceptedAt: iso(member.rules_accepted_at),
    profile: {
      displayName: member.display_name,
      organization: member.organization,
      location: member.location,
      bioSource: member.bio_source,
      fieldsOfPractice: fields,
      // The directory's fields (docs/decisions/0043).
      place: directory?.place ?? null,
      askMeAbout: askLines(member.ask_me_about),
      languagesIWorkIn: directory?.languages ?? [],
    },
    settings: {
      digestFrequency: member.digest_frequency,
      replyAlerts: member.reply_alerts,
      // null: the site's zone.
      timeZone: member.time_zone,
      // null: none chosen (the browser's language, or the last one picked in the footer, decides).
      language: member.language,
      directoryListing: member.directory_listing,
      emailVerifiedAt: member.email_verified_at,
    },
  };
}
