import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { FOCUS_GROUP_PROMPTS, STARTER_TOPICS } from "~db/seed-content";
import { seedBaseline, seedDemo } from "~/models/seed.server";

async function counts() {
  const db = getDb();
  const count = async (table: "tags" | "threads" | "posts" | "members") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    tags: await count("tags"),
    threads: await count("threads"),
    posts: await count("posts"),
    members: await count("members"),
  };
}

describe("seed", () => {
  it("creates the starter topics and the three pinned focus-group prompts, once", async () => {
    expect(await seedBaseline(getDb())).toBe(true);
    const prompts = await getDb()
      .selectFrom("threads")
      .select(["title", "kind", "pinned_at"])
      .orderBy("created_at")
      .execute();
    expect(prompts.map((p) => p.title)).toEqual(FOCUS_GROUP_PROMPTS.map((p) => p.title));
    expect(prompts.every((p) => p.kind === "prompt" && p.pinned_at !== null)).toBe(true);
    const first = await counts();
    expect(first.tags).toBe(STARTER_TOPICS.length);
    expect(await seedBaseline(getDb())).toBe(false);
    expect(await counts()).toEqual(first);
  });

  it("adds demo members and conversations, idempotently", async () => {
    const added = await seedDemo(getDb());
    expect(added.members).toBeGreaterThanOrEqual(8);
    expect(added.threads).toBeGreaterThanOrEqual(10);
    expect(added.replies).toBeGreaterThan(30);
    // Demo members (and the team account) can publish at once: their addresses count as verified.
    const unverified = await getDb()
      .selectFrom("members")
      .select("handle")
      .where("email_verified_at", "is", null)
      .execute();
    expect(unverified).toEqual([]);
    const after = await counts();
    const again = await seedDemo(getDb());
    expect(again).toEqual({ members: 0, threads: 0, replies: 0 });
    expect(await counts()).toEqual(after);
  });
});
