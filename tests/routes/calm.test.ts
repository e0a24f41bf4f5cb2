// A calmer Roundtable (issue 14, points 7-9), from the routes: the time-zone setting, what the root loader
// gives every page (the reader's clock, the moderators' waiting flags), a member's home (what they follow
// first, prompts labelled truthfully) and the focus group's round, whose dates were never recorded.
import { tr } from "~/lib/translate";
import { renderToString } from "react-dom/server";
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { DATES_NOT_RECORDED, RoundDates } from "~/components/rounds/round-list";
import { buildTree, ReplyTree } from "~/components/thread/reply-tree";
import { DEFAULT_SITE_TIME_ZONE } from "~/lib/format";
import { DAY_MS } from "~/lib/rounds";
import { showsReplyingTo } from "~/lib/thread-display";
import { countWaitingFlaggedPosts, flagPost, WAITING_FLAGS_CAP } from "~/models/flags.server";
import { deleteAccount } from "~/models/account-deletion.server";
import { followTopic, setThreadFollow } from "~/models/follows.server";
import { TIME_ZONE_UNKNOWN_MESSAGE } from "~/models/member-time-zone.server";
import { listRounds } from "~/models/rounds.server";
import { seedBaseline } from "~/models/seed.server";
import * as root from "~/root";
import * as home from "~/routes/_index";
import * as settings from "~/routes/settings._index";
import { createMember, type TestMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

let member: TestMember, other: TestMember, moderator: TestMember;
let cookie: string;

beforeAll(async () => {
  await seedBaseline(getDb());
  member = await createMember({ displayName: "Rosa Calm" });
  other = await createMember({ displayName: "Otto Other" });
  moderator = await createMember({ role: "moderator" });
  cookie = await sessionCookieFor(member.id);
});

type RootData = { clock: { timeZone: string; renderedAt: number | null }; waitingFlags: number };
const rootData = async (who?: string) => (await (await run(root.loader, getRequest("/", who))).json()) as RootData;

describe("the time-zone setting", () => {
  const save = (timeZone: string | undefined) =>
    run(
      settings.action,
      formRequest(
        "/settings",
        timeZone === undefined ? { intent: "time-zone" } : { intent: "time-zone", timeZone },
        cookie,
      ),
    );

  it("refuses a zone the runtime does not know, with a message for the field, and keeps the old one", async () => {
    expect((await save("Europe/Vienna")).status).toBe(302);
    for (const bad of ["Mars/Olympus_Mons", "europe/vienna", "<script>", undefined]) {
      const response = await save(bad);
      expect(response.status, String(bad)).toBe(400);
      expect(((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
        timeZone: tr(TIME_ZONE_UNKNOWN_MESSAGE),
      });
    }
    expect((await rootData(cookie)).clock.timeZone).toBe("Europe/Vienna");
  });

  it("gives every page the member's zone and render time; visitors get the site's zone and no render time", async () => {
    expect((await save("Asia/Tokyo")).status).toBe(302);
    const before = Date.now();
    const mine = await rootData(cookie);
    expect(mine.clock.timeZone).toBe("Asia/Tokyo");
    expect(mine.clock.renderedAt).toBeGreaterThanOrEqual(before);
    // A visitor's page may be served from the cache much later: no render time to be relative to.
    expect((await rootData()).clock).toEqual({ timeZone: DEFAULT_SITE_TIME_ZONE, renderedAt: null });
    // "" goes back to the site's zone.
    expect((await save("")).status).toBe(302);
    expect((await rootData(cookie)).clock.timeZone).toBe(DEFAULT_SITE_TIME_ZONE);
    const page = (await (await run(settings.loader, getRequest("/settings", cookie))).json()) as { timeZone: null };
    expect(page.timeZone).toBeNull();
  });
});

describe("a chosen time zone when the account is deleted", () => {
  it("is cleared with everything else personal (it says roughly where someone lives)", async () => {
    const leaving = await createMember();
    const leavingCookie = await sessionCookieFor(leaving.id);
    const saved = await run(
      settings.action,
      formRequest("/settings", { intent: "time-zone", timeZone: "Pacific/Auckland" }, leavingCookie),
    );
    expect(saved.status).toBe(302);
    expect((await deleteAccount({ memberId: leaving.id, posts: "keep" })).ok).toBe(true);
    const row = await getDb().selectFrom("members").select("time_zone").where("id", "=", leaving.id).executeTakeFirst();
    expect(row?.time_zone).toBeNull();
  });
});

describe("the moderators' waiting flags", () => {
  it("are counted for moderators only, one per flagged post, and the count stops at its cap", async () => {
    const { id: threadId } = await createTestThread({ authorId: other.id });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await createTestReply({ threadId, authorId: other.id }));
    const flaggers = [member, await createMember()];
    for (const postId of replies.slice(0, 2))
      for (const flagger of flaggers) await flagPost({ postId, memberId: flagger.id, reason: "spam", note: "" });
    expect((await rootData(await sessionCookieFor(moderator.id))).waitingFlags).toBe(2);
    expect((await rootData(cookie)).waitingFlags).toBe(0);
    expect((await rootData()).waitingFlags).toBe(0);
    expect(WAITING_FLAGS_CAP).toBe(99);
    expect(await countWaitingFlaggedPosts()).toBe(2);
  });
});

describe("a member's home", () => {
  type HomeData = {
    followed: Array<{ title: string }> | null;
    prompts: Array<{ title: string; status: string; round: { title: string; datesRecorded: boolean } | null }>;
  };
  const homeData = async (who?: string) => (await (await run(home.loader, getRequest("/", who))).json()) as HomeData;

  it("starts with what is new in followed topics and threads, latest first, without muted or stale threads", async () => {
    const reader = await createMember();
    const readerCookie = await sessionCookieFor(reader.id);
    const now = Date.now();
    const health = await getDb().selectFrom("tags").select("id").where("slug", "=", "health").executeTakeFirstOrThrow();
    await followTopic(reader.id, health.id);
    const inTopic = await createTestThread({
      authorId: other.id,
      title: "Clinic outreach at night",
      tagSlugs: ["health"],
      now: now - 2 * DAY_MS,
    });
    const followedThread = await createTestThread({
      authorId: other.id,
      title: "A thread I follow",
      tagSlugs: ["funding"],
      now: now - 3 * DAY_MS,
    });
    await setThreadFollow(reader.id, followedThread.id, "following");
    const muted = await createTestThread({
      authorId: other.id,
      title: "Muted though in my topic",
      tagSlugs: ["health"],
      now: now - DAY_MS,
    });
    await setThreadFollow(reader.id, muted.id, "muted");
    await createTestThread({
      authorId: other.id,
      title: "Old news in my topic",
      tagSlugs: ["health"],
      now: now - 60 * DAY_MS,
    });
    await createTestThread({ authorId: other.id, title: "Not followed at all", tagSlugs: ["funding"], now });
    // A reply makes the followed thread the latest activity.
    await createTestReply({ threadId: followedThread.id, authorId: other.id, now: now - DAY_MS });

    const data = await homeData(readerCookie);
    expect(data.followed?.map((t) => t.title)).toEqual(["A thread I follow", "Clinic outreach at night"]);
    // Visitors' home carries nothing of anyone's (it is cached and shared).
    expect((await homeData()).followed).toBeNull();
    void inTopic;
  });

  it("labels prompts truthfully: an open round's 'open for answers', the closed focus group's 'conversation continues'", async () => {
    const round = await createTestRound({ createdBy: moderator.id, prompts: 1 });
    const data = await homeData(cookie);
    const focusGroup = data.prompts.filter((p) => p.round?.title === "The first focus group");
    expect(focusGroup).toHaveLength(3);
    for (const prompt of focusGroup) {
      expect(prompt.status).toBe("conversation-continues");
      expect(prompt.round?.datesRecorded).toBe(false);
    }
    const open = data.prompts.find((p) => p.round && p.round.title !== "The first focus group");
    expect(open?.status).toBe("open-for-answers");
    expect(round.promptIds).toHaveLength(1);
  });
});

describe("the focus group's round", () => {
  it("is stored with its dates not recorded, and says so instead of showing the day the database was seeded", async () => {
    const { closed } = await listRounds();
    const focusGroup = closed.find((r) => r.title === "The first focus group");
    expect(focusGroup?.datesRecorded).toBe(false);
    const html = renderToString(createElement(RoundDates, { round: focusGroup! }));
    expect(html).toBe(tr(DATES_NOT_RECORDED));
    // A round whose dates are known still shows them.
    const known = renderToString(
      createElement(RoundDates, {
        round: { state: "closed", opensAt: Date.UTC(2025, 0, 6), closesAt: Date.UTC(2025, 0, 20), datesRecorded: true },
      }),
    );
    expect(known.replaceAll("<!-- -->", "")).toContain("Ran ");
    expect(known).toContain("January 6, 2025");
  });
});

describe("'replying to' on the thread page", () => {
  it("shows only where the post answered is not the one just above", () => {
    type Item = {
      id: number;
      parentId: number | null;
      depth: number;
      replyToName: string | null;
      descendantCount: number;
    };
    // 1 and 4 answer the opening post; 2 and 3 answer 1 (2 right under it, 3 after 2); 5 answers 2.
    const items: Item[] = [
      { id: 1, parentId: 100, depth: 1, replyToName: "Opening Author", descendantCount: 3 },
      { id: 2, parentId: 1, depth: 2, replyToName: "One", descendantCount: 1 },
      { id: 5, parentId: 2, depth: 3, replyToName: "Two", descendantCount: 0 },
      { id: 3, parentId: 1, depth: 2, replyToName: "One", descendantCount: 0 },
      { id: 4, parentId: 100, depth: 1, replyToName: "Opening Author", descendantCount: 0 },
    ];
    const shown: number[] = [];
    renderToString(
      createElement(ReplyTree<Item>, {
        nodes: buildTree(items),
        level: 1,
        renderItem: (item, _level, placement) => {
          if (showsReplyingTo(item, placement.parentJustAbove)) shown.push(item.id);
          return null;
        },
      }),
    );
    // 2 sits under 1 and 5 under 2; 3 follows 5, so it says whom it answers; top-level replies never need it.
    expect(shown).toEqual([3]);
    expect(showsReplyingTo({ depth: 4, replyToName: null }, false)).toBe(false);
  });
});
