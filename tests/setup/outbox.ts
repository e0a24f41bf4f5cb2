// Reads the .eml files the mailer writes without SMTP (OUTBOX_DIR; tests/setup/per-file.ts points it at this
// file's temp folder, and a server started by tests/e2e/support/server.ts has its own): who an email went to,
// its subject, its plain text and HTML parts, and the links in it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export interface SentEmail {
  file: string;
  to: string;
  subject: string;
  headers: Record<string, string>;
  text: string;
  html: string;
}

export function outboxDir(): string {
  return process.env.OUTBOX_DIR!;
}

/** Every email in the outbox, oldest first. */
export function readOutbox(dir = outboxDir()): SentEmail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(".eml"))
    .map((name) => join(dir, name))
    .map((file) => ({ file, at: statSync(file, { bigint: true }).mtimeNs }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.file.localeCompare(b.file)))
    .map(({ file }) => parseEml(file, readFileSync(file, "utf8")));
}

/** The emails to one address, oldest first. */
export function emailsTo(address: string, dir = outboxDir()): SentEmail[] {
  return readOutbox(dir).filter((mail) => mail.to.toLowerCase().includes(address.toLowerCase()));
}

/** The links in an email's plain text that lead to a path starting with `prefix` (e.g. "/reset-password/"). */
export function linksIn(mail: SentEmail, prefix: string): string[] {
  return [...mail.text.matchAll(/https?:\/\/\S+/g)]
    .map((m) => m[0])
    .filter((url) => new URL(url).pathname.startsWith(prefix));
}

/** The one link to `prefix` in the newest email to an address; fails the test if there is none. */
export function lastLinkTo(address: string, prefix: string, dir = outboxDir()): string {
  const mails = emailsTo(address, dir);
  const mail = mails[mails.length - 1];
  if (!mail) throw new Error(`No email to ${address} in ${dir}.`);
  const [link] = linksIn(mail, prefix);
  if (!link) throw new Error(`The email "${mail.subject}" to ${address} has no ${prefix} link:\n${mail.text}`);
  return link;
}

/** Waits for an email to an address (a server sends after its response), up to `timeoutMs`. */
export async function waitForEmailTo(address: string, count = 1, dir = outboxDir(), timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = emailsTo(address, dir);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`No email number ${count} to ${address} within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function splitHead(raw: string): [Record<string, string>, string] {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return [parseHeaders(raw), ""];
  return [parseHeaders(raw.slice(0, match.index)), raw.slice(match.index + match[0].length)];
}

function decode(body: string, encoding: string | undefined): string {
  const how = (encoding ?? "7bit").toLowerCase();
  if (how === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (how === "quoted-printable") {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function parseEml(file: string, raw: string): SentEmail {
  const [headers, body] = splitHead(raw);
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/.exec(headers["content-type"] ?? "")?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const [partHeaders, partBody] = splitHead(chunk.replace(/^\r?\n/, ""));
      const type = (partHeaders["content-type"] ?? "text/plain").split(";")[0]!.trim();
      parts[type] = decode(partBody.trimEnd(), partHeaders["content-transfer-encoding"]);
    }
  } else {
    parts[(headers["content-type"] ?? "text/plain").split(";")[0]!.trim()] = decode(
      body,
      headers["content-transfer-encoding"],
    );
  }
  return {
    file,
    to: headers.to ?? "",
    subject: headers.subject ?? "",
    headers,
    text: parts["text/plain"] ?? "",
    html: parts["text/html"] ?? "",
  };
}
