import englishSeed from "~/locales/en/seed.json";
import { DEFAULT_LANGUAGE } from "./i18n";
import { sortKey } from "./sort-key";
import { languageNow, tr } from "./translate";

// What the seed writes (starter topics, the focus group's prompts, the first round) is database content, in
// English, the language it was seeded in. While nobody has edited it, a reader sees it in their own language:
// a stored text that is still exactly its English original in the seed catalog (seed:...) is shown as the
// catalog's text in the reader's language; a text a moderator has edited is theirs and shown as stored.
// No column, no query: a lookup in maps built once from the catalog (docs/decisions/0039). Browser-safe.

type SeedCatalog = {
  topics: Record<string, { name: string; description: string }>;
  prompts: Record<string, { title: string; body: string }>;
  firstRound: { title: string; purpose: string; summary: string };
};

// The seed catalog's English, read directly: the browser holds only its page's language's catalogs (lib/i18n).
const english: SeedCatalog = englishSeed;

/** A topic's key in the seed catalog: its slug in camelCase ("financial-advice" → "financialAdvice"). */
export function seedTopicKey(slug: string): string {
  return slug.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

const promptKeyByTitle = new Map(Object.entries(english.prompts).map(([key, p]) => [p.title, key]));

/** The reader's version of a stored text when it is still the seed's English `original`; else the stored text. */
function seeded(stored: string, original: string | undefined, key: string): string {
  if (original === undefined || stored !== original || languageNow() === DEFAULT_LANGUAGE) return stored;
  return tr(key);
}

/** A topic's name as the reader reads it: a seeded, unedited name in their language. */
export function topicName(slug: string, stored: string): string {
  const key = seedTopicKey(slug);
  return seeded(stored, english.topics[key]?.name, `seed:topics.${key}.name`);
}

/** A topic's description as the reader reads it (see topicName). */
export function topicDescription(slug: string, stored: string): string;
export function topicDescription(slug: string, stored: string | null): string | null;
export function topicDescription(slug: string, stored: string | null): string | null {
  if (stored === null) return null;
  const key = seedTopicKey(slug);
  return seeded(stored, english.topics[key]?.description, `seed:topics.${key}.description`);
}

/** A topic row with its name and description as the reader reads them. */
export function localTopic<T extends { slug: string; name: string; description?: string | null }>(topic: T): T {
  const local = { ...topic, name: topicName(topic.slug, topic.name) };
  if (typeof topic.description === "string") local.description = topicDescription(topic.slug, topic.description);
  return local;
}

/**
 * A list of topics as the reader reads them, in the order of their names in the reader's language (the
 * database orders by the stored, English names; a Spanish reader looks for "Salud" among the S).
 */
export function localTopics<T extends { slug: string; name: string; description?: string | null }>(topics: T[]): T[] {
  if (languageNow() === DEFAULT_LANGUAGE) return topics;
  const local = topics.map((topic) => ({ topic: localTopic(topic), key: sortKey(topicName(topic.slug, topic.name)) }));
  // Stable: topics with the same name keep the database's order (then by id).
  local.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return local.map((entry) => entry.topic);
}

/** The seed catalog's key for an unedited focus-group prompt title, if it is one. */
export function seededPromptKey(kind: string, title: string): string | undefined {
  return kind === "prompt" ? promptKeyByTitle.get(title) : undefined;
}

/** A thread's title as the reader reads it: a seeded prompt's unedited title in their language. */
export function threadTitle(kind: string, stored: string): string {
  const key = seededPromptKey(kind, stored);
  return key ? seeded(stored, stored, `seed:prompts.${key}.title`) : stored;
}

/** A round's title as the reader reads it: the first round's unedited title in their language. */
export function roundTitle(stored: string): string {
  return seeded(stored, english.firstRound.title, "seed:firstRound.title");
}
