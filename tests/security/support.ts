// Shared by the tests in tests/security: raw HTTP requests to a production server started on this file's
// database (tests/e2e/support/server.ts), exactly as written on the wire.
import http from "node:http";
import type { RunningServer } from "../e2e/support/server";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Form = Record<string, string | string[]>;

/**
 * One request as written: node:http keeps the path as given (fetch would normalize it). `form` is sent
 * urlencoded; `body` as is. Same-origin (an Origin header naming the server) unless `headers` say otherwise;
 * a header given as null is left out.
 */
export function httpRequest(
  server: RunningServer,
  path: string,
  options: {
    method?: string;
    cookie?: string;
    headers?: Record<string, string | null>;
    form?: Form;
    body?: string | Buffer;
    contentType?: string;
  } = {},
): Promise<RawAnswer> {
  const { port } = new URL(server.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ Origin: server.url, ...options.headers }))
    if (value !== null) headers[name] = value;
  if (options.cookie) headers.Cookie = options.cookie;
  let body = options.body;
  if (options.form) {
    body = new URLSearchParams(
      Object.entries(options.form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])),
    ).toString();
  }
  if (body !== undefined) headers["Content-Type"] = options.contentType ?? "application/x-www-form-urlencoded";
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`No answer to ${path.slice(0, 80)} within 30 s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** The server's error log lines (JSON lines at level "error"): any is a failure of ours. */
export function errorLines(server: RunningServer): string[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.includes('"level":"error"'));
}
