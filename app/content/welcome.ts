// Site copy, not seed data: written in our own words from the MetaConnects focus group, like the
// focus-group prompts and summary that db/seed-content.ts seeds. Migrations and the seed never import it.
// The text itself is in the catalogs (browse:home.welcomeBlurb, in English and Spanish).

/** Home-page welcome for visitors: a catalog key, translated per request (tr). */
export const WELCOME_BLURB = "browse:home.welcomeBlurb";
