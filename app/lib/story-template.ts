/** The story composer's optional outline: the author keeps, edits or clears it. */
export const STORY_TEMPLATE = `### Context
Where and with whom did this happen? What was at stake?

### What we did
The steps you took, who was involved, and how you organized.

### What happened
The results, good and bad.

### What we learned
What surprised you, and what you would do differently.

### Advice for others
What would you tell a practitioner trying this next?
`;
