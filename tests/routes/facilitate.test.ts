// The facilitator's view over real HTTP (issue 19, part 3): for moderators only, in the reader's language,
// with links to act on each item; "I worked through this list" is recorded and said on the page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createThread } from "~/models/threads.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

const DAY = 86_400_000;
let server: RunningServer;
let moderatorCookie: string;
let memberCookie: string;
let newcomerThreadId: number;
let newcomerHandle: string;

beforeAll(async () => {
  const moderator = await createMember({
    role: "moderator",
    displayName: "Rosa Moderadora",
    createdAt: Date.now() - 400 * DAY,
  });
  moderatorCookie = await sessionCookieFor(moderator.id);
  memberCookie = await sessionCookieFor((await createMember()).id);
  const newcomer = await createMember({ createdAt: Date.now() - 3 * DAY });
  newcomerHandle = newcomer.handle;
  await getDb()
    .insertInto("tags")
    .values({
      slug: "outreach",
      name: "Outreach",
      sort_key: "outreach",
      description: "",
      created_at: 0,
      last_activity_at: null,
      merged_into_id: null,
    })
    .execute();
  newcomerThreadId = (
    await createThread({
      authorId: newcomer.id,
      kind: "discussion",
      title: "How do you reach night-shift workers?",
      bodySource: "We tried flyers.",
      tagSlugs: ["outreach"],
      now: Date.now() - 2 * DAY,
    })
  ).id;
  await createMember({ handle: "silent_sam", displayName: "Silent Sam", createdAt: Date.now() - 5 * DAY });
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

describe("/mod/facilitate", () => {
  it("is for moderators: a visitor is sent to log in, a member is refused", async () => {
    const visitor = await httpRequest(server, "/mod/facilitate");
    expect(visitor.status).toBe(302);
    expect(visitor.headers.location).toMatch(/^\/login/);
    expect((await httpRequest(server, "/mod/facilitate", { cookie: memberCookie })).status).toBe(403);
    const post = await httpRequest(server, "/mod/facilitate", { method: "POST", cookie: memberCookie, form: {} });
    expect(post.status).toBe(403);
    expect(await getDb().selectFrom("facilitation_reviews").selectAll().execute()).toEqual([]);
  });

  it("lists the newcomer's unanswered first post with a reply link, and the member who never posted", async () => {
    const page = await httpRequest(server, "/mod/facilitate", { cookie: moderatorCookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Facilitate</h1>");
    expect(page.body).toContain("First posts with no reply");
    expect(page.body).toContain("How do you reach night-shift workers?");
    const postId = (
      await getDb().selectFrom("posts").select("id").where("thread_id", "=", newcomerThreadId).executeTakeFirstOrThrow()
    ).id;
    expect(page.body).toContain(`href="/posts/${postId}/reply"`);
    expect(page.body).toContain(`href="/members/silent_sam"`);
    // The newcomer has posted: they are no longer "joined but never posted".
    expect(page.body).not.toContain(`href="/members/${newcomerHandle}">`);
    expect(page.body).toContain("Nobody has worked through this list yet.");
  });

  it("records 'I worked through this list' and says so, in Spanish for a Spanish reader", async () => {
    const done = await httpRequest(server, "/mod/facilitate", {
      method: "POST",
      cookie: moderatorCookie,
      form: { intent: "reviewed" },
    });
    expect(done.status).toBe(302);
    const flashCookie = [done.headers["set-cookie"] ?? []]
      .flat()
      .map((c) => c.split(";")[0])
      .join("; ");
    const page = await httpRequest(server, "/mod/facilitate", { cookie: `${moderatorCookie}; ${flashCookie}` });
    expect(page.body).toContain("Marked as worked through. Thank you.");
    expect(page.body).toMatch(/Last worked through by Rosa Moderadora, <time/);

    const spanish = await httpRequest(server, "/mod/facilitate?lang=es", { cookie: moderatorCookie });
    expect(spanish.body).toContain("<h1>Facilitar</h1>");
    expect(spanish.body).toContain("Primeras publicaciones sin respuesta");
    expect(spanish.body).toMatch(/Rosa Moderadora revisó esta lista por última vez <time/);
    expect(spanish.body).not.toMatch(/facilitate:|firstPosts\.|quietTopics\./);
  });
});
