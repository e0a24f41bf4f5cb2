import { describe, expect, it } from "vitest";
import { formatSelection, mentionAt } from "~/components/composer/markdown-format";
import { composeStoryBody, EMPTY_STORY_SECTIONS, splitStoryBody, STORY_SECTIONS } from "~/lib/story-sections";

describe("a story's sections, composed into one Markdown body", () => {
  it("puts each written section under its heading, in the guided order, whatever order they come in", () => {
    const body = composeStoryBody({
      advice: "Ask who people already call.",
      context: "A 60-unit building.",
      happened: "Everyone heard in time.",
    });
    expect(body).toBe(
      "## Context\n\nA 60-unit building.\n\n## What happened\n\nEveryone heard in time.\n\n" +
        "## Advice for others\n\nAsk who people already call.",
    );
  });

  it("leaves out empty and blank sections, and gives nothing when all are empty", () => {
    expect(composeStoryBody({ context: "  \n ", did: "", learned: "Listen first." })).toBe(
      "## What we learned\n\nListen first.",
    );
    expect(composeStoryBody(EMPTY_STORY_SECTIONS)).toBe("");
  });

  it("never holds a section's guidance", () => {
    const body = composeStoryBody({ ...EMPTY_STORY_SECTIONS, did: "We knocked on doors." });
    for (const section of STORY_SECTIONS) expect(body).not.toContain(section.hint);
  });

  it("does not write a heading twice when the member began the section with it", () => {
    expect(composeStoryBody({ context: "## Context\n\nOur town.", did: "### what we did\nWe met." })).toBe(
      "## Context\n\nOur town.\n\n### what we did\nWe met.",
    );
    // Another heading of their own is theirs to keep, under ours.
    expect(composeStoryBody({ context: "## Our town\nSmall." })).toBe("## Context\n\n## Our town\nSmall.");
  });

  it("normalises line endings and trims each section", () => {
    expect(composeStoryBody({ happened: "\r\nOne.\r\nTwo.\r\n" })).toBe("## What happened\n\nOne.\nTwo.");
  });

  it("splits a saved body back into the sections it came from", () => {
    const sections = { ...EMPTY_STORY_SECTIONS, context: "Here.", learned: "- one\n- two", advice: "Go." };
    expect(splitStoryBody(composeStoryBody(sections))).toEqual(sections);
  });

  it("reads an old outline draft without bringing its untouched prompts back as text", () => {
    const old =
      "### Context\nWhere and with whom did this happen? What was at stake?\n\n### What we did\nWe met weekly.\n\n" +
      "### Advice for others\nWhat would you tell a practitioner trying this next?\n";
    expect(splitStoryBody(old)).toEqual({ ...EMPTY_STORY_SECTIONS, did: "We met weekly." });
    expect(splitStoryBody("Just words, no headings.").context).toBe("Just words, no headings.");
  });
});

describe("the Markdown toolbar's edits", () => {
  const apply = (value: string, start: number, end: number, format: Parameters<typeof formatSelection>[3]) => {
    const edit = formatSelection(value, start, end, format);
    const text = value.slice(0, edit.from) + edit.text + value.slice(edit.to);
    return { text, selected: text.slice(edit.selectStart, edit.selectEnd) };
  };

  it("wraps the selection in bold or italic, or inserts a placeholder to type over", () => {
    expect(apply("say hello now", 4, 9, "bold")).toEqual({ text: "say **hello** now", selected: "hello" });
    expect(apply("say hello now", 4, 9, "italic")).toEqual({ text: "say _hello_ now", selected: "hello" });
    expect(apply("", 0, 0, "bold")).toEqual({ text: "**bold text**", selected: "bold text" });
  });

  it("makes a link of the selected words and selects the address to type", () => {
    expect(apply("see the guide", 4, 13, "link")).toEqual({ text: "see [the guide](https://)", selected: "https://" });
    expect(apply("https://example.org", 0, 19, "link")).toEqual({
      text: "[link text](https://example.org)",
      selected: "link text",
    });
  });

  it("prefixes every selected line for lists and quotes, and the first for a heading", () => {
    expect(apply("intro\none\ntwo", 7, 12, "list").text).toBe("intro\n- one\n- two");
    expect(apply("one\ntwo", 1, 1, "quote").text).toBe("> one\ntwo");
    expect(apply("Title\nbody", 0, 8, "heading").text).toBe("### Title\nbody");
  });

  it("finds the @ word before the caret, not an email address", () => {
    expect(mentionAt("thanks @ana", 11)).toEqual({ query: "ana", start: 7 });
    expect(mentionAt("@ma", 3)).toEqual({ query: "ma", start: 0 });
    expect(mentionAt("mail ana@example", 16)).toBeNull();
    expect(mentionAt("just @a", 7)).toBeNull();
  });
});
