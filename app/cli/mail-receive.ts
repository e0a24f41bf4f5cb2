import { closeDatabase, getDb, migrateToLatest } from "~db/client.server";
import { INBOUND_BYTES_MAX } from "~/lib/inbound-mail.server";
import { receiveInboundMail } from "~/models/inbound-mail.server";

// npm run mail:receive [-- --recipient ADDRESS]: one RFC 5322 message on standard input, the way Postfix's
// pipe(8) and Exim's pipe transport hand mail to a program (issue 20, docs/decisions/0040). The exit code is
// what the mail server acts on (sysexits.h):
//   0   handled: posted, refused and answered, ignored (auto-reply, bounce) or already seen
//   65  EX_DATAERR: no message on standard input
//   69  EX_UNAVAILABLE: too large (the sender gets the mail server's bounce)
//   75  EX_TEMPFAIL: our failure (the database...): the mail server keeps the message and tries again
export const EX_OK = 0;
export const EX_DATAERR = 65;
export const EX_UNAVAILABLE = 69;
export const EX_TEMPFAIL = 75;

async function readStdin(): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > INBOUND_BYTES_MAX) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function recipientArgument(argv: string[]): string | undefined {
  const at = argv.indexOf("--recipient");
  return at >= 0 ? argv[at + 1] : undefined;
}

async function main(): Promise<number> {
  const raw = await readStdin();
  if (raw === null) {
    console.error(`Message refused: larger than ${INBOUND_BYTES_MAX} bytes.`);
    return EX_UNAVAILABLE;
  }
  if (!raw.length) {
    console.error("No message on standard input.");
    return EX_DATAERR;
  }
  try {
    await migrateToLatest(getDb());
    const origin = process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : "http://localhost:3000";
    const result = await receiveInboundMail(raw, { origin, envelopeRecipient: recipientArgument(process.argv) });
    console.log(JSON.stringify(result));
    return EX_OK;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EX_TEMPFAIL;
  }
}

process.exitCode = await main();
await closeDatabase().catch(() => undefined);
