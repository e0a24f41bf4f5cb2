// Site copy, not seed data: written in our own words from the MetaConnects focus group, like the
// focus-group prompts and summary that db/seed-content.ts seeds. Migrations and the seed never import it.

/** The /about page body. Markdown with h2/h3 headings; the page supplies the h1. */
export const ABOUT_PAGE_MARKDOWN = `## Where Roundtable came from

Roundtable began with one conversation. The MetaConnects team brought six community practitioners together for a focus group: people working in policy, consulting, financial advice, health, the environment, organizing and advocacy, all alongside historically marginalized communities in Los Angeles and beyond. The goal was to make room to talk about the *why* and the *how* of community work.

That kind of room is rare. Practitioners spend their days making change happen (knocking on doors, running clinics, sitting through hearings, stretching budgets that never quite stretch far enough) and there is little time left to step back and compare notes. When we asked how they pick up new ideas, the answer was: mostly from each other. Personal and organizational networks, trainings, Listservs, online journals and, more often than anyone likes to admit, a quick search online.

Roundtable is our attempt to make that peer learning easier to find and easier to keep. The three questions from that first focus group are still open here, for anyone to answer.

## Who it's for

Roundtable is for people who do community work, whatever their title: organizers and advocates, community health workers and promotoras, environmental justice leaders, policy staff, consultants, financial counselors, faith leaders, youth workers, and residents who found themselves leading. If you work with and for communities that have been pushed to the margins, you belong here.

You don't need to be an expert or work at a large organization. Questions from people new to the work are some of the most useful things posted here.

## What you can do here

### Read stories from the field

Stories are short accounts of something that actually happened: a campaign, a program, an experiment. They follow a shared shape (the context, what you did, what happened, what you learned, and advice for others) so they are easy to read and easy to write. Wins and setbacks are equally welcome; the setbacks are often more useful.

### Join discussions by topic

Discussions are threaded conversations tagged with topics like organizing, funding, health or communications. Reply to the whole thread or to one person, mention a peer with @handle, and mark the replies that helped you.

### Answer the prompts

From time to time we post a prompt, starting with the focus group's three questions, and gather the answers into a summary, so each round of conversation builds on the last one.

### Follow topics and get a digest

Follow the topics you care about and get an email digest that works like a good Listserv: a calm roundup of new stories and active threads, not a flood of notifications.

## Keeping it a place to speak openly

People here talk honestly about funders, coalitions, burnout and mistakes. That only works if the space feels safe. A small team of moderators from the community looks after it, guided by a few plain rules:

- Be generous with peers. Disagree with ideas, not with people.
- Protect the people you serve. Leave out names and details that could identify residents, clients or patients unless they have agreed to be named.
- No harassment, no hate, and no selling or recruiting that nobody asked for.
- Anyone can flag a post. Moderators review every flag, can hide a post or pause an account, and record a reason for each action so decisions stay accountable.

We would rather explain than delete, and rather ask than assume.

## Pull up a chair

If you have ever ended a long week wishing you could ask someone across town how they handled the same problem, Roundtable is for you. Create an account, tell us a little about your work, follow a few topics, and answer one of the focus group's questions. Your experience is exactly the knowledge someone else is looking for.`;
