import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { ENCODINGS } from "~/lib/static-assets.server";

// Part of npm run build, after remix build: a brotli (quality 11) and a gzip (level 9) copy beside each text
// file of public/build, made once here so that no request pays for compression (docs/decisions/0029). The
// server sends them by Accept-Encoding (app/lib/static-assets.server.ts). A copy no smaller than its file is
// not kept; copies whose file is gone (an earlier build's) are removed.

const ROOT = process.argv[2] ?? "public/build";
const COMPRESSIBLE = /\.(js|mjs|css|map|json|svg|txt)$/;
const SUFFIXES: readonly string[] = ENCODINGS.map((e) => e.suffix);

function compress(suffix: string, bytes: Buffer): Buffer {
  if (suffix === ".br")
    return brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
  return gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
}

function main(): void {
  const started = performance.now();
  const names = readdirSync(ROOT, { recursive: true, encoding: "utf8" });
  const totals = { files: 0, bytes: 0, br: 0, gz: 0 };
  for (const name of names) {
    const file = join(ROOT, name);
    const suffix = SUFFIXES.find((s) => name.endsWith(s));
    if (suffix) {
      if (!statSync(file.slice(0, -suffix.length), { throwIfNoEntry: false })) rmSync(file);
      continue;
    }
    if (!COMPRESSIBLE.test(name) || !statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    totals.files++;
    totals.bytes += bytes.length;
    for (const s of SUFFIXES) {
      const compressed = compress(s, bytes);
      if (compressed.length < bytes.length) {
        writeFileSync(file + s, compressed);
        totals[s === ".br" ? "br" : "gz"] += compressed.length;
      } else {
        rmSync(file + s, { force: true });
        totals[s === ".br" ? "br" : "gz"] += bytes.length;
      }
    }
  }
  const kb = (n: number) => `${Math.round(n / 1024)} KB`;
  console.log(
    `Compressed ${totals.files} files in ${ROOT}: ${kb(totals.bytes)}, brotli ${kb(totals.br)}, gzip ${kb(totals.gz)} ` +
      `(${Math.round(performance.now() - started)} ms).`,
  );
}

main();
