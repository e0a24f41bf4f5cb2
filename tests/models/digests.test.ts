import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { confirmEmail, issueVerificationToken } from "~/models/email-verification.server";
import { followTopic } from "~/models/follows.server";
import { digestPeriod, getDigestFrequency, setDigestFrequency } from "~/models/digests.server";
import { runDigests, unsubscribeUrl } from "~/models/digest-run.server";
import { setThreadFlag } from "~/models/moderation.server";
import * as unsubscribe from "~/routes/unsubscribe";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";
import { getRequest, run } from "../setup/requests";

const outbox = mkdtempSync(join(tmpdir(), "rt-outbox-"));
beforeAll(() => {
  process.env.OUTBOX_DIR = outbox;
  delete process.env.SMTP_URL;
});

const ORIGIN = "http://localhost:3000";
const HOUR = 3_600_000;

describe("email digests", () => {
  it("sends each due member one digest per period with what is new where they listen, as .eml with unsubscribe headers", async () => {
    const now = Date.UTC(2026, 10, 28, 7);
    const reader = await createMember({ handle: "digest_reader", displayName: "Digest Reader" });
    const author = await createMember({ handle: "digest_author", displayName: "Digest Author" });
    const mod = await createMember({ role: "moderator" });
    const followed = await createTestThread({
      authorId: reader.id,
      title: "The reader's own thread",
      now: now - 30 * HOUR,
    });
    await createTestReply({ threadId: followed.id, authorId: author.id, now: now - 2 * HOUR });
    const tag = await getDb().selectFrom("tags").select("id").where("slug", "=", "health").executeTakeFirstOrThrow();
    await followTopic(reader.id, tag.id);
    await createTestThread({
      authorId: author.id,
      title: "Clinic outreach in three languages",
      tagSlugs: ["health"],
      now: now - 3 * HOUR,
    });
    await createTestThread({
      authorId: author.id,
      title: "Too old for today's digest",
      tagSlugs: ["health"],
      now: now - 30 * HOUR,
    });
    const story = await createTestThread({
      authorId: author.id,
      kind: "story",
      title: "A featured story",
      tagSlugs: ["policy"],
      now: now - 40 * HOUR,
    });
    await setThreadFlag(mod.id, story.id, "feature");
    await getDb()
      .updateTable("threads")
      .set({ featured_at: now - HOUR })
      .where("id", "=", story.id)
      .execute();
    await setDigestFrequency(reader.id, "daily");
    const quiet = await createMember({ handle: "digest_quiet" });
    await setDigestFrequency(quiet.id, "daily");

    const first = await runDigests("daily", { now, origin: ORIGIN });
    expect(first.sent.map((s) => s.memberId).sort()).toEqual([reader.id, quiet.id].sort());
    const files = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
    expect(files).toHaveLength(2);
    // Header lines may be folded (RFC 5322): unfold them before reading.
    const headersFor = (memberId: number) =>
      readFileSync(
        join(
          outbox,
          files.find((f) => f.endsWith(`-member-${memberId}.eml`))!,
        ),
        "utf8",
      ).replace(/\n[ \t]+/g, " ");
    // Bodies are quoted-printable: undo soft line breaks and =XX escapes (never in the headers: a token such as
    // "t=2Cx..." would read as "t,x...").
    const emlFor = (memberId: number) =>
      headersFor(memberId)
        .replace(/=\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    // The quiet member follows nothing: only what everyone gets (featured stories, open prompts).
    const quietEml = emlFor(quiet.id);
    expect(quietEml).toContain("A featured story");
    expect(quietEml).not.toContain("Clinic outreach in three languages");
    const eml = emlFor(reader.id);
    expect(eml).toContain("To: digest_reader@example.org");
    expect(headersFor(reader.id)).toMatch(/List-Unsubscribe:\s+<http:\/\/localhost:3000\/unsubscribe\?m=\d+&t=[\w-]+>/);
    expect(eml).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    expect(eml).toContain("Content-Type: text/plain");
    expect(eml).toContain("Content-Type: text/html");
    expect(eml).toContain("Clinic outreach in three languages");
    expect(eml).toContain("The reader's own thread");
    expect(eml).toContain("A featured story");
    expect(eml).toContain("What makes a good organizer?"); // an open prompt
    expect(eml).not.toContain("Too old for today's digest");

    // A second run for the same period sends nothing twice.
    const second = await runDigests("daily", { now: now + HOUR, origin: ORIGIN });
    expect(second.key).toBe(first.key);
    expect(second.sent).toEqual([]);
    expect(readdirSync(outbox).filter((f) => f.endsWith(".eml"))).toHaveLength(2);
    // A day with nothing new sends nothing.
    const later = await runDigests("daily", { now: now + 10 * 24 * HOUR, origin: ORIGIN });
    expect(later.sent).toEqual([]);
    expect(later.nothingNew).toBe(2);
  });

  it("names daily and weekly periods", () => {
    expect(digestPeriod("daily", Date.UTC(2026, 10, 28, 7)).key).toBe("2026-11-28");
    expect(digestPeriod("weekly", Date.UTC(2026, 10, 28, 7)).key).toBe("2026-W48");
    expect(digestPeriod("weekly", Date.UTC(2027, 0, 1)).key).toBe("2026-W53");
  });

  it("unsubscribes with a valid link and refuses a tampered one", async () => {
    const member = await createMember();
    await setDigestFrequency(member.id, "weekly");
    const url = new URL(await unsubscribeUrl(ORIGIN, member.id));
    const tampered = new URL(url);
    tampered.searchParams.set(
      "t",
      url.searchParams.get("t")!.replace(/^./, (c) => (c === "A" ? "B" : "A")),
    );
    const other = new URL(url);
    other.searchParams.set("m", String(member.id + 1));
    for (const bad of [tampered, other]) {
      const response = await run(
        unsubscribe.action,
        new Request(bad, { method: "POST", body: "List-Unsubscribe=One-Click" }),
      );
      expect(response.status).toBe(400);
    }
    expect(await getDigestFrequency(member.id)).toBe("weekly");
    const page = await run(unsubscribe.loader, getRequest(`${url.pathname}${url.search}`));
    expect(page.status).toBe(200);
    expect(await getDigestFrequency(member.id)).toBe("weekly"); // opening the link changes nothing
    const done = await run(
      unsubscribe.action,
      new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click" }),
    );
    expect(done.status).toBe(200);
    expect(await getDigestFrequency(member.id)).toBe("none");
  });

  it("never sends a digest to an address that is not verified, and sends the next one once it is", async () => {
    const now = Date.UTC(2026, 11, 2, 7);
    const author = await createMember();
    const unverified = await createMember({ handle: "digest_unverified", verified: false });
    const verified = await createMember({ handle: "digest_verified" });
    const funding = await getDb()
      .selectFrom("tags")
      .select("id")
      .where("slug", "=", "funding")
      .executeTakeFirstOrThrow();
    for (const member of [unverified, verified]) {
      await followTopic(member.id, funding.id);
      await setDigestFrequency(member.id, "daily");
    }
    await createTestThread({
      authorId: author.id,
      title: "Bridge grants that arrive on time",
      tagSlugs: ["funding"],
      now: now - 3 * HOUR,
    });

    const first = await runDigests("daily", { now, origin: ORIGIN });
    const sentTo = first.sent.map((s) => s.memberId);
    expect(sentTo).toContain(verified.id);
    expect(sentTo).not.toContain(unverified.id);
    expect(readdirSync(outbox).some((f) => f.endsWith(`-member-${unverified.id}.eml`))).toBe(false);

    expect((await confirmEmail(await issueVerificationToken(unverified.id), now)).ok).toBe(true);
    await createTestThread({
      authorId: author.id,
      title: "Pooled funds for small groups",
      tagSlugs: ["funding"],
      now: now + 20 * HOUR,
    });
    const next = await runDigests("daily", { now: now + 24 * HOUR, origin: ORIGIN });
    expect(next.sent.map((s) => s.memberId)).toContain(unverified.id);
  });
});
