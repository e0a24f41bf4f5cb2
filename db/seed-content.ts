// Seed content for Roundtable: starter topics, the three focus-group prompts and summary, and demo
// conversations for `npm run db:seed -- --demo`. Page prose (the /about page, the home-page welcome) is
// site copy and lives in app/content/.
//
// Pure data. No imports from app code and no database code: db/seed.ts reads these constants.
// Everything here is written in our own words from the MetaConnects focus group
// (/work/shared/seed/focus-group-page.txt); the only verbatim sentence is the one participant
// quotation, which is always shown as a quotation. All demo people and organizations are fictional.

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A topic (tag) created on first seed. `slug` is lowercase a-z, 0-9 and hyphens. */
export type StarterTopic = {
  slug: string;
  name: string;
  /** One line, under 110 characters. */
  description: string;
};

/** One of the focus group's three questions, posted as a prompt thread. */
export type FocusGroupPrompt = {
  title: string;
  /** 1 to 3 slugs from STARTER_TOPICS. */
  tagSlugs: string[];
  /** Markdown: invitation, "What the first focus group said", closing invitation. */
  body: string;
};

/** A fictional practitioner created by `db:seed -- --demo`. */
export type DemoMember = {
  /** lowercase [a-z0-9_]{3,30} */
  handle: string;
  displayName: string;
  organization: string;
  location: string;
  /** Topic slugs from STARTER_TOPICS. */
  fields: string[];
  /** Markdown. */
  bio: string;
};

/** A reply in a demo thread; `replies` nest under it (a thread's replies go at most 4 levels deep). */
export type DemoReply = {
  authorHandle: string;
  /** Markdown, 1 to 4 sentences. */
  body: string;
  replies?: DemoReply[];
};

export type DemoThreadKind = "story" | "discussion";

/** A demo story or discussion with its reply tree. */
export type DemoThread = {
  kind: DemoThreadKind;
  authorHandle: string;
  /** 5 to 150 characters. */
  title: string;
  /** 1 to 3 slugs from STARTER_TOPICS. */
  tagSlugs: string[];
  /** Markdown. Stories use the template's ### sections. */
  body: string;
  replies: DemoReply[];
};

/** A demo answer to FOCUS_GROUP_PROMPTS[promptIndex]. */
export type DemoPromptAnswer = {
  promptIndex: 0 | 1 | 2;
  authorHandle: string;
  /** Markdown. */
  body: string;
};

// ---------------------------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------------------------

export const STARTER_TOPICS: StarterTopic[] = [
  {
    slug: "organizing",
    name: "Organizing",
    description: "Door-knocking, one-on-ones, campaigns and the slow work of building people power.",
  },
  {
    slug: "leadership",
    name: "Leadership",
    description: "Growing as a leader, supporting others to lead, and sharing power without losing the thread.",
  },
  {
    slug: "communications",
    name: "Communications",
    description: "Getting a message to land with residents who already hear a hundred messages a day.",
  },
  {
    slug: "funding",
    name: "Funding",
    description: "Grants, donors, dues and budgets: keeping the lights on without bending the mission.",
  },
  {
    slug: "policy",
    name: "Policy",
    description: "Budgets, ordinances, hearings and the rules that shape our neighborhoods, in plain language.",
  },
  {
    slug: "health",
    name: "Health",
    description: "Community health workers, clinics, promotoras and the conditions that keep people well.",
  },
  {
    slug: "environment",
    name: "Environment",
    description: "Environmental justice: clean air, heat, parks, water and who carries the burden of pollution.",
  },
  {
    slug: "advocacy",
    name: "Advocacy",
    description: "Testimony, coalitions and pressure campaigns: making the case alongside the people affected.",
  },
  {
    slug: "financial-advice",
    name: "Financial advice",
    description: "Helping families and small organizations with credit, savings, taxes and financial safety nets.",
  },
  {
    slug: "innovation",
    name: "Innovation",
    description: "New ideas, small experiments and borrowed tactics worth trying in your own community.",
  },
  {
    slug: "training",
    name: "Training",
    description: "Workshops, curricula and coaching that build skills, for residents, staff and volunteers.",
  },
  {
    slug: "community-building",
    name: "Community building & civic engagement",
    description:
      "Block parties, voter outreach, neighborhood councils: helping neighbors know and show up for each other.",
  },
  {
    slug: "social-justice",
    name: "Social justice & equity",
    description: "Racial, economic and language justice, and naming who gets left out of the room.",
  },
  {
    slug: "resident-leadership",
    name: "Resident leadership",
    description: "Handing leadership to the people most affected, and backing them once they have it.",
  },
  {
    slug: "learning-networks",
    name: "Learning networks",
    description: "Listservs, journals, peer networks and good searches: where practitioners find new ideas.",
  },
  {
    slug: "consulting",
    name: "Consulting",
    description: "Outside help done well: strategy, facilitation, evaluation and capacity building for groups.",
  },
  {
    slug: "los-angeles",
    name: "Los Angeles",
    description: "Local news, hearings, coalitions and resources for practitioners across LA County.",
  },
];

