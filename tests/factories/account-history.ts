import { randomBytes } from "node:crypto";
import { getDb } from "~db/client.server";
import { logAction } from "~/models/audit-log.server";
import { setDigestFrequency } from "~/models/digests.server";
import { saveDraft } from "~/models/drafts.server";
import { dismissFlags, flagPost } from "~/models/flags.server";
import { followTopic, setDigestTopics, setThreadFollow } from "~/models/follows.server";
import { toggleHelpful } from "~/models/helpful.server";
import { updateProfile } from "~/models/members.server";
import { addMemberNote, liftSuspension, suspendMember } from "~/models/members-moderation.server";
import { editPost } from "~/models/posts.server";
import { changeConsent } from "~/models/round-answers.server";
import { insertQuote, saveSynthesisDraft } from "~/models/round-synthesis.server";
import { resolveTopics } from "~/models/topics.server";
import { createMember, type TestMember } from "./members";
import { createTestAnswer, createTestRound } from "./rounds";
import { createTestReply, createTestThread, openingPostId } from "./threads";

// A member with a little of everything (issue 13: export and deletion): a profile changed once, threads that
// others replied to and one nobody did, replies that others' replies hang on and a chain of their own with
// nothing below, an edited reply, drafts, follows, helpful marks both ways, flags open and closed,
// notifications, a suspension and a moderator's note, a round answered with each consent (one under a
// pseudonym, one whose consent changed), and a synthesis draft that quotes them. Every personal string carries
// a random mark, so a test can look for it anywhere, down to the database file's bytes.

export interface MemberHistory {
  member: TestMember;
  ana: TestMember;
  ben: TestMember;
  mod: TestMember;
  marks: {
    name: string;
    email: string;
    oldBio: string;
    bio: string;
    organization: string;
    location: string;
    phrase: string;
    oldPhrase: string;
    pseudonym: string;
    flagNote: string;
    draft: string;
    answer: string;
  };
  threads: { conversation: number; alone: number; anas: number };
  posts: {
    conversationOpening: number;
    anaInConversation: number;
    memberUnderAna: number;
    benUnderMember: number;
    aloneOpening: number;
    aloneOwnReply: number;
    anasOpening: number;
    chainTop: number;
    chainBottom: number;
    edited: number;
    anaUnderEdited: number;
    benToFlag: number;
  };
  round: { id: number; promptIds: number[] };
  answers: { named: number; anonymized: number; none: number; anaNamed: number; anaAnonymized: number };
  benUnderPseudonym: number;
  memberUnderPseudonym: number;
}

const LONG_AGO = Date.now() - 30 * 86_400_000;

