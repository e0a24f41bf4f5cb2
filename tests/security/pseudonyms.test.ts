// Issue 12, section 3: a pseudonym never unmasks. One member, Pia, answers one prompt of a round with her name,
// another under a pseudonym (quotable anonymously), and a third anonymized without a pseudonym. Others reply to
// the pseudonymous answer, mention, mark it helpful, flag it; she edits it to mention someone and answers a reply
// under it. Then every surface another member or a visitor can reach, read over real HTTP from the production
// build (or, for the digest, from the outbox its model writes), must not tie the pseudonymous answer to her:
// no handle, name, member id or profile link of hers on any page, feed, email or hydration data that shows it,
// and no export label or count that joins it to her named words.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { avatarTone, pseudonymAvatarSeed } from "~/lib/avatar";
import { DAY_MS } from "~/lib/rounds";
import { runDigests } from "~/models/digest-run.server";
import { setDigestFrequency } from "~/models/digests.server";
import { setThreadFollow } from "~/models/follows.server";
import { insertQuote, publishSynthesis } from "~/models/round-synthesis.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember, FACTORY_PASSWORD, type TestMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";

const PSEUDONYM = "Valley Organizer Seven";
// Pia's organization, from her profile: shown beside her name on named posts, never on pseudonymous ones.
const PIA_ORGANIZATION = "Quillfeather Tenants Alliance";
const TEXT = {
  named: "Named words: trust is built by showing up every single week.",
  pseudo: "Zephyrwords about funding walls that keep rising around us, as @carol_mention knows.",
  anon: "Anonymized words: patience matters more than any strategy.",
  bobNamed: "Bob's own answer: listening comes first.",
  bobReply: "Bob here: thank you for the funding story.",
  piaReply: "Glad it helped, @bob_reply. Xylophonic detail follows.",
};

let server: RunningServer;
const outbox = mkdtempSync(join(tmpdir(), "roundtable-pseudonyms-outbox-"));
let mod: TestMember, pia: TestMember, bob: TestMember, carol: TestMember, dave: TestMember;
let roundId: number;
let prompts: { named: number; pseudo: number; anon: number };
const posts = { named: 0, pseudo: 0, anon: 0, bobNamed: 0, bobReply: 0, piaReply: 0 };
const cookies: Record<string, string> = {};

interface Answer {
  status: number;
  location: string | null;
  headers: Headers;
  body: string;
}

async function get(path: string, cookie?: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    headers: cookie ? { Cookie: cookie } : {},
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("Location"),
    headers: response.headers,
    body: await response.text(),
  };
}

async function post(path: string, form: Record<string, string>, cookie: string): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: server.url,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("Location"),
    headers: response.headers,
    body: await response.text(),
  };
}

async function logIn(member: TestMember): Promise<string> {
  const answer = await post("/login", { login: member.handle, password: FACTORY_PASSWORD }, "");
  expect(answer.status, `log-in as ${member.handle}`).toBe(302);
  return answer.headers.get("Set-Cookie")!.split(";")[0]!;
}

