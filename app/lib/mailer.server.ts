import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import { logInfo } from "./log.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A `prepared` value goes out as written (a List-Id's quoted name), not MIME-encoded by nodemailer. */
  headers?: Record<string, string | { prepared: true; value: string }>;
  /** The Message-ID, with its angle brackets; nodemailer makes one up when it is not given. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Used to name the .eml file when there is no SMTP server. */
  fileKey: string;
  /** The link the email is for (verify, reset...): logged in development when there is no SMTP server. */
  link?: string;
}

export const MAIL_FROM = process.env.MAIL_FROM ?? "Roundtable <digest@roundtable.invalid>";

// One SMTP conversation never outlasts these, so it always ends well inside the mail queue's claim lease
// (docs/decisions/0015). nodemailer's own socket timeout is ten minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 60_000, greetingTimeout: 30_000, socketTimeout: 120_000 };

export function outboxDir(): string {
  return resolve(process.env.OUTBOX_DIR ?? "./data/outbox");
}

function outboxFile(fileKey: string): string {
  return join(outboxDir(), `${fileKey.replace(/[^a-z0-9_.-]/gi, "_")}.eml`);
}

/**
 * Where mail goes: `send` returns where it went or throws when it was not sent; `wasDelivered` says whether
 * the message with this file key went out, when the transport can tell (the outbox can; SMTP cannot: null).
 */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<string>;
  wasDelivered(fileKey: string): boolean | null;
}

/** SMTP when SMTP_URL is set, else .eml files in the outbox folder. */
export function defaultTransport(): MailTransport {
  return {
    send: sendMail,
    wasDelivered: (fileKey) => (process.env.SMTP_URL ? null : existsSync(outboxFile(fileKey))),
  };
}

/**
 * Sends through SMTP when SMTP_URL is set (nodemailer), otherwise writes the same RFC 5322 message as an
 * .eml file into the outbox folder. Returns where it went.
 */
export async function sendMail(mail: OutgoingMail): Promise<string> {
  const message = {
    from: MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
  };
  if (process.env.SMTP_URL) {
    const info = await nodemailer.createTransport({ url: process.env.SMTP_URL, ...SMTP_TIMEOUTS }).sendMail(message);
    return `smtp:${info.messageId}`;
  }
  const built = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(message);
  mkdirSync(outboxDir(), { recursive: true });
  // Written aside, then renamed: a file in the outbox is always a whole message (wasDelivered relies on it).
  const file = outboxFile(mail.fileKey);
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, built.message as Buffer);
  renameSync(partial, file);
  if (logsMailLinks()) logInfo(mailLogLine(mail, file));
  return file;
}

/**
 * Without SMTP, in development (`npm run dev`), the server also logs each email's link, so a person trying
 * Roundtable locally can follow it without opening the .eml file. Never in production: links are secrets.
 */
export function logsMailLinks(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.SMTP_URL && env.NODE_ENV === "development";
}

export function mailLogLine(mail: Pick<OutgoingMail, "to" | "subject" | "link">, file: string): string {
  return `Email to ${mail.to}: "${mail.subject}"${mail.link ? `\n  Link: ${mail.link}` : ""}\n  Saved as ${file}`;
}
