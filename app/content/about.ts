// Site copy, not seed data: written in our own words from the MetaConnects focus group, like the
// focus-group prompts and summary that db/seed-content.ts seeds. Migrations and the seed never import it.
// The text is in the catalogs (browse:about.body, Markdown in English and Spanish), so a language is a file.

/** The /about page body: a catalog key for Markdown with h2/h3 headings; the page supplies the h1. */
export const ABOUT_PAGE_MARKDOWN = "browse:about.body";