// ---------------------------------------------------------------------------------------------
// The focus group: prompts and summary
// ---------------------------------------------------------------------------------------------

/** The focus group's three questions, in the order they were asked. */
export const FOCUS_GROUP_PROMPTS: FocusGroupPrompt[] = [
  {
    title: "What makes a good organizer?",
    tagSlugs: ["organizing", "leadership", "resident-leadership"],
    body: `Think of the best organizer you have worked with, or the one you are working to become. What qualities made the difference, and where did you see them show up in the work?

### What the first focus group said

- **Values come first.** People have to be able to trust you, and being honest with them is how you earn that trust.
- **Patience, persistence and presence.** Much of the job is staying with people over time and showing up again and again, especially when progress is slow.
- **Strategy and creativity.** Good organizers think a few moves ahead, try things nobody has tried, and can adjust their style to fit the room and the moment.
- **Handing over leadership.** The best organizers measure success by how much leadership ends up in the hands of the community members they work with.
- One participant summed up the role in a single line:

  > "An individual engaged in embodying the will and spirit of their communities."

Does that match what you have seen? Reply with a person, a moment or a habit that taught you what good organizing looks like.`,
  },
  {
    title: "What are some of the challenges you face in your work?",
    tagSlugs: ["communications", "funding"],
    body: `Every practitioner runs into walls. Tell us which ones you are up against right now, and what, if anything, has helped you get over, around or through them.

### What the first focus group said

- **Cutting through the noise.** Residents are flooded with messages every day, from agencies, campaigns, advertisers and their own phones. Reaching them in a way that feels relevant and sticks is hard, skilled work.
- **Money is tight everywhere.** No matter the field or the size of the organization, everyone in the group named limited funding as a constant pressure.

What is getting in the way of your work, and what has made it even a little easier? Reply with your own experience; someone else is probably stuck on the same thing.`,
  },
  {
    title: "How do you go about finding out about innovations or new ideas?",
    tagSlugs: ["innovation", "learning-networks", "training"],
    body: `New ideas rarely arrive through one channel. Where do yours come from, and which sources have actually changed how you work?

### What the first focus group said

- **People first.** Participants learn most from their own relationships and from the networks their organizations belong to.
- **Trainings.** Workshops and training sessions were a regular source of fresh approaches.
- **Listservs and online journals.** Email lists and online publications keep them current on what others are trying.
- **And, honestly, a search engine.** Plenty of research still starts with a quick Google search.

Reply with the networks, lists, journals, trainings or habits that keep you learning, and say what makes them worth your time.`,
  },
];

/** Synthesis of the first "round": the MetaConnects focus group. Markdown. */
export const FOCUS_GROUP_SUMMARY = `Roundtable's first round was a focus group hosted by the MetaConnects team. Six community practitioners took part, bringing experience in policy, consulting, financial advice, health, the environment, community organizing and advocacy. Each works with an organization that builds community, improves daily life for local residents and pursues social justice alongside historically marginalized communities in Los Angeles and beyond. The group was asked three questions: what makes a good organizer, what challenges they face in their work, and how they find out about innovations and new ideas.

The takeaways were clear. Good organizing rests on values (trust and honesty) and on patience, persistence and presence; it takes strategic, creative thinking and a flexible working style; and its real measure is how much leadership passes into the hands of community members. One participant put the role in a single line: an organizer is "An individual engaged in embodying the will and spirit of their communities." The biggest challenges were reaching residents who are already saturated with messages and, for every organization, scarce funding. New ideas travel mostly through people: personal and organizational networks, trainings, Listservs and online journals, with a good deal of research beginning with a simple web search. Roundtable exists to make that peer learning easier to find, and to keep the conversation going.`;

/** The focus group as Roundtable's first round (closed; FOCUS_GROUP_SUMMARY is its synthesis). */
export const FIRST_ROUND_TITLE = "The first focus group";

/**
 * When the focus group really ran, as epoch ms (UTC), or null while nobody knows: its write-up
 * (/work/shared/seed/focus-group-page.txt, "a recent focus group") gives no date, and a made-up one would be
 * untrue. With null the round is stored with dates_recorded = 0 and pages say it was held before Roundtable
 * began; its opens_at/closes_at are then only the seeding day, used for ordering, never shown. Fill this in
 * (and reseed a fresh database, or update the row) once MetaConnects confirms the dates.
 */
export const FIRST_ROUND_DATES: { opensAt: number; closesAt: number } | null = null;

/** What the first round was for. Markdown. */
export const FIRST_ROUND_PURPOSE = `Before Roundtable existed, the MetaConnects team sat down with six community practitioners to ask three questions about the why and the how of their work. That conversation is this site's first round. Its three prompts stay open for replies, and new rounds ask new questions of everyone here.`;

