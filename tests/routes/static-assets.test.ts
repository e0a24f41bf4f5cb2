// The build's JavaScript and CSS go out pre-compressed (issue 16; docs/decisions/0029): brotli or gzip by the
// request's Accept-Encoding, bytes that decompress to the file, the file's own type, "Vary: Accept-Encoding",
// and a year's immutable caching for the fingerprinted /build files. Over real HTTP against the production
// build (npm run build makes the copies).
import { readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, ENCODINGS } from "~/lib/static-assets.server";
import { REPO_ROOT, startServer, type RunningServer } from "../e2e/support/server";

const BUILD = join(REPO_ROOT, "public", "build");

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET exactly as written (node:http keeps the path as given; no decompression on our side). */
function get(path: string, acceptEncoding?: string): Promise<Answer> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding };
    const req = http.request({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** The largest file of the build with this extension (the client entry or a route's module, the stylesheet). */
function largestBuildFile(extension: string): string {
  const files = readdirSync(BUILD, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(extension));
  expect(files.length).toBeGreaterThan(0);
  return files.sort((a, b) => statSync(join(BUILD, b)).size - statSync(join(BUILD, a)).size)[0]!;
}

describe("pre-compressed build assets", () => {
  for (const extension of [".js", ".css"]) {
    it(`a ${extension} file: brotli, gzip or as is, by Accept-Encoding, always the same file`, async () => {
      const name = largestBuildFile(extension);
      const path = `/build/${name}`;
      const original = readFileSync(join(BUILD, name));
      const plain = await get(path);
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
      expect(plain.headers["content-type"]).toMatch(extension === ".js" ? /javascript/ : /text\/css/);

      const cases: Array<[string, string | undefined, (b: Buffer) => Buffer]> = [
        ["br", "br", brotliDecompressSync],
        ["gzip, deflate, br, zstd", "br", brotliDecompressSync], // what Chrome sends: the smaller wins a tie
        ["gzip, deflate", "gzip", gunzipSync],
        ["br;q=0, gzip;q=0.5", "gzip", gunzipSync],
        ["*", "br", brotliDecompressSync],
        ["identity", undefined, (b) => b],
      ];
      for (const [accept, encoding, decode] of cases) {
        const answer = await get(path, accept);
        expect(answer.status, accept).toBe(200);
        expect(answer.headers["content-encoding"], accept).toBe(encoding);
        expect(decode(answer.body).equals(original), accept).toBe(true);
        if (encoding) expect(answer.body.length, accept).toBeLessThan(original.length);
        expect(answer.headers["content-type"], accept).toBe(plain.headers["content-type"]);
        expect(answer.headers["content-length"], accept).toBe(String(answer.body.length));
        expect(answer.headers.vary, accept).toMatch(/Accept-Encoding/i);
        expect(answer.headers["cache-control"], accept).toBe("public, max-age=31536000, immutable");
      }
      // Each encoding is its own entity: a cache validating one must not be given another.
      const br = await get(path, "br");
      const gz = await get(path, "gzip");
      expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);
    });
  }

  it("the build made both copies of every script, each smaller than its file", () => {
    const scripts = readdirSync(BUILD, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
    for (const script of scripts) {
      const size = statSync(join(BUILD, script)).size;
      for (const { suffix } of ENCODINGS) {
        if (size < 200) continue; // a tiny file may not shrink, and then has no copy
        expect(statSync(join(BUILD, script + suffix)).size, script + suffix).toBeLessThan(size);
      }
    }
  });

  it("a missing file is still a 404, in any encoding, with no Content-Encoding", async () => {
    for (const accept of ["br", "gzip", undefined]) {
      const answer = await get("/build/no-such-file-0000.js", accept);
      expect(answer.status).toBe(404);
      expect(answer.headers["content-encoding"]).toBeUndefined();
    }
  });

  it("no path leads out of the build folder", async () => {
    const packageJson = readFileSync(join(REPO_ROOT, "package.json"));
    const script = largestBuildFile(".js");
    const paths = [
      "/build/../package.json",
      "/build/%2e%2e/package.json",
      "/build/..%2fpackage.json",
      "/build/%2e%2e%2fpackage.json",
      `/build/${script}/../../../package.json`,
      "/build/..%5cpackage.json",
    ];
    for (const path of paths) {
      for (const accept of ["br", "gzip", undefined]) {
        const answer = await get(path, accept);
        expect(answer.body.includes(packageJson.subarray(0, 40)), `${path} ${accept}`).toBe(false);
        expect(answer.headers["content-encoding"], `${path} ${accept}`).toBeUndefined();
      }
    }
  });
});

describe("chooseEncoding", () => {
  it("honours q-values, * and refusals, and prefers brotli on a tie", () => {
    const both = ENCODINGS;
    expect(chooseEncoding(undefined, both)).toBeNull();
    expect(chooseEncoding("", both)).toBeNull();
    expect(chooseEncoding("gzip;q=1.0, br;q=0.9", both)?.name).toBe("gzip");
    expect(chooseEncoding("br;q=0", both)).toBeNull();
    expect(chooseEncoding("*;q=0", both)).toBeNull();
    expect(chooseEncoding("*, br;q=0", both)?.name).toBe("gzip");
    expect(chooseEncoding("GZIP", both)?.name).toBe("gzip");
    expect(chooseEncoding("br", [ENCODINGS[1]])).toBeNull();
  });
});