/** The notification line that says all of `texts`. */
function notificationLine(body: string, ...texts: string[]): string {
  const lines = [...body.matchAll(/<li[^>]*class="notification[^"]*"[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
  const line = lines.find((l) => texts.every((text) => l.includes(text)));
  expect(line, `a notification saying ${texts.join(" … ")}`).toBeDefined();
  return line!;
}

/** One post's card on a thread page. */
function postCard(body: string, postId: number): string {
  const card = new RegExp(`<article id="post-${postId}"[\\s\\S]*?</article>`).exec(body)?.[0];
  expect(card, `post ${postId} on the page`).toBeDefined();
  return card!;
}

/** A page's text as a reader sees it: React's separators between adjacent text pieces taken out. */
const textOf = (html: string) => html.replaceAll("<!-- -->", "");

/** Everything that would name Pia: her handle, her name, her profile link, her member id as an author's. */
function piaMarkers(): Array<string | RegExp> {
  return [
    pia.handle,
    pia.displayName,
    PIA_ORGANIZATION,
    `/members/${pia.handle}`,
    new RegExp(`"(author|member|editor|actor)(Id|_id)?":\\{?"?(id"?:)?${pia.id}\\b`),
  ];
}

/** The response names Pia nowhere (it shows something of her pseudonymous answer, so nothing of hers may be near). */
function expectNoPia(body: string, where: string) {
  for (const marker of piaMarkers()) {
    if (typeof marker === "string") expect(body, `${where} contains ${marker}`).not.toContain(marker);
    else expect(body, `${where} matches ${marker}`).not.toMatch(marker);
  }
}

const viewers = () => [
  { who: "a visitor", cookie: undefined },
  { who: "bob (who replied)", cookie: cookies.bob },
  { who: "carol (mentioned)", cookie: cookies.carol },
  { who: "dave (mentioned in an edit)", cookie: cookies.dave },
];

const threadPath = (threadId: number) => `/threads/${threadId}/x`;

/** The page after any redirect to its canonical slug, with the path it ended at. */
async function page(path: string, cookie?: string): Promise<Answer & { path: string }> {
  let answer = await get(path, cookie);
  for (let hops = 0; answer.status >= 300 && answer.status < 400 && answer.location && hops < 3; hops++) {
    path = answer.location;
    answer = await get(path, cookie);
  }
  return { ...answer, path };
}

beforeAll(async () => {
  const joined = Date.now() - 30 * DAY_MS;
  mod = await createMember({ role: "moderator", handle: "mona_mod", displayName: "Mona Moderator", createdAt: joined });
  pia = await createMember({ handle: "pia_quill", displayName: "Pia Quillfeather", createdAt: joined });
  bob = await createMember({ handle: "bob_reply", displayName: "Bob Replier", createdAt: joined });
  carol = await createMember({ handle: "carol_mention", displayName: "Carol Mentioned", createdAt: joined });
  dave = await createMember({ handle: "dave_edit", displayName: "Dave Edited", createdAt: joined });
  await getDb().updateTable("members").set({ organization: PIA_ORGANIZATION }).where("id", "=", pia.id).execute();

  // A closed round (so its synthesis can be published), answered while it was open.
  const now = Date.now();
  const round = await createTestRound({
    createdBy: mod.id,
    opensAt: now - 9 * DAY_MS,
    closesAt: now - DAY_MS,
    now: now - 10 * DAY_MS,
  });
  roundId = round.id;
  const [named, pseudo, anon] = round.promptIds as [number, number, number];
  prompts = { named, pseudo, anon };
  const at = now - 5 * DAY_MS;
  const answer = (threadId: number, member: TestMember, body: string, extra: object, offset: number) =>
    createTestAnswer({ roundId, threadId, memberId: member.id, body, now: at + offset, ...extra });
  posts.named = await answer(named, pia, TEXT.named, { consent: "named" }, 0);
  posts.pseudo = await answer(pseudo, pia, TEXT.pseudo, { consent: "anonymized", pseudonym: PSEUDONYM }, 1);
  posts.anon = await answer(anon, pia, TEXT.anon, { consent: "anonymized" }, 2);
  posts.bobNamed = await answer(pseudo, bob, TEXT.bobNamed, { consent: "named" }, 3);

  // The synthesis quotes both of Pia's answers given without a name.
  let source = "What we heard.";
  for (const postId of [posts.pseudo, posts.anon]) {
    const quoted = await insertQuote(roundId, postId, source);
    if (!quoted.ok) throw new Error(quoted.message);
    source = quoted.source;
  }
  const published = await publishSynthesis({ roundId, actorId: mod.id, source });
  if (!published.ok) throw new Error(published.message);

  // Carol follows the pseudonymous prompt and reads a daily digest.
  await setThreadFollow(carol.id, pseudo, "following");
  await setDigestFrequency(carol.id, "daily");
  await setDigestFrequency(bob.id, "daily");

  await closeDatabase();
  process.env.OUTBOX_DIR = outbox;
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: outbox } });
  for (const member of [mod, pia, bob, carol, dave]) cookies[member.handle.split("_")[0]!] = await logIn(member);

  // Pia edits her pseudonymous answer to mention Dave.
  const edited = await post(
    `/posts/${posts.pseudo}/edit`,
    { bodySource: `${TEXT.pseudo} And @dave_edit should read this too.` },
    cookies.pia!,
  );
  expect(edited.status, edited.body).toBe(302);
  // Bob replies to the pseudonymous answer; Pia answers him under it.
  const reply = await post(
    `/posts/${posts.pseudo}/reply`,
    { bodySource: TEXT.bobReply, intent: "publish" },
    cookies.bob!,
  );
  expect(reply.status, reply.body).toBe(302);
  posts.bobReply = Number(/#post-(\d+)$/.exec(reply.location ?? "")?.[1]);
  const answerBack = await post(
    `/posts/${posts.bobReply}/reply`,
    { bodySource: TEXT.piaReply, intent: "publish" },
    cookies.pia!,
  );
  expect(answerBack.status, answerBack.body).toBe(302);
  posts.piaReply = Number(/#post-(\d+)$/.exec(answerBack.location ?? "")?.[1]);
  const editedReply = await post(
    `/posts/${posts.piaReply}/edit`,
    { bodySource: `${TEXT.piaReply} (edited)` },
    cookies.pia!,
  );
  expect(editedReply.status, editedReply.body).toBe(302);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await closeDatabase();
});