// ---------------------------------------------------------------------------------------------
// Demo data (fictional people and organizations)
// ---------------------------------------------------------------------------------------------

export const DEMO_MEMBERS: DemoMember[] = [
  {
    handle: "marisol_vega",
    displayName: "Marisol Vega",
    organization: "Calle Cuatro Tenants Association",
    location: "Boyle Heights, Los Angeles",
    fields: ["organizing", "resident-leadership", "los-angeles"],
    bio: `Tenant organizer and lifelong Eastsider. I started as a tenant in a building with a broken elevator and a landlord who never called back; now I help other buildings get organized.

I care about **phone trees, floor captains and long meetings with good food**. Ask me about rent strikes, escrow and keeping people in their homes.`,
  },
  {
    handle: "hana_cho",
    displayName: "Hana Cho",
    organization: "Vermont Corridor Family Clinic",
    location: "Koreatown, Los Angeles",
    fields: ["health", "communications", "los-angeles"],
    bio: `Community health worker. I do outreach in Korean, English and (slowly improving) Spanish, mostly with seniors and newly arrived families.

Before this I did six years of home care. Interested in **language access**, diabetes prevention, and making clinics feel less like a maze.`,
  },
  {
    handle: "darnell_brooks",
    displayName: "Darnell Brooks",
    organization: "Harbor Breathing Room Coalition",
    location: "Wilmington, Los Angeles",
    fields: ["environment", "advocacy", "health"],
    bio: `Environmental justice advocate. I grew up two blocks from a truck route, and my kids have the same inhalers I had.

I work on **air monitoring, extreme heat and port pollution**, and I am always looking for ways to turn residents' data into decisions.`,
  },
  {
    handle: "priya_raman",
    displayName: "Priya Raman",
    organization: "Common Ledger Policy Institute",
    location: "Sacramento, California",
    fields: ["policy", "advocacy", "funding"],
    bio: `Policy analyst focused on **state and local budgets**. I translate budget documents into plain language and help community groups get ready for hearings.

Former legislative staffer. Happy to look over testimony or explain what a line item actually means.`,
  },
  {
    handle: "tomas_herrera",
    displayName: "Tomás Herrera",
    organization: "Raíces Community Finance Center",
    location: "South Gate, California",
    fields: ["financial-advice", "funding", "community-building"],
    bio: `Financial counselor for families and small nonprofits: credit repair, tax season, savings plans, and the occasional board treasurer in crisis.

I believe **money is a community skill**, not a private shame. Bilingual (Spanish/English).`,
  },
  {
    handle: "adaeze_okafor",
    displayName: "Adaeze Okafor",
    organization: "Threadline Strategy Partners",
    location: "Atlanta, Georgia",
    fields: ["consulting", "leadership", "training"],
    bio: `Independent consultant. I help community organizations with strategic plans, leadership transitions and facilitation, and I try hard to leave groups *less* dependent on consultants, not more.

Spent ten years as an organizer before I ever wrote a slide deck.`,
  },
  {
    handle: "jaylen_carter",
    displayName: "Jaylen Carter",
    organization: "Slauson Youth Collective",
    location: "South Los Angeles",
    fields: ["organizing", "resident-leadership", "social-justice"],
    bio: `Youth organizer. I work with high schoolers who run their own campaigns: school safety, transit passes, park hours.

My job is mostly **getting out of the way** at the right moment. Ask me about youth-led research and how to run a meeting teenagers actually come back to.`,
  },
  {
    handle: "joseph_dizon",
    displayName: "Rev. Joseph Dizon",
    organization: "Bayanihan Interfaith Table",
    location: "Historic Filipinotown, Los Angeles",
    fields: ["community-building", "organizing", "social-justice"],
    bio: `Pastor and faith-based organizer. Our network brings together congregations of several faiths around housing, immigration and workers' rights.

I think the **fellowship hall is still one of the best organizing spaces** in the city. Tagalog, English, and enough Spanish to get through a potluck.`,
  },
];

