import { createHash } from "node:crypto";

// The Content-Security-Policy of every response. Scripts run only from this site, or inline when the response
// vouches for them: a page rendered for one response carries that response's nonce; a page kept in the
// visitor cache (sent to many) carries no nonce at all, and its response lists the SHA-256 hashes of its
// inline scripts instead. So no nonce is ever sent twice, and nothing needs 'unsafe-inline'.

export type ScriptSources = { nonce: string } | { hashes: string[] };

export function cspHeader(scripts: ScriptSources): string {
  const inline = "nonce" in scripts ? [`'nonce-${scripts.nonce}'`] : scripts.hashes.map((hash) => `'sha256-${hash}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inline].join(" "),
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

// React writes every <script> with its contents raw and escapes "</" inside (JSON as \u003c), so the first
// "</script" ends each one, as it does for the browser's parser.
const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The base64 SHA-256 of each inline script of a page, as a browser computes it for CSP: over the script's
 * text after the parser has turned CRLF and lone CR into LF.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes!)) continue;
    const normalized = text!.replace(/\r\n?/g, "\n");
    hashes.add(createHash("sha256").update(normalized, "utf8").digest("base64"));
  }
  return [...hashes];
}
