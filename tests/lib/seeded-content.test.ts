// The seeded content in each language (docs/decisions/0039): the seed catalog's English is exactly what the
// seed stores, so an unedited row is recognised; an edited one is shown as stored; English is never changed.
import { describe, expect, it } from "vitest";
import {
  FIRST_ROUND_PURPOSE,
  FIRST_ROUND_TITLE,
  FOCUS_GROUP_PROMPTS,
  FOCUS_GROUP_SUMMARY,
  STARTER_TOPICS,
} from "~db/seed-content";
import english from "~/locales/en/seed.json";
import { inLanguage } from "~/lib/request-language.server";
import { localTopics, roundTitle, seedTopicKey, threadTitle, topicDescription, topicName } from "~/lib/seeded-content";
import { roundHtml, seededOpening } from "~/lib/seeded-content.server";
import { renderMarkdown } from "~/lib/markdown.server";

describe("the seed catalog", () => {
  it("holds in English exactly what the seed writes", () => {
    for (const topic of STARTER_TOPICS) {
      const entry = english.topics[seedTopicKey(topic.slug) as keyof typeof english.topics];
      expect(entry, topic.slug).toEqual({ name: topic.name, description: topic.description });
    }
    expect(Object.keys(english.topics)).toHaveLength(STARTER_TOPICS.length);
    expect(Object.values(english.prompts).map((p) => ({ title: p.title, body: p.body }))).toEqual(
      FOCUS_GROUP_PROMPTS.map((p) => ({ title: p.title, body: p.body })),
    );
    expect(english.firstRound).toEqual({
      title: FIRST_ROUND_TITLE,
      purpose: FIRST_ROUND_PURPOSE,
      summary: FOCUS_GROUP_SUMMARY,
    });
  });
});

describe("seeded text for a reader", () => {
  it("is the reader's language while unedited, and as stored once edited or in English", () => {
    const es = <T>(work: () => T) => inLanguage(work, "es");
    expect(es(() => topicName("health", "Health"))).toBe("Salud");
    expect(es(() => topicName("health", "Health care"))).toBe("Health care");
    expect(es(() => topicName("a-topic-we-made", "Health"))).toBe("Health");
    expect(es(() => topicDescription("health", null))).toBeNull();
    expect(inLanguage(() => topicName("health", "Health"), "en")).toBe("Health");
    expect(es(() => threadTitle("prompt", "What makes a good organizer?"))).toBe(
      "¿Qué hace a una buena organizadora o a un buen organizador?",
    );
    // A member's discussion with the same title is the member's own words.
    expect(es(() => threadTitle("discussion", "What makes a good organizer?"))).toBe("What makes a good organizer?");
    expect(es(() => roundTitle(FIRST_ROUND_TITLE))).toBe("El primer grupo focal");
    expect(es(() => roundTitle("The second round"))).toBe("The second round");
  });

  it("orders topics by their names in the reader's language", () => {
    const topics = STARTER_TOPICS.map(({ slug, name }) => ({ slug, name }));
    const names = inLanguage(() => localTopics(topics), "es").map((t) => t.name);
    expect(names.indexOf("Asesoría financiera")).toBeLessThan(names.indexOf("Medio ambiente"));
    expect(names.indexOf("Medio ambiente")).toBeLessThan(names.indexOf("Salud"));
    expect(inLanguage(() => localTopics(topics), "en")).toBe(topics);
  });

  it("renders a prompt's body and the first round's summary in the reader's language only while unedited", () => {
    const stored = renderMarkdown(FOCUS_GROUP_PROMPTS[0]!.body);
    const opening = { id: 1, html: stored };
    const prompt = { kind: "prompt", title: FOCUS_GROUP_PROMPTS[0]!.title };
    expect(inLanguage(() => seededOpening(prompt, opening), "es").html).toContain("Lo que dijo el primer grupo focal");
    expect(inLanguage(() => seededOpening(prompt, opening), "en")).toBe(opening);
    const edited = { id: 1, html: `${stored}<p>A moderator's note.</p>` };
    expect(inLanguage(() => seededOpening(prompt, edited), "es")).toBe(edited);
    expect(inLanguage(() => roundHtml("summary", renderMarkdown(FOCUS_GROUP_SUMMARY)), "es")).toContain(
      "La primera ronda de Roundtable",
    );
    expect(inLanguage(() => roundHtml("summary", "<p>Edited.</p>"), "es")).toBe("<p>Edited.</p>");
    expect(inLanguage(() => roundHtml("purpose", renderMarkdown(FIRST_ROUND_PURPOSE)), "en")).toBe(
      renderMarkdown(FIRST_ROUND_PURPOSE),
    );
  });
});
