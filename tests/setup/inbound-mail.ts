import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

// The real-world messages of tests/fixtures/mail, with the parts that vary per test filled in: the sender, the
// reply address, the post answered, a fresh Message-ID (unless one is given, to replay a message).

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "mail");

export interface FixtureValues {
  from: string;
  to: string;
  post?: number;
  messageId?: string;
  pngBase64?: string;
}

export function mailFixture(name: string, values: FixtureValues): Buffer {
  const text = readFileSync(join(FIXTURES, `${name}.eml`), "utf8")
    .replaceAll("{{FROM}}", values.from)
    .replaceAll("{{TO}}", values.to)
    .replaceAll("{{POST}}", String(values.post ?? 0))
    .replaceAll("{{MSGID}}", values.messageId ?? randomUUID())
    .replaceAll("{{PNG_BASE64}}", (values.pngBase64 ?? "").replace(/(.{76})/g, "$1\n"));
  return Buffer.from(text.replace(/\r?\n/g, "\r\n"), "utf8");
}

/** An outgoing .eml read by a MIME library, the way a mail client reads it. */
export async function readOutgoing(file: string): Promise<ParsedMail> {
  return simpleParser(readFileSync(file));
}
