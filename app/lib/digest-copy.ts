import { tr } from "./translate";

// What a weekly or daily digest holds when its member follows no topic, said in the same words by the email and
// by the settings page (catalog keys, in the language of the work in progress). Browser-safe.

export const NO_TOPICS_DIGEST_CONTENTS = "email:digest.noTopicsContents";

/** The note, with where to follow topics (a full address in an email, a path on the site). */
export function noTopicsDigestNote(topicsUrl: string): string {
  return tr("email:digest.noTopicsNote", { contents: tr(NO_TOPICS_DIGEST_CONTENTS), url: topicsUrl });
}
