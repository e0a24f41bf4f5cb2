// Emails in each recipient's language (issue 18, item 5): a member who chose Spanish gets their digest and their
// reply alerts in Spanish (subject, text, HTML, dates, the unsubscribe page they link to); a member who chose
// nothing, or English, gets them as before, whoever runs the mail. Read from the .eml files as a mail client would.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { runDigests } from "~/models/digest-run.server";
import { setDigestFrequency } from "~/models/digests.server";
import { runMailQueue } from "~/models/mail-run.server";
import { setMemberLanguage } from "~/models/member-language.server";
import { setReplyAlerts } from "~/models/reply-alerts.server";
import { inLanguage } from "~/lib/request-language.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { emlFiles, readEml, type ReadMail } from "../setup/eml";

const ORIGIN = "http://localhost:3000";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let outbox: string;
beforeEach(async () => {
  outbox = mkdtempSync(join(tmpdir(), "rt-lang-outbox-"));
  process.env.OUTBOX_DIR = outbox;
  delete process.env.SMTP_URL;
  delete process.env.MAIL_ALERT_DELAY_MINUTES;
  await getDb().deleteFrom("mail_jobs").execute();
});

function mailsTo(member: TestMember): ReadMail[] {
  return emlFiles(outbox)
    .map((file) => readEml(outbox, file))
    .filter((mail) => mail.header("to")?.includes(member.email));
}

/** What no email should show: a catalog key instead of its text. */
function expectNoKeys(mail: ReadMail) {
  for (const part of [mail.header("subject") ?? "", mail.text, mail.html])
    expect(part).not.toMatch(/\b(email|account|settings):[a-z]/);
}

describe("emails in the recipient's language", () => {
  it("a Spanish member's digest is in Spanish (dates too), an English member's and a member's with no choice unchanged", async () => {
    const now = Date.UTC(2026, 10, 28, 7);
    const author = await createMember({ displayName: "Autora Ana", role: "moderator" });
    const es = await createMember({ displayName: "Lupe" });
    const en = await createMember({ displayName: "Ellen" });
    const none = await createMember({ displayName: "Nadie" });
    await setMemberLanguage({ memberId: es.id, language: "es" });
    await setMemberLanguage({ memberId: en.id, language: "en" });
    for (const member of [es, en, none]) {
      await setDigestFrequency(member.id, "daily");
      const thread = await createTestThread({
        authorId: member.id,
        title: `Thread of ${member.displayName}`,
        now: now - 30 * HOUR,
      });
      await createTestReply({ threadId: thread.id, authorId: author.id, now: now - 2 * HOUR });
      await createTestReply({ threadId: thread.id, authorId: author.id, now: now - HOUR });
    }
    // A round open now, closing on December 3: its date is written in each reader's language.
    await createTestRound({ createdBy: author.id, opensAt: now - HOUR, closesAt: Date.UTC(2026, 11, 3, 12), now });

    // Whoever runs the digests (a job in English), each one is written in its recipient's language.
    const report = await inLanguage(() => runDigests("daily", { now, origin: ORIGIN }), "en");
    expect(report.failed).toEqual([]);

    const [spanish] = mailsTo(es);
    expect(spanish!.header("subject")).toBe("Tu resumen diario de Roundtable");
    expect(spanish!.text).toContain("Hola, Lupe:");
    expect(spanish!.text).toContain("RESPUESTAS EN CONVERSACIONES QUE SIGUES");
    expect(spanish!.text).toContain("2 respuestas nuevas");
    expect(spanish!.text).toContain("Recién abierta. Recibe respuestas hasta el 3 de diciembre");
    expect(spanish!.text).toContain("Cancela estos correos con un clic:");
    expect(spanish!.html).toContain('<html lang="es">');
    expect(spanish!.html).toContain("Cancelar la suscripción con un clic");
    expect(spanish!.html).toContain("Cambia lo que recibes");
    // The unsubscribe page the header and the link open speaks Spanish too.
    expect(spanish!.header("list-unsubscribe")).toMatch(/&lang=es>$/);
    expect(spanish!.text).not.toContain("Hello");
    expectNoKeys(spanish!);

    for (const [member, name] of [
      [en, "Ellen"],
      [none, "Nadie"],
    ] as const) {
      const [english] = mailsTo(member);
      expect(english!.header("subject")).toBe("Your daily Roundtable digest");
      expect(english!.text).toContain(`Hello ${name},`);
      expect(english!.text).toContain("REPLIES IN THREADS YOU FOLLOW");
      expect(english!.text).toContain("2 new replies");
      expect(english!.text).toContain("Just opened. Answers until December 3");
      expect(english!.html).toContain('<html lang="en">');
      expect(english!.html).toContain("Unsubscribe with one click");
      expect(english!.header("list-unsubscribe")).not.toContain("lang=");
      expectNoKeys(english!);
    }
  });

  it("a Spanish member's reply alert is in Spanish, an English member's unchanged, however the queue is run", async () => {
    const T = Date.now();
    const es = await createMember({ displayName: "Lupe" });
    const en = await createMember({ displayName: "Ellen" });
    const bea = await createMember({ displayName: "Bea Bell" });
    await setReplyAlerts(bea.id, "never");
    await setMemberLanguage({ memberId: es.id, language: "es" });
    for (const member of [es, en]) await setReplyAlerts(member.id, "immediate");
    const thread = await createTestThread({
      authorId: bea.id,
      title: "¿De dónde vienen las voluntarias?",
      now: T - 10 * MINUTE,
    });
    for (const member of [es, en]) {
      const post = await createTestReply({
        threadId: thread.id,
        authorId: member.id,
        body: "De la biblioteca.",
        now: T - 9 * MINUTE,
      });
      await createTestReply({ threadId: thread.id, parentId: post, authorId: bea.id, body: "¿Cuál sucursal?", now: T });
    }

    // Run from a Spanish request's context and from an English one: the recipient decides, not the runner.
    const report = await inLanguage(() => runMailQueue({ origin: ORIGIN, now: T + HOUR }), "es");
    expect(report.sent).toHaveLength(2);

    const [spanish] = mailsTo(es);
    expect(spanish!.header("subject")).toBe("Re: ¿De dónde vienen las voluntarias?");
    expect(spanish!.text).toContain("Hola, Lupe:");
    expect(spanish!.text).toContain("Lo nuevo en «¿De dónde vienen las voluntarias?» en Roundtable:");
    expect(spanish!.text).toContain("Bea Bell te respondió:");
    expect(spanish!.text).toContain("> ¿Cuál sucursal?");
    expect(spanish!.text).toContain("Léelo en contexto y responde: http://localhost:3000/posts/");
    expect(spanish!.html).toContain('<html lang="es">');
    expect(spanish!.html).toContain("Cancelar la suscripción con un clic");
    expect(spanish!.header("list-unsubscribe")).toMatch(
      /^<http:\/\/localhost:3000\/unsubscribe\?list=alerts&m=\d+&t=[\w-]+&lang=es>$/,
    );
    expectNoKeys(spanish!);

    const [english] = mailsTo(en);
    expect(english!.text).toContain("Hello Ellen,");
    expect(english!.text).toContain("Bea Bell replied to you:");
    expect(english!.text).toContain("Read it in context and reply: http://localhost:3000/posts/");
    expect(english!.html).toContain('<html lang="en">');
    expect(english!.html).toContain("Unsubscribe with one click");
    expect(english!.header("list-unsubscribe")).not.toContain("lang=");
    expectNoKeys(english!);
  });
});