describe("a pseudonymous answer, seen by others", () => {
  it("names Pia on her named answer (the markers this file looks for are real)", async () => {
    const named = await page(threadPath(prompts.named), cookies.bob);
    expect(named.status).toBe(200);
    expect(named.body).toContain(pia.displayName);
    expect(named.body).toContain(`/members/${pia.handle}`);
    expect(textOf(postCard(named.body, posts.named))).toContain(PIA_ORGANIZATION);
  });

  it("the pseudonymous answer's avatar comes from the pseudonym: its initials and colour, never hers", async () => {
    const html = await page(threadPath(prompts.pseudo), cookies.bob);
    const avatar = /<span class="avatar avatar-tone-(\d)" aria-hidden="true">([^<]*)<\/span>/.exec(
      postCard(html.body, posts.pseudo),
    );
    expect(avatar?.[2]).toBe("VS");
    expect(Number(avatar?.[1])).toBe(avatarTone(pseudonymAvatarSeed(PSEUDONYM)));
  });

  it("thread page, its hydration data and the cached visitor copy: the pseudonym, 'replying to' it, never Pia", async () => {
    for (const { who, cookie } of viewers()) {
      const html = await page(threadPath(prompts.pseudo), cookie);
      expect(html.status, who).toBe(200);
      expect(html.body, who).toContain("window.__remixContext");
      expect(html.body, who).toContain(PSEUDONYM);
      expect(textOf(html.body), who).toContain(`replying to ${PSEUDONYM}`);
      expectNoPia(html.body, `thread page for ${who}`);
      const data = await get(`${html.path}?_data=${encodeURIComponent("routes/threads.$id.$slug")}`, cookie);
      expect(data.status, `${who}: ${data.body}`).toBe(200);
      expectNoPia(data.body, `thread loader data for ${who}`);
    }
    const again = await page(threadPath(prompts.pseudo));
    expect(again.headers.get("X-Page-Cache")).toBe("hit");
    expectNoPia(again.body, "the cached visitor page");
  });

  it("branch, reply, quote and flag pages name the pseudonym, never Pia", async () => {
    const paths = [
      `/posts/${posts.pseudo}?branch=1`,
      `/posts/${posts.bobReply}?branch=1`,
      `/posts/${posts.piaReply}?branch=1`,
      `/posts/${posts.pseudo}/reply`,
      `/posts/${posts.pseudo}/reply?quote=1`,
      `/posts/${posts.piaReply}/reply?quote=1`,
      `/posts/${posts.pseudo}/flag`,
      `/posts/${posts.piaReply}/flag`,
    ];
    for (const { who, cookie } of viewers()) {
      for (const path of paths) {
        const answer = await get(path, cookie);
        if (!cookie && !path.includes("branch")) {
          expect(answer.status, `${path} for ${who}`).toBe(302);
          continue;
        }
        expect(answer.status, `${path} for ${who}`).toBe(200);
        expectNoPia(answer.body, `${path} for ${who}`);
      }
    }
    const replyPage = await get(`/posts/${posts.pseudo}/reply`, cookies.bob);
    expect(replyPage.body).toContain(PSEUDONYM);
    const branch = await get(`/posts/${posts.piaReply}?branch=1`, cookies.bob);
    expect(textOf(branch.body)).toContain(`replying to ${bob.displayName}`);
  });

  const inPrompt = () => `in “Round 1, prompt 2”`;

  it("notifications: a mention in the answer names the pseudonym", async () => {
    const carolSees = await get("/notifications", cookies.carol);
    const line = notificationLine(carolSees.body, "mentioned you", inPrompt());
    expect(line).toContain(`${PSEUDONYM} mentioned you`);
    expectNoPia(line, "carol's mention (in the answer)");
    expectNoPia(carolSees.body, "carol's notifications (she follows the prompt)");
  });

  it("notifications: a mention added by editing the answer names the pseudonym", async () => {
    const daveSees = await get("/notifications", cookies.dave);
    const line = notificationLine(daveSees.body, "mentioned you", inPrompt());
    expect(line).toContain(`${PSEUDONYM} mentioned you`);
    expectNoPia(line, "dave's mention (added by an edit)");
    expectNoPia(daveSees.body, "dave's notifications");
  });

  it("notifications: replying to the answer tells its author, and tells the replier nothing of who she is", async () => {
    const piaSees = await get("/notifications", cookies.pia);
    expect(notificationLine(piaSees.body, bob.displayName, inPrompt())).toMatch(/replied|replies/);
    // Not even when she answers him under her answer.
    const bobSees = await get("/notifications", cookies.bob);
    const line = notificationLine(bobSees.body, "replied to you");
    expect(line).toContain(`${PSEUDONYM} replied to you`);
    expectNoPia(line, "bob's notice of her reply to him");
    expectNoPia(bobSees.body, "bob's notifications (the replier)");
  });

  it("helpful marks: marking the answer helpful, and the count after, say nothing of its author", async () => {
    const marked = await post(`/posts/${posts.pseudo}/helpful`, {}, cookies.bob!);
    expect(marked.status).toBe(302);
    expect(marked.location).toBe(`/posts/${posts.pseudo}`);
    expectNoPia(marked.body, "the helpful toggle's answer");
    const after = await page(marked.location!, cookies.bob);
    // The replies are not in the hydration data (docs/decisions/0031): the answer's card says it all.
    expect(after.body).not.toContain(`{"id":${posts.pseudo},`);
    expectNoPia(/window\.__remixContext = (\{.*?\});<\/script>/.exec(after.body)![1]!, "the page's hydration data");
    const answerCard = postCard(after.body, posts.pseudo);
    expect(answerCard).toContain('aria-pressed="true"');
    expect(answerCard).toContain("Helpful ✓");
    expect(answerCard).toContain(" (1)");
    expect(answerCard).toMatch(/class="post-byline"><span>/); // the pseudonym, not a link to a member
    expectNoPia(answerCard, "the answer's card after marking helpful");
    const visitor = await page(threadPath(prompts.pseudo));
    const card = postCard(visitor.body, posts.pseudo);
    expect(card).toContain("1 found this helpful");
    expectNoPia(card, "the visitor's view of the answer after it was marked helpful");
    // Her profile shows no count that moves with the answer's marks.
    const profile = await get(`/members/${pia.handle}`);
    expect(profile.body).not.toMatch(/helpful/i);
  });

  it("flag outcomes: the flagger hears what became of the post, not whose it was", async () => {
    const flagged = await post(`/posts/${posts.pseudo}/flag`, { reason: "off-topic", note: "" }, cookies.bob!);
    expect(flagged.status, flagged.body).toBe(302);
    const hidden = await post(
      `/mod/posts/${posts.pseudo}`,
      { intent: "hide", reason: "off-topic", note: "" },
      cookies.mona!,
    );
    expect(hidden.status, hidden.body).toBe(302);
    const restored = await post(`/mod/posts/${posts.pseudo}`, { intent: "restore" }, cookies.mona!);
    expect(restored.status, restored.body).toBe(302);
    const notices = await get("/notifications", cookies.bob);
    expectNoPia(notificationLine(notices.body, "the post was hidden"), "bob's flag outcome");
    const flags = await get("/flags", cookies.bob);
    expect(flags.body).toContain("Moderators hid the post");
    expectNoPia(flags.body, "bob's flags page");
  });

  it("edit history names the pseudonym as the editor, for the answer and for her reply under it", async () => {
    for (const { who, cookie } of viewers()) {
      for (const postId of [posts.pseudo, posts.piaReply]) {
        const history = await get(`/posts/${postId}/history`, cookie);
        expect(history.status, who).toBe(200);
        expect(textOf(history.body), who).toContain(`by <span>${PSEUDONYM}</span>`);
        expectNoPia(history.body, `history of ${postId} for ${who}`);
      }
    }
  });

  it("Atom feeds: the thread's replies under the pseudonym; her own feed and the site's feeds hold none of it", async () => {
    const threadFeed = await get(`/threads/${prompts.pseudo}/feed.atom`);
    expect(threadFeed.status).toBe(200);
    expect(threadFeed.body).toContain("Zephyrwords");
    expect(threadFeed.body).toContain("Xylophonic");
    expect(threadFeed.body).toContain(`<name>${PSEUDONYM}</name>`);
    expectNoPia(threadFeed.body, "the prompt's Atom feed");
    const herFeed = await get(`/members/${pia.handle}/feed.atom`);
    expect(herFeed.status).toBe(200);
    expect(herFeed.body).not.toContain("Zephyrwords");
    expect(herFeed.body).not.toContain("Xylophonic");
    // The site's feeds list new threads: the synthesis quotes the answer there, credited to a participant label.
    for (const path of ["/feed.atom", "/topics/organizing/feed.atom", "/rounds/feed.atom"]) {
      const feed = await get(path);
      expect(feed.status, path).toBe(200);
      expectNoPia(feed.body, path);
    }
  });

  it("search: results never name her for these words, and her handle as the author filter finds none of them", async () => {
    const hitsOf = async (query: string, cookie?: string) => {
      const answer = await get(`/search?${query}&_data=routes%2Fsearch`, cookie);
      expect(answer.status, query).toBe(200);
      return answer;
    };
    for (const { who, cookie } of viewers()) {
      for (const word of ["zephyrwords", "xylophonic"]) {
        const html = await get(`/search?q=${word}`, cookie);
        expectNoPia(html.body, `search for ${word} by ${who}`);
        const data = await hitsOf(`q=${word}`, cookie);
        expectNoPia(data.body, `search data for ${word} by ${who}`);
        const byHer = JSON.parse((await hitsOf(`q=${word}&author=${pia.handle}`, cookie)).body) as {
          hits: Array<{ postId: number }>;
        };
        expect(
          byHer.hits.map((h) => h.postId),
          `author:${pia.handle} ${word} for ${who}`,
        ).toEqual([]);
      }
    }
    // Her named words are hers to find by her handle (the filter works).
    const named = JSON.parse((await hitsOf(`q=showing&author=${pia.handle}`)).body) as {
      hits: Array<{ postId: number }>;
    };
    expect(named.hits.map((h) => h.postId)).toContain(posts.named);
  });

  it("her public profile lists neither the answer nor her reply under it", async () => {
    for (const { who, cookie } of viewers()) {
      for (const section of ["", "?section=replies", "?section=discussions"]) {
        const profile = await get(`/members/${pia.handle}${section}`, cookie);
        expect(profile.status).toBe(200);
        expect(profile.body, `profile${section} for ${who}`).not.toContain("Zephyrwords");
        expect(profile.body, `profile${section} for ${who}`).not.toContain("Xylophonic");
      }
    }
  });

  it("the digest email counts the replies and names no author of them", async () => {
    const report = await runDigests("daily", { origin: server.url });
    expect(report.failed).toEqual([]);
    const mails = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
    expect(mails.length).toBeGreaterThan(0);
    const carolMail = mails.find((f) => f.includes(`member-${carol.id}`));
    expect(carolMail, "carol follows the prompt, so she gets a digest").toBeDefined();
    for (const file of mails) {
      const text = readFileSync(join(outbox, file), "utf8");
      expectNoPia(text, `digest ${file}`);
    }
    expect(readFileSync(join(outbox, carolMail!), "utf8")).toContain(`/threads/${prompts.pseudo}/`);
  });

  it("round pages: the count of who answered does not reveal that the pseudonym is someone who answered by name", async () => {
    // Shown by name: Pia (prompts 1 and 3) and Bob (prompt 2); under a pseudonym: one answer to prompt 2. A
    // count of two would tell that the pseudonym is Pia or Bob, and Bob answered prompt 2 by name.
    for (const { who, cookie } of viewers()) {
      const roundPage = await get(`/rounds/${roundId}`, cookie);
      expect(roundPage.status).toBe(200);
      expect(textOf(roundPage.body), who).toContain("3 practitioners have answered");
      const list = await get("/rounds", cookie);
      expect(textOf(list.body), who).toContain("3 practitioners have answered");
    }
  });

  it("the published synthesis credits the pseudonymous answer with a label none of her other answers carries", async () => {
    const roundPage = await get(`/rounds/${roundId}`);
    const labelOf = (postId: number) => {
      const match = new RegExp(`<a href="/posts/${postId}"[^>]*>([^<]+)</a>`).exec(roundPage.body);
      expect(match, `a quote linked to post ${postId}`).not.toBeNull();
      return match![1]!;
    };
    const pseudoLabel = labelOf(posts.pseudo);
    expect(pseudoLabel).toMatch(/^Participant \d+$/);
    // Her anonymized answer's quote links to a post that shows her name: the two must not share a label.
    expect(labelOf(posts.anon)).toMatch(/^Participant \d+$/);
    expect(labelOf(posts.anon)).not.toBe(pseudoLabel);
  });

  it("exports give her pseudonymous answer a label shared with none of her named or named-on-the-forum answers", async () => {
    expect((await get(`/rounds/${roundId}/export.csv`, cookies.bob)).status).toBe(403);
    const csv = await get(`/rounds/${roundId}/export.csv`, cookies.mona);
    expect(csv.status).toBe(200);
    const rows = parse(csv.body, { columns: true, bom: true }) as Array<Record<string, string>>;
    const json = JSON.parse((await get(`/rounds/${roundId}/export.json`, cookies.mona)).body) as {
      rows: Array<Record<string, string | null>>;
    };
    for (const table of [rows, json.rows]) {
      const label = (start: string) => table.find((r) => r.answer?.startsWith(start))!.participant;
      const pseudoRow = table.find((r) => r.answer?.startsWith("Zephyrwords"))!;
      expect(pseudoRow.name || null).toBeNull();
      expect(pseudoRow.handle || null).toBeNull();
      expect(label("Zephyrwords")).toBeTruthy();
      expect(label("Zephyrwords")).not.toBe(label("Named words"));
      expect(label("Zephyrwords")).not.toBe(label("Anonymized words"));
      expect(label("Anonymized words")).not.toBe(label("Named words"));
      expect(JSON.stringify(pseudoRow)).not.toContain(pia.handle);
    }
    // A second export labels every answer the same way.
    const again = parse((await get(`/rounds/${roundId}/export.csv`, cookies.mona)).body, {
      columns: true,
      bom: true,
    }) as Array<Record<string, string>>;
    expect(again.map((r) => r.participant)).toEqual(rows.map((r) => r.participant));
  });

  it("moderators still see who wrote it, and she sees what others see of her", async () => {
    const asMod = await page(threadPath(prompts.pseudo), cookies.mona);
    expect(asMod.body).toContain(pia.displayName);
    const asPia = await page(threadPath(prompts.pseudo), cookies.pia);
    expect(textOf(asPia.body)).toContain(`Shown to members as “${PSEUDONYM}”`);
    // Even those who see her name never see her organization on a post written under a pseudonym.
    for (const [who, body] of [
      ["a moderator", asMod.body],
      ["Pia", asPia.body],
    ] as const) {
      expect(postCard(body, posts.pseudo), who).toContain(pia.displayName);
      expect(postCard(body, posts.pseudo), who).not.toContain(PIA_ORGANIZATION);
    }
    // Before she answers someone under her answer, the form says which name they will read.
    const replying = await get(`/posts/${posts.bobReply}/reply`, cookies.pia);
    expect(textOf(replying.body)).toContain(`members see your reply as “${PSEUDONYM}”`);
    const elsewhere = await get(`/posts/${posts.bobNamed}/reply`, cookies.pia);
    expect(elsewhere.status).toBe(200);
    expect(textOf(elsewhere.body)).not.toContain("members see your reply as");
  });
});