export async function createMemberWithHistory(): Promise<MemberHistory> {
  const mark = randomBytes(5).toString("hex");
  const marks = {
    name: `Leaver ${mark}`,
    email: `leaver${mark}@mailmark.example`,
    oldBio: `Oldbio${mark} I used to run the food pantry.`,
    bio: `Biomark${mark} I coordinate the Eastside tenants union.`,
    organization: `Orgmark${mark} Tenants United`,
    location: `Placemark${mark} Boyle Heights`,
    phrase: `quokkazephyr${mark}`,
    oldPhrase: `oldversion${mark}`,
    pseudonym: `Pseudo ${mark}`,
    flagNote: `flagnote${mark}`,
    draft: `draftmark${mark}`,
    answer: `answermark${mark}`,
  };
  const member = await createMember({ email: marks.email, displayName: marks.name, createdAt: LONG_AGO });
  const [ana, ben, mod] = await Promise.all([
    createMember({ createdAt: LONG_AGO }),
    createMember({ createdAt: LONG_AGO }),
    createMember({ role: "moderator", createdAt: LONG_AGO }),
  ]);
  const profile = { displayName: member.displayName, organization: "", location: "", fieldSlugs: ["organizing"] };
  await updateProfile(member.id, { ...profile, bioSource: marks.oldBio });
  await updateProfile(member.id, {
    ...profile,
    organization: marks.organization,
    location: marks.location,
    bioSource: marks.bio,
  });

  // A conversation the member started: Ana answers, the member answers her, Ben answers the member.
  const conversation = await createTestThread({
    authorId: member.id,
    title: `Rent strikes that worked ${mark}`,
    body: `How did your rent strike start? The ${marks.phrase} moment for us was a broken boiler.`,
  });
  const conversationOpening = await openingOf(conversation.id);
  const anaInConversation = await createTestReply({
    threadId: conversation.id,
    authorId: ana.id,
    body: "Ana's words: ours started with a petition.",
  });
  const memberUnderAna = await createTestReply({
    threadId: conversation.id,
    parentId: anaInConversation,
    authorId: member.id,
    body: `A petition is how ours went too, ${marks.phrase} included.`,
  });
  const benUnderMember = await createTestReply({
    threadId: conversation.id,
    parentId: memberUnderAna,
    authorId: ben.id,
    body: "Ben's words: petitions work when people sign in person.",
  });

  // A thread nobody else answered.
  const alone = await createTestThread({ authorId: member.id, body: `Alone with ${marks.phrase}.` });
  const aloneOpening = await openingOf(alone.id);
  const aloneOwnReply = await createTestReply({ threadId: alone.id, authorId: member.id, body: "Replying to myself." });

  // In Ana's thread: a chain of the member's own with nothing below, and an edited reply Ana answered.
  const anas = await createTestThread({ authorId: ana.id, body: "Ana asks about volunteers." });
  const anasOpening = await openingOf(anas.id);
  const chainTop = await createTestReply({ threadId: anas.id, authorId: member.id, body: `Chain top ${mark}.` });
  const chainBottom = await createTestReply({
    threadId: anas.id,
    parentId: chainTop,
    authorId: member.id,
    body: `Chain bottom ${mark}.`,
  });
  const edited = await createTestReply({
    threadId: anas.id,
    authorId: member.id,
    body: `First version with ${marks.oldPhrase}.`,
  });
  const editResult = await editPost({ post: { id: edited }, editorId: member.id, bodySource: "Second version." });
  if (!editResult.ok) throw new Error(editResult.message);
  const anaUnderEdited = await createTestReply({
    threadId: anas.id,
    parentId: edited,
    authorId: ana.id,
    body: "Ana thanks the member.",
  });
  const benToFlag = await createTestReply({ threadId: anas.id, authorId: ben.id, body: "Ben posts something odd." });
  const benToDismiss = await createTestReply({ threadId: anas.id, authorId: ben.id, body: "Ben posts again." });

  // Marks, flags, follows, drafts, settings.
  await toggleHelpful(anaInConversation, member.id);
  await toggleHelpful(edited, ana.id);
  await toggleHelpful(conversationOpening, ben.id);
  await flagPost({ postId: benToFlag, memberId: member.id, reason: "other", note: marks.flagNote });
  await flagPost({ postId: benToDismiss, memberId: member.id, reason: "spam", note: "" });
  await dismissFlags(mod.id, benToDismiss);
  const funding = (await resolveTopics(["funding"])).ids[0]!;
  await followTopic(member.id, funding);
  await setDigestTopics(member.id, [funding]);
  await setDigestFrequency(member.id, "weekly");
  await setThreadFollow(member.id, anas.id, "muted");
  await saveDraft({
    memberId: member.id,
    kind: "discussion",
    title: "A draft",
    bodySource: `Unsent ${marks.draft}.`,
    tagSlugs: ["organizing"],
  });
  await saveDraft({
    memberId: member.id,
    kind: "reply",
    threadId: anas.id,
    parentPostId: anasOpening,
    bodySource: "Hmm.",
  });

  // Moderation about them, and an audit value of the kind other actions may write (an email, a name).
  const suspended = await suspendMember({ actorId: mod.id, memberId: member.id, reason: "Cooling off.", until: null });
  if (!suspended.ok) throw new Error(suspended.message);
  await liftSuspension(mod.id, member.id);
  await addMemberNote(mod.id, member.id, `Note about ${marks.email}.`);
  await logAction(getDb(), {
    actorId: mod.id,
    action: "member.note",
    targetType: "member",
    targetId: member.id,
    subjectMemberId: member.id,
    before: { email: marks.email, displayName: member.displayName, role: "member" },
    after: { profile: { bio: marks.bio, location: marks.location }, role: "member" },
  });

  // A round: the member answers first, with each consent; Ana after. Ben replies under the pseudonymous answer.
  const round = await createTestRound({ createdBy: mod.id });
  const [p1, p2, p3] = round.promptIds as [number, number, number];
  const named = await createTestAnswer({
    roundId: round.id,
    threadId: p1,
    memberId: member.id,
    body: `Named ${marks.answer}: trust is built by showing up every single week.`,
    consent: "anonymized",
  });
  const changed = await changeConsent({ memberId: member.id, postId: named, consent: "named" });
  if (!changed.ok) throw new Error(changed.message);
  const anonymized = await createTestAnswer({
    roundId: round.id,
    threadId: p2,
    memberId: member.id,
    body: `Under a pseudonym ${marks.answer}.`,
    consent: "anonymized",
    pseudonym: marks.pseudonym,
  });
  const none = await createTestAnswer({
    roundId: round.id,
    threadId: p3,
    memberId: member.id,
    body: `Not to be quoted ${marks.answer}.`,
    consent: "none",
  });
  const anaNamed = await createTestAnswer({ roundId: round.id, threadId: p1, memberId: ana.id, consent: "named" });
  const anaAnonymized = await createTestAnswer({ roundId: round.id, threadId: p2, memberId: ana.id });
  const benUnderPseudonym = await createTestReply({
    threadId: p2,
    parentId: anonymized,
    authorId: ben.id,
    body: "Ben answers the pseudonym.",
  });
  const memberUnderPseudonym = await createTestReply({
    threadId: p2,
    parentId: benUnderPseudonym,
    authorId: member.id,
    body: "The member answers Ben, under the pseudonym.",
  });
  const quoted = await insertQuote(round.id, named, "What we heard:");
  if (!quoted.ok) throw new Error(quoted.message);
  await saveSynthesisDraft(round.id, `${quoted.source}And more from everyone else.`);

  return {
    member,
    ana,
    ben,
    mod,
    marks,
    threads: { conversation: conversation.id, alone: alone.id, anas: anas.id },
    posts: {
      conversationOpening,
      anaInConversation,
      memberUnderAna,
      benUnderMember,
      aloneOpening,
      aloneOwnReply,
      anasOpening,
      chainTop,
      chainBottom,
      edited,
      anaUnderEdited,
      benToFlag,
    },
    round,
    answers: { named, anonymized, none, anaNamed, anaAnonymized },
    benUnderPseudonym,
    memberUnderPseudonym,
  };
}

async function openingOf(threadId: number): Promise<number> {
  const rowId = await openingPostId(threadId);
  return rowId;
}
