import englishSeed from "~/locales/en/seed.json";
import { DEFAULT_LANGUAGE } from "./i18n";
import { excerptFromHtml, renderMarkdown } from "./markdown.server";
import { localTopic, localTopics, roundTitle, seededPromptKey, threadTitle } from "./seeded-content";
import { languageNow, tr } from "./translate";

// The seed's Markdown (the focus-group prompts' bodies, the first round's purpose and summary) in the reader's
// language while unedited (lib/seeded-content.ts, docs/decisions/0039). The translation is rendered once per
// language and key and kept: the map holds at most (languages × seeded texts) entries, about 10 KB each
// language, since the catalogs do not change while the server runs.

const rendered = new Map<string, string>();
const english: { prompts: Record<string, { body: string }> } = englishSeed;

function renderedKey(key: string): string {
  const language = languageNow();
  const id = `${language} ${key}`;
  let html = rendered.get(id);
  if (html === undefined) rendered.set(id, (html = renderMarkdown(tr(key))));
  return html;
}

/** A listed thread's excerpt as the reader reads it: a seeded prompt's unedited title gives its body's excerpt. */
export function openingExcerpt(thread: { kind: string; title: string }, stored: string, excerptChars: number): string {
  if (!stored || languageNow() === DEFAULT_LANGUAGE) return stored;
  const key = seededPromptKey(thread.kind, thread.title);
  if (!key) return stored;
  const englishExcerpt = excerpt(DEFAULT_LANGUAGE, key, excerptChars, () =>
    renderedEnglish(`seed:prompts.${key}.body`),
  );
  if (stored !== englishExcerpt) return stored;
  return excerpt(languageNow(), key, excerptChars, () => renderedKey(`seed:prompts.${key}.body`));
}

/** A seeded prompt's excerpt in a language, made once (kept beside the rendered HTML, as few entries). */
function excerpt(language: string, key: string, chars: number, html: () => string): string {
  const id = `${language} ${key} excerpt ${chars}`;
  let text = rendered.get(id);
  if (text === undefined) rendered.set(id, (text = excerptFromHtml(html(), chars)));
  return text;
}

function renderedEnglish(key: string): string {
  const id = `${DEFAULT_LANGUAGE} ${key}`;
  let html = rendered.get(id);
  if (html === undefined) rendered.set(id, (html = renderMarkdown(tr(key, { lng: DEFAULT_LANGUAGE }))));
  return html;
}

/**
 * The first round's purpose or synthesis HTML as the reader reads it: the seed's, while still the HTML the seed
 * stored (its English rendering, compared whole), in the reader's language; anything else as stored.
 */
export function roundHtml(field: "purpose" | "summary", storedHtml: string): string {
  if (languageNow() === DEFAULT_LANGUAGE) return storedHtml;
  return renderedEnglish(`seed:firstRound.${field}`) === storedHtml
    ? renderedKey(`seed:firstRound.${field}`)
    : storedHtml;
}

/** A round's page as the reader reads it: the first round's texts, its prompts' titles and its topics (0039). */
export function seededRoundPage<
  R extends {
    title: string;
    purposeHtml: string;
    tags: Array<{ slug: string; name: string }>;
    prompts: Array<{ title: string }>;
    synthesis: { html: string } | null;
  },
>(round: R): R {
  if (languageNow() === DEFAULT_LANGUAGE) return round;
  return {
    ...round,
    title: roundTitle(round.title),
    purposeHtml: roundHtml("purpose", round.purposeHtml),
    tags: localTopics(round.tags),
    // A round's prompts are prompt threads.
    prompts: round.prompts.map((p) => ({ ...p, title: threadTitle("prompt", p.title) })),
    synthesis: round.synthesis ? { ...round.synthesis, html: roundHtml("summary", round.synthesis.html) } : null,
  };
}

/** A thread page's header as the reader reads it: a seeded prompt's title and seeded topics in their language. */
export function seededThreadHeader<
  T extends { kind: string; title: string; tags: Array<{ slug: string; name: string }> },
>(thread: T): T {
  if (languageNow() === DEFAULT_LANGUAGE) return thread;
  return { ...thread, title: threadTitle(thread.kind, thread.title), tags: thread.tags.map(localTopic) };
}

/**
 * A thread page's opening post as the reader reads it: a focus-group prompt's body while it is still the HTML
 * the seed stored (the English rendering, compared whole) is the reader's language's. Anything else as stored.
 */
export function seededOpening<P extends { html: string | null }>(thread: { kind: string; title: string }, post: P): P {
  if (post.html === null || thread.kind !== "prompt" || languageNow() === DEFAULT_LANGUAGE) return post;
  for (const key of Object.keys(english.prompts)) {
    if (renderedEnglish(`seed:prompts.${key}.body`) === post.html)
      return { ...post, html: renderedKey(`seed:prompts.${key}.body`) };
  }
  return post;
}
