// Site copy, not seed data: written in our own words from the MetaConnects focus group, like the
// focus-group prompts and summary that db/seed-content.ts seeds. Migrations and the seed never import it.

/** Home-page welcome for visitors. */
export const WELCOME_BLURB = `Roundtable grew out of a MetaConnects focus group where six community practitioners finally had time to talk about the why and how of their work. It's a place for organizers, advocates, health workers, policy people, consultants and financial advisors working with historically marginalized communities to trade stories and learn from each other. Pull up a chair and share what you know.`;
