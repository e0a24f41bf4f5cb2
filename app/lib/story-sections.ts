// A story is written in five guided sections and stored as one Markdown body (issue 14, docs/decisions/0018):
// each non-empty section under its own "## " heading, in this order. The guidance is hint text beside each
// field, never part of what is stored, so no story is published with a prompt left in it. The headings are
// written in the writer's language (issue 18: the catalog's `composer:story.sections.*`), and a heading in any
// interface language is recognised when a story is split back into sections. `title` and `hint` are the
// English, kept to recognise old drafts.

import { i18nFor, LANGUAGES } from "./i18n";
import { tr } from "./translate";

export const STORY_SECTIONS = [
  { key: "context", title: "Context", hint: "Where and with whom did this happen? What was at stake?" },
  { key: "did", title: "What we did", hint: "The steps you took, who was involved, and how you organized." },
  { key: "happened", title: "What happened", hint: "The results, good and bad." },
  { key: "learned", title: "What we learned", hint: "What surprised you, and what you would do differently." },
  { key: "advice", title: "Advice for others", hint: "What would you tell a practitioner trying this next?" },
] as const;

/** A section's heading, as a catalog key (translate it with t() or tr()). */
export const sectionTitleKey = (key: StorySectionKey) => `composer:story.sections.${key}.title`;
/** A section's guidance, as a catalog key. */
export const sectionHintKey = (key: StorySectionKey) => `composer:story.sections.${key}.hint`;

export type StorySectionKey = (typeof STORY_SECTIONS)[number]["key"];
export type StorySections = Record<StorySectionKey, string>;

/** The form field that holds a section (story-context, ...). */
export const sectionFieldName = (key: StorySectionKey) => `story-${key}`;

export const EMPTY_STORY_SECTIONS: StorySections = { context: "", did: "", happened: "", learned: "", advice: "" };

const HEADING_LINE = /^ {0,3}#{1,6}[ \t]+(.*?)[ \t#]*$/;

/** A section's heading in every interface language, lower-cased, to recognise it in a body. */
function sectionTitles(section: (typeof STORY_SECTIONS)[number]): string[] {
  const key = sectionTitleKey(section.key);
  return [section.title, ...LANGUAGES.map((language) => i18nFor(language).t(key))].map((t) => t.toLowerCase());
}

function sectionTitleOf(line: string): (typeof STORY_SECTIONS)[number] | undefined {
  const text = HEADING_LINE.exec(line)?.[1]?.trim().toLowerCase();
  return text ? STORY_SECTIONS.find((section) => sectionTitles(section).includes(text)) : undefined;
}

/**
 * The one Markdown body of a story: the non-empty sections in order, each under its heading. A member who
 * began a section with that same heading themselves keeps theirs, and it is not written twice.
 */
export function composeStoryBody(sections: Partial<StorySections>): string {
  const parts: string[] = [];
  for (const section of STORY_SECTIONS) {
    const text = (sections[section.key] ?? "").replace(/\r\n?/g, "\n").trim();
    if (!text) continue;
    const firstLine = text.split("\n", 1)[0]!;
    parts.push(sectionTitleOf(firstLine) === section ? text : `## ${tr(sectionTitleKey(section.key))}\n\n${text}`);
  }
  return parts.join("\n\n");
}

// The prompt lines of the outline that stories began with before sections (app/lib/story-template.ts until
// issue 14): a draft saved then with a prompt left untouched gets it back as hint, not as text.
const OLD_TEMPLATE_PROMPTS = new Set<string>([
  ...STORY_SECTIONS.map((section) => section.hint),
  "The steps you took, who was involved, and how you organized.",
]);

/**
 * A story body split back into its sections (for a saved draft): text under a heading that names a section
 * goes to that section; text before the first such heading goes to the first section. Other headings stay
 * inside the text they belong to.
 */
export function splitStoryBody(body: string): StorySections {
  const sections: StorySections = { ...EMPTY_STORY_SECTIONS };
  let current: StorySectionKey = STORY_SECTIONS[0].key;
  const lines: Record<StorySectionKey, string[]> = { context: [], did: [], happened: [], learned: [], advice: [] };
  for (const line of body.replace(/\r\n?/g, "\n").split("\n")) {
    const section = sectionTitleOf(line);
    if (section) current = section.key;
    else lines[current].push(line);
  }
  for (const section of STORY_SECTIONS) {
    const text = lines[section.key].join("\n").trim();
    sections[section.key] = OLD_TEMPLATE_PROMPTS.has(text) ? "" : text;
  }
  return sections;
}

/** The sections a submitted form carries, or null when it carries none (a form without story fields). */
export function readStorySections(formData: FormData): StorySections | null {
  let found = false;
  const sections: StorySections = { ...EMPTY_STORY_SECTIONS };
  for (const section of STORY_SECTIONS) {
    const value = formData.get(sectionFieldName(section.key));
    if (typeof value !== "string") continue;
    found = true;
    sections[section.key] = value;
  }
  return found ? sections : null;
}
