import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import nodemailer from "nodemailer";
import { logInfo } from "./log.server";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** Used to name the .eml file when there is no SMTP server. */
  fileKey: string;
  /** The link the email is for (verify, reset...): logged in development when there is no SMTP server. */
  link?: string;
}

export const MAIL_FROM = process.env.MAIL_FROM ?? "Roundtable <digest@roundtable.invalid>";

export function outboxDir(): string {
  return resolve(process.env.OUTBOX_DIR ?? "./data/outbox");
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
  };
  if (process.env.SMTP_URL) {
    const info = await nodemailer.createTransport(process.env.SMTP_URL).sendMail(message);
    return `smtp:${info.messageId}`;
  }
  const built = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(message);
  const dir = outboxDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${mail.fileKey.replace(/[^a-z0-9_.-]/gi, "_")}.eml`);
  writeFileSync(file, built.message as Buffer);
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
