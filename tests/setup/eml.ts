import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// A small reader for the .eml files the mailer writes (RFC 5322 headers, RFC 2045 MIME parts): enough to check
// what a mail client would see, without a MIME library as a dependency.

export interface MailPart {
  contentType: string;
  body: string;
}

export interface ReadMail {
  /** Header values by lower-case name, unfolded, in order (a header may appear more than once). */
  headers: Map<string, string[]>;
  header(name: string): string | undefined;
  /** The leaf parts, bodies decoded (quoted-printable, base64). */
  parts: MailPart[];
  text: string;
  html: string;
}

function splitHeaders(raw: string): { headers: Map<string, string[]>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end < 0 ? raw : raw.slice(0, end);
  const body = end < 0 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string[]>();
  // Unfold: a line starting with white space continues the previous one.
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? "").toLowerCase()) {
    case "quoted-printable": {
      const bytes = body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, "latin1").toString("utf8");
    }
    case "base64":
      return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    default:
      return body;
  }
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= and =?UTF-8?B?...?=) in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

function leafParts(headers: Map<string, string[]>, body: string): MailPart[] {
  const contentType = headers.get("content-type")?.[0] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.toLowerCase().startsWith("multipart/") && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((section) => !section.startsWith("--"))
      .flatMap((section) => {
        const part = splitHeaders(section.replace(/^\r?\n/, ""));
        return leafParts(part.headers, part.body.replace(/\r?\n$/, ""));
      });
  }
  return [{ contentType, body: decodeBody(body, headers.get("content-transfer-encoding")?.[0]) }];
}

export function parseEml(raw: string): ReadMail {
  const { headers, body } = splitHeaders(raw);
  const parts = leafParts(headers, body);
  const partOf = (type: string) => parts.find((p) => p.contentType.toLowerCase().startsWith(type))?.body ?? "";
  return {
    headers,
    header: (name) => {
      const value = headers.get(name.toLowerCase())?.[0];
      return value === undefined ? undefined : decodeWords(value);
    },
    parts,
    text: partOf("text/plain"),
    html: partOf("text/html"),
  };
}

/** The .eml files in an outbox folder, oldest name first. */
export function emlFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .sort();
  } catch {
    return [];
  }
}

export function readEml(dir: string, file: string): ReadMail {
  return parseEml(readFileSync(join(dir, file), "utf8"));
}
