// Remix checks a form's Origin against the Host (or X-Forwarded-Host) itself and answers a 500 when they differ,
// which our own same-origin check (against ORIGIN) can let through: a Host whose port is not the Origin's, a
// forged X-Forwarded-Host, "Origin: null" with a same-site Referer. Each gets our 403 instead. Through real
// requests against the built server, which runs with ORIGIN set (tests/e2e/support/server.ts).
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 60_000);

afterAll(() => server?.stop());

function postLogin(headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams({ login: "nobody", password: "not the password" }).toString();
    const req = http.request(
      `${server.url}/login`,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(body.length),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("a form whose Origin does not match the Host it was sent to", () => {
  it("goes through when they match", async () => {
    const answer = await postLogin({ Origin: server.url, Host: `127.0.0.1:${server.port}` });
    expect(answer.status).toBe(400); // the wrong password, answered by the route
  });

  it.each([
    ["a Host with another port", () => ({ Origin: server.url, Host: `127.0.0.1:${server.port + 1}` })],
    ["a Host without the port", () => ({ Origin: server.url, Host: "127.0.0.1" })],
    ["a forged X-Forwarded-Host", () => ({ Origin: server.url, "X-Forwarded-Host": "attacker.example" })],
    ["Origin null with a same-site Referer", () => ({ Origin: "null", Referer: `${server.url}/login` })],
  ])("%s is refused with a 403, not a 500", async (_name, headers) => {
    const answer = await postLogin(headers());
    expect(answer).toEqual({ status: 403, body: "This form was sent from another site, so it was refused." });
    expect(server.output()).not.toMatch(/"level":"error"/);
  });
});