export const DEMO_THREADS: DemoThread[] = [
  // ----- Stories -----------------------------------------------------------------------------
  {
    kind: "story",
    authorHandle: "marisol_vega",
    title: "How a paper phone tree held our building together through an 11-week rent strike",
    tagSlugs: ["organizing", "resident-leadership", "los-angeles"],
    body: `### Context

Our 48-unit building in Boyle Heights changed owners two years ago. Within months, rents went up 12%, the elevator broke and stayed broken, and mold repairs stopped. Tenants voted to withhold rent into an escrow account, with guidance from a legal clinic. The problem was reaching everyone: lots of households work night shifts, several elders don't use group chats, and the chats we did have were chaos.

### What we did

We built a phone tree on paper. Eight floor captains, each responsible for five or six households, calling in whatever language that family prefers. Each captain kept a printed list on the fridge and a short script on an index card that we rewrote at every weekly meeting. Every call ended with a question, not an announcement: *What do you need this week?* Every Sunday at 7 p.m. we ran a test call, and captains reported back within 30 minutes.

### What happened

The first test reached 31 of 48 households in an hour. By week four we were reaching 46. When the owner's lawyer taped notices to every door on a Friday night, every household knew within 90 minutes that the notices were not evictions and where we were meeting the next morning. The strike held for 11 weeks. We won the elevator repair, mold remediation and a negotiated cap on increases.

### What we learned

The tree worked less as an alarm system and more as a web of relationships. Captains became leaders; two of them now sit on the association board. Our weak spot was burnout: when one captain got sick, her floor went quiet for a week.

### Advice for others

- Build the tree *before* you need it, and test it when nothing is on fire.
- Keep a paper copy. Phones die; fridges don't.
- Choose captains for trust, not enthusiasm, and give each one a backup.
- Call to ask, not just to tell.`,
    replies: [
      {
        authorHandle: "joseph_dizon",
        body: "The question at the end of every call is such a good habit. We do something similar with our prayer chain, and it's amazing what people will tell you when you ask instead of announce.",
        replies: [
          {
            authorHandle: "marisol_vega",
            body: "@joseph_dizon honestly, half our script came from watching the church ladies on the third floor run their prayer list. They were organizing long before we showed up.",
          },
        ],
      },
      {
        authorHandle: "jaylen_carter",
        body: "How did you pick the floor captains? We tried something like this with student reps and the loudest kids volunteered, but they weren't always the ones others trusted.",
        replies: [
          {
            authorHandle: "marisol_vega",
            body: 'We asked everyone, "Who on your floor would you call if your kid was sick?" The same two or three names kept coming up, and we went and asked those people directly.',
            replies: [
              {
                authorHandle: "jaylen_carter",
                body: "Stealing that question. Going to ask the students who they'd text if they missed the bus.",
                replies: [
                  {
                    authorHandle: "adaeze_okafor",
                    body: "This is basically a network map without the software. If either of you ever writes it down as a how-to, I'd love to share it with the groups I work with.",
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        authorHandle: "tomas_herrera",
        body: "Curious how you handled the escrow side. Did households have trouble setting aside the rent each month? That's where I've seen strikes crack.",
        replies: [
          {
            authorHandle: "marisol_vega",
            body: "A few did. We had a small hardship fund from a potluck and a raffle, and the legal clinic helped two families document why they couldn't deposit. I'd plan for it from day one next time.",
          },
        ],
      },
    ],
  },
  {
    kind: "story",
    authorHandle: "darnell_brooks",
    title: "After the heat wave: how residents won longer cooling-center hours near the port",
    tagSlugs: ["environment", "advocacy", "health"],
    body: `### Context

Last September we had eight straight days over 100°F. Our neighborhood sits between refineries and truck routes, with very little shade and a lot of older homes without air conditioning. The nearest cooling center was a library that closed at 6 p.m., which is exactly when apartments are hottest. Two neighbors ended up in the ER.

### What we did

We started by listening. Volunteers knocked on 300 doors in the week after the heat wave and asked three questions: How hot did it get inside? Where did you go? What would have helped? We lent out twenty cheap indoor thermometers and asked families to log temperatures at 4 p.m. and 9 p.m. We turned the results into a one-page map and brought residents, not staff, to speak at the council district's budget town hall.

### What happened

The logs were hard to ignore: several apartments stayed above 90°F well after 10 p.m. Within two months the city agreed to keep the rec center open as an evening cooling center until 10 p.m. during heat advisories, with a shuttle from the senior apartments. This summer it opened on eleven nights and averaged about 60 visitors a night.

### What we learned

People trusted numbers they had gathered themselves. The thermometers also became conversation starters; neighbors compared readings on the sidewalk. What we underestimated was getting the word out once the center opened: the first night, eight people came.

### Advice for others

- Ask residents to collect the evidence. It becomes their story, not yours.
- Pair every data point with a person who can speak to it.
- Plan the outreach for the win as carefully as the campaign itself.
- Put the shuttle in the ask. Access is about getting there, not just opening doors.`,
    replies: [
      {
        authorHandle: "hana_cho",
        body: 'Love the thermometer logs. Did you share the data back with the families who took part? In our clinic work people get tired of being "surveyed" and never hearing what happened.',
        replies: [
          {
            authorHandle: "darnell_brooks",
            body: "@hana_cho yes, we held a block meeting just to show the map before we took it anywhere else. A couple of the families ended up being our strongest speakers because they saw their own building on it.",
          },
        ],
      },
      {
        authorHandle: "priya_raman",
        body: "Smart to go to the budget town hall rather than a general council meeting. Do you know which line item the evening hours came out of? It'll matter when they try to cut it next year.",
        replies: [
          {
            authorHandle: "darnell_brooks",
            body: "Parks' seasonal staffing, as far as we can tell. Would you be up for helping us read the draft budget when it comes out?",
            replies: [
              {
                authorHandle: "priya_raman",
                body: "Happy to. Send it over as soon as it's posted, and we can do a call with your residents so they know what to watch for.",
              },
            ],
          },
        ],
      },
      {
        authorHandle: "jaylen_carter",
        body: "Our students did a shade and tree count on their walk to school last spring. Might be a good fit for your map if you expand it.",
      },
    ],
  },
  {
    kind: "story",
    authorHandle: "hana_cho",
    title: "Rebuilding our clinic's outreach in Korean and Spanish, starting with the waiting room",
    tagSlugs: ["health", "communications", "social-justice"],
    body: `### Context

Our clinic serves a neighborhood where most patients speak Korean or Spanish at home. For years, our outreach was a translated flyer: an English flyer run through a translation service, printed, and left at the front desk. Flu shot rates among our Korean-speaking seniors were the lowest in the clinic, and nobody could say why.

### What we did

We stopped translating and started co-writing. Two community health workers (one Korean-speaking, one Spanish-speaking) sat with small groups of patients in the waiting room and asked what they had heard about flu shots, and from whom. We rewrote our materials in each language from scratch, using the words patients used. Then we changed *who* delivered them: Korean church bulletins, a Spanish-language call-in radio segment, and the pharmacist at the market on Western Avenue.

### What happened

Flu shot visits among Korean-speaking seniors nearly doubled from one season to the next. The bigger surprise was the waiting-room conversations themselves: people raised questions about insurance letters, bus routes and blood pressure cuffs that no flyer would have answered. We now keep a CHW in the waiting room two mornings a week.

### What we learned

A translated message is not the same as a message written for someone. Trust traveled through messengers people already knew. We also learned that our English-only intake forms were part of the problem.

### Advice for others

- Ask people what they have already heard before you tell them anything.
- Write in each language; don't translate out of English.
- Find the trusted messengers (pastors, pharmacists, radio hosts) and give them something easy to share.
- Budget CHW time for listening, not only for delivering.`,
    replies: [
      {
        authorHandle: "joseph_dizon",
        body: "The church bulletin route is underrated. If you ever want to try Tagalog materials, our congregations would be glad to help write them rather than just hand them out.",
      },
      {
        authorHandle: "tomas_herrera",
        body: '"A translated message is not the same as a message written for someone" should be on a poster. We see the exact same thing with tax-season flyers.',
      },
      {
        authorHandle: "adaeze_okafor",
        body: "How did you make the case for paying CHWs to sit in the waiting room? That's the kind of thing I see cut first when funders want countable outputs.",
        replies: [
          {
            authorHandle: "hana_cho",
            body: "@adaeze_okafor we logged every question people asked for a month and sorted them by what they would have cost us later (missed appointments, ER visits). That list did more than any outcome chart.",
          },
        ],
      },
    ],
  },
  {
    kind: "story",
    authorHandle: "priya_raman",
    title: "Three minutes at the mic: coaching residents to testify at a budget hearing",
    tagSlugs: ["policy", "advocacy", "resident-leadership"],
    body: `### Context

A coalition of neighborhood groups asked us to help them push for funding to repair sidewalks and bus shelters in their area. The city's budget hearing gives each speaker about three minutes, usually late at night, in a room where officials are tired and hearing from dozens of people. Most of the residents had never spoken at a public meeting.

### What we did

We ran two evening workshops in a community room, with childcare and dinner. First we walked through the budget in plain language: where the money for sidewalks actually sits, who decides, and what a realistic ask looks like. Then each resident wrote a short testimony with one story, one number and one specific request. We practiced with a timer and a borrowed microphone, and people gave each other feedback. We also arranged carpools and saved seats so people could leave early if their kids needed them.

### What happened

Fourteen residents testified. A grandmother described pushing her grandson's wheelchair into the street because the sidewalk was broken; two council members mentioned her story in their remarks. The final budget included a smaller amount than we asked for, but it was earmarked for the blocks residents had named.

### What we learned

The budget explainer mattered, but practicing out loud mattered more. People who had rehearsed with a timer were calm; the few who improvised ran out of time before their ask. Hearing each other also helped: residents cut repetition and each covered a different block.

### Advice for others

- One story, one number, one ask. Put the ask first if time is short.
- Rehearse with a timer and a microphone, even a fake one.
- Handle the logistics: food, childcare, rides, a way to leave early.
- Follow up with officials afterward, and bring the same faces back next year.`,
    replies: [
      {
        authorHandle: "darnell_brooks",
        body: '"One story, one number, one ask" is exactly what worked for our cooling-center testimony. The rehearsal part is where we cut corners, so I\'m taking that note.',
      },
      {
        authorHandle: "marisol_vega",
        body: "Did anyone testify in Spanish or another language? Our hearings technically have interpretation, but it eats into the three minutes.",
        replies: [
          {
            authorHandle: "priya_raman",
            body: "Three people did. We asked the clerk ahead of time whether interpretation time counts against the speaker; in our case it didn't, but you have to ask before the night of.",
            replies: [
              {
                authorHandle: "marisol_vega",
                body: "Good to know. I'm going to put that question on our hearing checklist.",
              },
            ],
          },
        ],
      },
      {
        authorHandle: "adaeze_okafor",
        body: "Gentle push: I'd be careful about framing the smaller amount as a loss. Earmarked money for named blocks is a real win, and residents should hear it described that way.",
        replies: [
          {
            authorHandle: "priya_raman",
            body: "Fair point. We did celebrate it with the group, but you're right that how I wrote it up here undersells it.",
          },
        ],
      },
    ],
  },
  {
    kind: "story",
    authorHandle: "tomas_herrera",
    title: "A savings circle that started in a church basement",
    tagSlugs: ["financial-advice", "community-building"],
    body: `### Context

Many of the families we work with already know *tandas*, or savings circles: a group pools money each month and one member takes the whole pot each time. They work on trust, and they work well, but they are invisible to banks. Families who faithfully paid into a tanda for years still had no credit history and got stuck with payday loans or rent-to-own furniture.

### What we did

With two congregations from the Bayanihan Interfaith Table, including a parish here in South Gate, we started a formal savings circle of ten members. Everyone contributed $100 a month for ten months, just like a tanda, but payments were recorded as small zero-interest loans through a partner credit union, which reported them to the credit bureaus. We met monthly in the church basement for a short money workshop (budgeting, reading a credit report, spotting scams) followed by dinner. Members chose the order of payouts together.

### What happened

All ten members completed the cycle without a missed payment. Four who had no credit score at the start now have one; two used their payout as a deposit on a better apartment. One member started a second circle with her coworkers. The monthly dinners became the part people talked about most.

### What we learned

We didn't need to teach people how to save; they already knew. What they needed was for their existing habits to count in the systems that judge them. Holding it in a congregation meant trust came built in.

### Advice for others

- Start from what families already do well.
- Partner with a credit union early; paperwork takes longer than you think.
- Keep circles small, and let members set the rules.
- Food is not optional.`,
    replies: [
      {
        authorHandle: "joseph_dizon",
        body: "Still one of my favorite things our basement has hosted. The Tuesday dinners turned into a space where people also talked about immigration paperwork and school problems, and we're organizing on both now.",
        replies: [
          {
            authorHandle: "tomas_herrera",
            body: "@joseph_dizon that's the part I didn't expect: the circle became a way into everything else.",
          },
        ],
      },
      {
        authorHandle: "priya_raman",
        body: "Has anyone looked at whether the state could back these circles with a small matching fund? There have been a few bills on credit-building for people without credit histories.",
        replies: [
          {
            authorHandle: "tomas_herrera",
            body: "Not yet, but I'd love to talk. I'd want to make sure a match doesn't come with so much reporting that the congregations back out.",
          },
        ],
      },
      {
        authorHandle: "hana_cho",
        body: "Would this work with seniors on fixed incomes? Several of our patients are in informal circles and worry about losing benefits if anything looks like income.",
      },
    ],
  },
  {
    kind: "story",
    authorHandle: "jaylen_carter",
    title: "Teens surveyed 400 neighbors about safety, and asked better questions than we would have",
    tagSlugs: ["organizing", "resident-leadership", "social-justice"],
    body: `### Context

The school district was debating whether to add more police officers to campuses in South LA. Adults on every side claimed to speak for young people. Our students were tired of it and decided to find out what their neighbors actually thought makes a block feel safe.

### What we did

Twelve high schoolers designed the survey themselves over four Saturday sessions. My draft questions were all about police; theirs asked about lighting, crossing guards, who you would call if a friend was in trouble, and whether there was an adult at school you trusted. They tested it on their families, cut it to ten questions, and made versions in Spanish. Then they surveyed outside a laundromat, a taco truck, a church and the bus stop in pairs for three weekends. A volunteer from a local college showed them how to tally and chart the results.

### What happened

They collected 412 surveys. The top answers were better lighting, safe routes to school and more counselors, with more police far down the list. The students presented their findings at a school board meeting and to the principal, who agreed to add a second counselor and work with the city on lighting near two bus stops.

### What we learned

The students' questions got more honest answers than mine would have, because they sounded like a neighbor asking, not an agency. They also learned how much work real data takes, and they defended it confidently when an adult questioned their sample size.

### Advice for others

- Let young people write the questions, even if it feels slower.
- Survey where people already are, not where it is convenient for you.
- Pair youth with a friendly data mentor, but keep the analysis in their hands.
- Plan who will hear the findings before you start.`,
    replies: [
      {
        authorHandle: "darnell_brooks",
        body: "The laundromat is the most underrated outreach spot in LA. People are stuck there for 45 minutes and usually happy to talk.",
      },
      {
        authorHandle: "adaeze_okafor",
        body: "What did you do when the adult questioned the sample size? I've seen that move used to dismiss community research, and I'm always looking for good answers to it.",
        replies: [
          {
            authorHandle: "jaylen_carter",
            body: 'One of the students said, "That\'s 412 more neighbors than anyone asked before this." Then she explained where they surveyed and why. The room applauded; the adult dropped it.',
            replies: [
              {
                authorHandle: "marisol_vega",
                body: "Framing that answer and hanging it on our office wall.",
              },
            ],
          },
        ],
      },
      {
        authorHandle: "priya_raman",
        body: "If the students want to take this to the district budget process, the counselor-to-student ratio is usually a line you can track year to year. Happy to show them where to look.",
      },
    ],
  },

  // ----- Discussions -------------------------------------------------------------------------
  {
    kind: "discussion",
    authorHandle: "adaeze_okafor",
    title: "How do you hand off leadership without just walking away?",
    tagSlugs: ["leadership", "resident-leadership", "consulting"],
    body: `The first focus group said the best organizers hand leadership over to the community they serve. I agree, and I also see it go badly: a staff organizer steps back, residents are left with all the work and none of the resources, and the group fizzles.

How do you do the handoff well? What do you keep doing, what do you stop doing, and how do you know when it's time?`,
    replies: [
      {
        authorHandle: "marisol_vega",
        body: "We stopped running meetings long before we stopped going to them. For a year I just sat in the back and took notes, and only talked if someone asked me directly.",
        replies: [
          {
            authorHandle: "adaeze_okafor",
            body: "@marisol_vega the note-taker role is a great in-between. You keep the memory of the group without holding the gavel.",
          },
        ],
      },
      {
        authorHandle: "jaylen_carter",
        body: "With youth the handoff has a deadline built in: they graduate. So we try to make sure every leader is training their replacement from day one, with the older students co-facilitating alongside a younger one.",
      },
      {
        authorHandle: "joseph_dizon",
        body: "In congregations the mistake I see is handing over the tasks but not the relationships. If the new leaders don't have the council member's phone number, they haven't really been handed anything.",
        replies: [
          {
            authorHandle: "priya_raman",
            body: "Agree, and the same goes for access to the budget calendar and the staff contacts. A lot of power sits in knowing *when* things happen.",
            replies: [
              {
                authorHandle: "tomas_herrera",
                body: "And the bank account. I've seen three groups stall because only the departing staff member could sign checks.",
                replies: [
                  {
                    authorHandle: "adaeze_okafor",
                    body: "@tomas_herrera so true. Every transition plan I write now adds a resident co-signer at least six months before anyone leaves.",
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
  {
    kind: "discussion",
    authorHandle: "joseph_dizon",
    title: "What's actually cutting through the noise with residents right now?",
    tagSlugs: ["communications", "organizing", "community-building"],
    body: `One challenge the focus group named is that residents get so many messages every day that ours get lost. I feel that every week: flyers in the trash, group texts on mute, robocalls nobody answers.

What is working for you right now? Formats, messengers, times of day, anything. And what have you stopped doing?`,
    replies: [
      {
        authorHandle: "hana_cho",
        body: "Short voice messages in the person's language, from someone they've met. Our seniors ignore texts but will listen to a 30-second voice note from a CHW they know.",
      },
      {
        authorHandle: "darnell_brooks",
        body: 'We stopped doing general "come to a meeting" flyers. Now every flyer has one specific thing: "the city will decide on truck routes on March 12, here\'s how to weigh in." Response went way up.',
        replies: [
          {
            authorHandle: "joseph_dizon",
            body: "That's a good discipline. Ours tend to try to say everything at once.",
          },
        ],
      },
      {
        authorHandle: "jaylen_carter",
        body: "Honestly, for young people it's short videos made by other young people. Anything that looks like it came from an organization gets scrolled past.",
        replies: [
          {
            authorHandle: "adaeze_okafor",
            body: "Same thing I hear from groups everywhere: the messenger matters more than the channel. @jaylen_carter do your students get paid for making those?",
            replies: [
              {
                authorHandle: "jaylen_carter",
                body: "They get stipends through our summer program. It's small, but it tells them we take the work seriously.",
              },
            ],
          },
        ],
      },
    ],
  },
  {
    kind: "discussion",
    authorHandle: "tomas_herrera",
    title: "Small orgs and unrestricted money: what has actually worked for you?",
    tagSlugs: ["funding", "financial-advice"],
    body: `Everyone in the first focus group named funding as a challenge, and in my work with small nonprofits it's almost always the same story: project grants that don't cover rent, staff time or the organizing that holds it all together.

What has helped your organization get flexible, unrestricted money? Member dues, small donors, fee-for-service, a funder who trusted you? I'm especially curious about groups with budgets under $500k.`,
    replies: [
      {
        authorHandle: "marisol_vega",
        body: "Dues. Five dollars a month per household. It's not a lot of money, but it's ours, and it changes how members see the association.",
        replies: [
          {
            authorHandle: "tomas_herrera",
            body: "@marisol_vega how do you collect? Cash at meetings, or something automatic?",
            replies: [
              {
                authorHandle: "marisol_vega",
                body: "Mostly cash at the monthly meeting, with a receipt book. We tried an app and lost half the members who don't use banks.",
              },
            ],
          },
        ],
      },
      {
        authorHandle: "adaeze_okafor",
        body: "I'd gently disagree with treating fee-for-service as an easy answer. I've watched groups start doing trainings for pay and slowly become training shops. It can work, but set limits up front.",
      },
      {
        authorHandle: "priya_raman",
        body: "A couple of local funders have moved to multi-year general operating grants after being asked directly, with data about what project-only grants cost small groups. It's worth making that case in writing.",
      },
      {
        authorHandle: "joseph_dizon",
        body: "Our congregations give small, steady amounts that add up, and they never restrict it. Faith communities are a funding source many secular groups overlook.",
      },
    ],
  },
  {
    kind: "discussion",
    authorHandle: "hana_cho",
    title: "Which Listservs, newsletters or journals are actually worth your time?",
    tagSlugs: ["learning-networks", "innovation", "training"],
    body: `The focus group said practitioners find new ideas through networks, trainings, Listservs and online journals, and that a lot of research still starts with a web search. I subscribe to far too many lists and read almost none of them.

Which ones do you actually open? What makes a list or a journal worth it for you? And how do you keep up without drowning?`,
    replies: [
      {
        authorHandle: "priya_raman",
        body: "I keep two lists on a filter and read them Friday afternoons with coffee. Everything else I unsubscribed from, and I haven't missed anything that mattered.",
      },
      {
        authorHandle: "adaeze_okafor",
        body: 'The most useful "journal" I have is a group chat of five former organizers in different cities. We share one thing each week that we tried. Small beats big.',
        replies: [
          {
            authorHandle: "hana_cho",
            body: "That's kind of what I hope this place becomes. @adaeze_okafor would your group ever share a round-up here?",
            replies: [
              {
                authorHandle: "adaeze_okafor",
                body: "I'll ask them. I think they'd like having the stories somewhere easier to search than a chat history.",
              },
            ],
          },
        ],
      },
      {
        authorHandle: "darnell_brooks",
        body: "For environmental justice, the regional air district's public comment notices are dry but essential. I skim those before any newsletter.",
      },
    ],
  },
];

export const DEMO_PROMPT_ANSWERS: DemoPromptAnswer[] = [
  {
    promptIndex: 0,
    authorHandle: "marisol_vega",
    body: `The organizer who trained me never once told me what to do. She asked questions until I figured it out, and then she let me be the one to say it in the meeting.

For me, a good organizer is someone people still call after the campaign is over. **Presence** is the word from the focus group that stuck with me: you can't organize a building you only visit when you need something.`,
  },
  {
    promptIndex: 0,
    authorHandle: "jaylen_carter",
    body: `Knowing when to be quiet. I used to fill every silence in a youth meeting, and the students let me. Once I started counting to ten in my head, they started leading.

Also: being honest about what you don't know. Young people can tell immediately when an adult is faking it.`,
  },
  {
    promptIndex: 1,
    authorHandle: "hana_cho",
    body: `Time. Our grants pay for a number of contacts, and the real work (sitting with a patient who is scared of a bill) doesn't fit in a contact count.

The second one is language. We have written materials in Korean and Spanish now, but our phone system, patient portal and pharmacy labels are still English-first, so families get lost between the pieces.`,
  },
  {
    promptIndex: 1,
    authorHandle: "darnell_brooks",
    body: `Burnout, ours and residents'. People in our neighborhood have been fighting the same pollution for decades, and asking them to come to one more hearing is a real cost.

What helps: celebrating small wins out loud, and never asking people to testify without feeding them and getting them home.`,
  },
  {
    promptIndex: 2,
    authorHandle: "adaeze_okafor",
    body: `Mostly from peers, just like the focus group said. I trust an idea more when I can call the person who tried it and ask what went wrong.

I still read a couple of online journals, but I read them for the footnotes: the examples they cite usually lead me to a practitioner worth talking to.`,
  },
  {
    promptIndex: 2,
    authorHandle: "tomas_herrera",
    body: `Trainings, mostly, and the hallway conversations at trainings even more. The savings-circle idea came from a conversation at a financial coaching workshop, not from the workshop itself.

And yes, I start plenty of research with a search engine, then call someone I trust to tell me whether what I found is real.`,
  },
];
