import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import express from "express";

// Static files, served pre-compressed where the build made a .br or .gz beside them (app/cli/compress-assets.ts;
// docs/decisions/0029). The best encoding the client accepts is chosen (brotli before gzip), the request is
// passed on to express.static as the compressed file, under the original's Content-Type, with
// "Vary: Accept-Encoding" so caches keep one copy per encoding.

export const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;
type Encoding = (typeof ENCODINGS)[number];

/**
 * The files under `root` that have compressed copies, by the URL path that asks for them ("/entry.client-X.js"),
 * read once at start-up (the build is done by then). A copy older than its original is left out.
 */
export function findCompressedCopies(root: string): Map<string, Encoding[]> {
  const copies = new Map<string, Encoding[]>();
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: "utf8" });
  } catch {
    return copies; // no build yet (npm run dev before its first build)
  }
  for (const name of names) {
    if (ENCODINGS.some((e) => name.endsWith(e.suffix))) continue;
    const file = join(root, name);
    const original = statSync(file, { throwIfNoEntry: false });
    if (!original?.isFile()) continue;
    const found = ENCODINGS.filter((e) => {
      const copy = statSync(file + e.suffix, { throwIfNoEntry: false });
      return copy?.isFile() && copy.mtimeMs >= original.mtimeMs;
    });
    if (found.length) copies.set(`/${relative(root, file).split(sep).join("/")}`, found);
  }
  return copies;
}

/**
 * The encoding to send from those available, by the request's Accept-Encoding (q-values honoured; `*` stands
 * for any encoding not named; q=0 refuses). Equal preferences go to the smaller, brotli. Null: send as is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) weights.set(name.trim(), q === undefined ? 1 : Number(q) || 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of available) {
    const weight = weights.get(encoding.name) ?? weights.get("*") ?? 0;
    if (weight > bestWeight) [best, bestWeight] = [encoding, weight];
  }
  return best;
}

/** express.static for `root`, sending a compressed copy instead of the file whenever the client takes one. */
export function staticWithCompressedCopies(root: string, options: Parameters<typeof express.static>[1]) {
  const copies = findCompressedCopies(root);
  const serve = express.static(root, options);
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return serve(req, res, next);
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return serve(req, res, next); // a malformed escape: express.static answers it
    }
    const available = copies.get(path);
    if (!available) return serve(req, res, next);
    res.vary("Accept-Encoding");
    const encoding = chooseEncoding(req.headers["accept-encoding"], available);
    if (!encoding) return serve(req, res, next);
    const url = req.url;
    const queryAt = url.indexOf("?");
    req.url = queryAt === -1 ? url + encoding.suffix : url.slice(0, queryAt) + encoding.suffix + url.slice(queryAt);
    res.setHeader("Content-Encoding", encoding.name);
    // The original's type, written as express.static writes it (which keeps a Content-Type already set).
    const type = express.static.mime.lookup(path);
    const charset = express.static.mime.charsets.lookup(type, "");
    res.setHeader("Content-Type", charset ? `${type}; charset=${charset}` : type);
    serve(req, res, (error?: unknown) => {
      // The copy went missing after start-up: undo, and let the request go on as it came.
      req.url = url;
      res.removeHeader("Content-Encoding");
      res.removeHeader("Content-Type");
      next(error);
    });
  };
}
