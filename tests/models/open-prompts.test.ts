import { describe, expect, it } from "vitest";
import { createRound } from "~/models/rounds.server";
import { listOpenPrompts } from "~/models/threads.server";
import { createMember } from "../factories/members";
import { createTestThread } from "../factories/threads";

const DAY = 86_400_000;

describe("open prompts on the home page", () => {
  it("lead with the pinned focus-group prompts and leave out prompts of rounds that have not opened", async () => {
    const mod = await createMember({ role: "moderator" });
    await createTestThread({ authorId: mod.id }); // seeds the focus-group prompts
    const now = Date.now();
    const upcoming = await createRound({
      createdBy: mod.id,
      title: "Next month's round",
      purposeSource: "Soon.",
      opensAt: now + 10 * DAY,
      closesAt: now + 20 * DAY,
      answerFirst: false,
      tagSlugs: ["organizing"],
      prompts: [{ title: "A prompt that is not open yet", bodySource: "Q?" }],
    });
    const open = await createRound({
      createdBy: mod.id,
      title: "This week's round",
      purposeSource: "Now.",
      opensAt: now - DAY,
      closesAt: now + 6 * DAY,
      answerFirst: false,
      tagSlugs: ["organizing"],
      prompts: [{ title: "A prompt that is open now", bodySource: "Q?" }],
    });
    expect(upcoming.ok && open.ok).toBe(true);
    const titles = (await listOpenPrompts(10)).map((p) => p.title);
    expect(titles.slice(0, 3)).toEqual([
      "What makes a good organizer?",
      "What are some of the challenges you face in your work?",
      "How do you go about finding out about innovations or new ideas?",
    ]);
    expect(titles).toContain("A prompt that is open now");
    expect(titles).not.toContain("A prompt that is not open yet");
  });
});
