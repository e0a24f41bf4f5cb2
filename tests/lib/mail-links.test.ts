// Without SMTP, in development, the server logs the link each email carries (issue 13), so a person trying
// Roundtable locally can follow it; never in production, where links are secrets. And the request log never
// holds a link's token.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { redactPath } from "~/lib/log.server";
import { logsMailLinks, sendMail } from "~/lib/mailer.server";

const saved = { NODE_ENV: process.env.NODE_ENV, OUTBOX_DIR: process.env.OUTBOX_DIR };

afterEach(() => {
  process.env.NODE_ENV = saved.NODE_ENV;
  process.env.OUTBOX_DIR = saved.OUTBOX_DIR;
});

async function sendWith(env: "development" | "production"): Promise<string> {
  process.env.NODE_ENV = env;
  process.env.OUTBOX_DIR = mkdtempSync(join(tmpdir(), "rt-mail-links-"));
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await sendMail({
      to: "ana@example.org",
      subject: "Reset your Roundtable password",
      text: "Choose a new password: http://localhost:3000/reset-password/abc",
      html: "<p>Choose a new password</p>",
      link: "http://localhost:3000/reset-password/abc",
      fileKey: "link-log-test",
    });
  } finally {
    spy.mockRestore();
  }
  return written.join("");
}

describe("links of emails in the log", () => {
  it("are logged in development without SMTP, with where the .eml went", async () => {
    const logged = await sendWith("development");
    expect(logged).toContain('Email to ana@example.org: "Reset your Roundtable password"');
    expect(logged).toContain("Link: http://localhost:3000/reset-password/abc");
    expect(logged).toContain("link-log-test.eml");
  });

  it("are never logged in production, nor when SMTP sends the mail", async () => {
    expect(await sendWith("production")).toBe("");
    expect(logsMailLinks({ NODE_ENV: "development", SMTP_URL: "smtp://mail.example:25" })).toBe(false);
    expect(logsMailLinks({ NODE_ENV: "production" })).toBe(false);
  });

  it("leave the request log: a link's token is not written there", () => {
    expect(redactPath("/reset-password/Abc_def-123")).toBe("/reset-password/[token]");
    expect(redactPath("/verify-email/Abc_def-123")).toBe("/verify-email/[token]");
    expect(redactPath("/threads/12/reset-password")).toBe("/threads/12/reset-password");
  });
});
