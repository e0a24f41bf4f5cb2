// The moderation log names what each row acted on: a thread by its title, a post as "Reply in <title>" with
// its first words, a topic by its address; removed content by number only; all in one query however long the
// page is.
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { queryCounter } from "~db/engine";
import { auditTarget } from "~/lib/audit-log";
import { listAuditLog, logAction, type AuditLogItem } from "~/models/audit-log.server";
import { setThreadFlag, setThreadHidden } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import * as modLog from "~/routes/mod.log";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { getRequest, run, sessionCookieFor } from "../setup/requests";

type LogItem = AuditLogItem;

describe("moderation log targets", () => {
  it("names threads and posts by title, links them, and names removed ones by number only", async () => {
    const mod = await createMember({ role: "moderator" });
    const author = await createMember();
    const pinned = await createTestThread({ authorId: author.id, title: "Phone trees that survive a strike" });
    const hidden = await createTestThread({ authorId: author.id, title: "A thread the moderators hid" });
    const removed = await createTestThread({ authorId: author.id, title: "Secret title of a removed thread" });
    const reply = await createTestReply({
      threadId: pinned.id,
      authorId: author.id,
      body: "Our captains called every door twice before the vote, and it worked better than any app.",
    });
    const gone = await createTestReply({ threadId: pinned.id, authorId: author.id, body: "Words nobody may read." });

    expect((await setThreadFlag(mod.id, pinned.id, "pin")).ok).toBe(true);
    expect((await setThreadHidden(hidden.id, { actorId: mod.id, reason: "off-topic", note: "" })).ok).toBe(true);
    expect((await setThreadFlag(mod.id, removed.id, "pin")).ok).toBe(true);
    expect((await moderatePost(mod.id, reply, { reason: "off-topic", note: "" })).ok).toBe(true);
    expect((await moderatePost(mod.id, gone, { reason: "spam", note: "" })).ok).toBe(true);
    await logAction(getDb(), {
      actorId: mod.id,
      action: "flags.dismiss",
      targetType: "post",
      targetId: await openingPostId(pinned.id),
      subjectMemberId: author.id,
    });
    // Removed afterwards (by their author, or with the account): shown to no one, moderators included.
    const now = Date.now();
    await getDb().updateTable("threads").set({ deleted_at: now }).where("id", "=", removed.id).execute();
    await getDb().updateTable("posts").set({ deleted_at: now }).where("id", "=", gone).execute();

    const response = await run(modLog.loader, getRequest("/mod/log", await sessionCookieFor(mod.id)));
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: LogItem[] };
    const targets = items.map((item) => ({ action: item.action, ...auditTarget(item) }));
    expect(targets).toEqual([
      {
        action: "flags.dismiss",
        label: "Opening post of “Phone trees that survive a strike”",
        href: `/posts/${await openingPostId(pinned.id)}`,
        detail: expect.stringMatching(/^Opening words of discussion/),
      },
      { action: "post.hide", label: `Post ${gone} (removed)`, href: null, detail: null },
      {
        action: "post.hide",
        label: "Reply in “Phone trees that survive a strike”",
        href: `/posts/${reply}`,
        // Its first words, shortened at a word.
        detail: "Our captains called every door twice before the vote, and it worked better than any app.",
      },
      { action: "thread.pin", label: `Thread ${removed.id} (removed)`, href: null, detail: null },
      {
        action: "thread.hide",
        label: "“A thread the moderators hid”",
        href: `/threads/${hidden.id}/${hidden.slug}`,
        detail: null,
      },
      {
        action: "thread.pin",
        label: "“Phone trees that survive a strike”",
        href: `/threads/${pinned.id}/${pinned.slug}`,
        detail: null,
      },
    ]);
    const text = JSON.stringify(items);
    expect(text).not.toContain("Secret title of a removed thread");
    expect(text).not.toContain("Words nobody may read");
  });

  it("shortens a long post to its first words", async () => {
    const mod = await createMember({ role: "moderator" });
    const author = await createMember();
    const thread = await createTestThread({ authorId: author.id, title: "Long replies" });
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id, body: "word ".repeat(200) });
    await moderatePost(mod.id, reply, { reason: "spam", note: "" });
    const { items } = await listAuditLog({ action: "post.hide", limit: 1, reader: { id: mod.id, role: "moderator" } });
    const detail = auditTarget(items[0]!).detail!;
    expect(detail.length).toBeLessThanOrEqual(90);
    expect(detail.endsWith("word…")).toBe(true);
  });

  it("reads a page of 5 rows or of 60 in the same single query (no query per row)", async () => {
    const mod = await createMember({ role: "moderator" });
    const author = await createMember();
    for (let i = 0; i < 60; i++) {
      const thread = await createTestThread({ authorId: author.id, title: `Thread to pin ${i}` });
      await setThreadFlag(mod.id, thread.id, "pin");
    }
    const reader = { id: mod.id, role: "moderator" as const };
    const queriesFor = async (limit: number) => {
      const before = queryCounter.count;
      const { items } = await listAuditLog({ actorHandle: mod.handle, limit, reader });
      expect(items).toHaveLength(limit);
      expect(items.every((item) => item.thread?.title.startsWith("Thread to pin"))).toBe(true);
      return queryCounter.count - before;
    };
    expect(await queriesFor(5)).toBe(1);
    expect(await queriesFor(60)).toBe(1);
  });
});
