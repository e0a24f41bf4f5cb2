const QUOTE_MAX = 1_200;

/** A Markdown block quote of someone's words, credited with an @mention that links to them. */
export function quoteMarkdown(source: string, handle: string): string {
  const trimmed = source.trim();
  const text = trimmed.length > QUOTE_MAX ? `${trimmed.slice(0, QUOTE_MAX).trimEnd()}…` : trimmed;
  const quoted = text
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  return `${quoted}\n>\n> — @${handle}\n\n`;
}
