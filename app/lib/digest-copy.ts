// What a weekly or daily digest holds when its member follows no topic, said in the same words by the email and
// by the settings page. Browser-safe.

export const NO_TOPICS_DIGEST_CONTENTS =
  "new replies in threads you follow, replies to you and mentions of you (when you chose them for your digest), " +
  "featured stories, rounds that open and open prompts";

/** The note, with where to follow topics (a full address in an email, a path on the site). */
export function noTopicsDigestNote(topicsUrl: string): string {
  return `You follow no topics yet, so your digest will contain ${NO_TOPICS_DIGEST_CONTENTS}; follow topics at ${topicsUrl} to get their new threads too.`;
}
