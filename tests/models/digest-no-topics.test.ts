// A weekly digest for a member who follows no topic says what it will contain and where to follow topics;
// one for a member who follows a topic does not.
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { noTopicsDigestNote } from "~/lib/digest-copy";
import { renderDigestEmail } from "~/lib/digest-email.server";
import { composeDigest, setDigestFrequency } from "~/models/digests.server";
import { runDigests } from "~/models/digest-run.server";
import { followTopic } from "~/models/follows.server";
import { setThreadFlag } from "~/models/moderation.server";
import { createMember } from "../factories/members";
import { createTestThread } from "../factories/threads";

const outbox = mkdtempSync(join(tmpdir(), "rt-outbox-no-topics-"));
beforeAll(() => {
  process.env.OUTBOX_DIR = outbox;
  delete process.env.SMTP_URL;
});

const ORIGIN = "https://roundtable.example.org";
const HOUR = 3_600_000;

/** The .eml sent to a member, unfolded and with quoted-printable undone. */
function emlFor(memberId: number): string {
  const file = readdirSync(outbox).find((f) => f.endsWith(`-member-${memberId}.eml`));
  if (!file) throw new Error(`No digest for member ${memberId}`);
  return (
    readFileSync(join(outbox, file), "utf8")
      // Quoted-printable soft line breaks first (a continuation may start with a space), then folded headers.
      .replace(/=\n/g, "")
      .replace(/\n[ \t]+/g, " ")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  );
}

describe("a digest without followed topics", () => {
  it("explains what it will contain and links to the topics; a member who follows one gets no such note", async () => {
    const now = Date.UTC(2026, 10, 30, 7);
    const mod = await createMember({ role: "moderator" });
    const newcomer = await createMember({ handle: "no_topics_yet" });
    const follower = await createMember({ handle: "follows_health" });
    const tag = await getDb().selectFrom("tags").select("id").where("slug", "=", "policy").executeTakeFirst();
    // Something everyone gets this week, so both digests have news and are sent.
    const story = await createTestThread({ authorId: mod.id, kind: "story", title: "A story for everyone", now });
    await setThreadFlag(mod.id, story.id, "feature");
    await getDb()
      .updateTable("threads")
      .set({ featured_at: now - 2 * HOUR })
      .where("id", "=", story.id)
      .execute();
    const policy = tag ?? (await getDb().selectFrom("tags").select("id").executeTakeFirstOrThrow());
    await followTopic(follower.id, policy.id);
    await setDigestFrequency(newcomer.id, "weekly");
    await setDigestFrequency(follower.id, "weekly");

    expect((await composeDigest(newcomer.id, { from: now - 7 * 24 * HOUR, to: now })).hasDigestTopics).toBe(false);
    expect((await composeDigest(follower.id, { from: now - 7 * 24 * HOUR, to: now })).hasDigestTopics).toBe(true);

    const run = await runDigests("weekly", { now, origin: ORIGIN });
    expect(run.sent.map((s) => s.memberId).sort()).toEqual([newcomer.id, follower.id].sort());
    const note = noTopicsDigestNote(`${ORIGIN}/topics`);
    expect(note).toMatch(/^You follow no topics yet, so your digest will contain .+; follow topics at https:/);
    const newcomerEml = emlFor(newcomer.id);
    expect(newcomerEml).toContain(note);
    expect(newcomerEml).toContain(`<a href="${ORIGIN}/topics"`);
    expect(newcomerEml).toContain("A story for everyone");
    expect(emlFor(follower.id)).not.toContain("You follow no topics yet");
  });

  it("escapes the note in HTML like everything else in the email", () => {
    const content = {
      repliesToYou: [],
      newThreads: [],
      followedReplies: [],
      featuredStories: [],
      openPrompts: [],
      openRounds: [],
      hasDigestTopics: false,
    };
    const email = renderDigestEmail({
      period: "weekly",
      recipientName: "Ana",
      content,
      origin: "https://example.org/a?b=1&c=2",
      unsubscribeUrl: "https://example.org/unsubscribe",
    });
    expect(email.text).toContain("follow topics at https://example.org/a?b=1&c=2/topics");
    expect(email.html).toContain('<a href="https://example.org/a?b=1&amp;c=2/topics"');
    expect(email.html).not.toContain("b=1&c=2");
  });
});
