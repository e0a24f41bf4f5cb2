// Links in emails never follow the Host a request names. A forged Host (with a matching Origin, which passes the
// same-origin check) must not turn a victim's password-reset email into a link to the attacker's site.
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { linksIn, waitForEmailTo } from "../setup/outbox";

const FORGED = "evil.example";

function postWithForgedHost(server: RunningServer, path: string, form: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(form).toString();
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: {
          Host: FORGED,
          Origin: `http://${FORGED}`,
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("links in emails without ORIGIN set", () => {
  let server: RunningServer;
  const outbox = join(process.env.DATABASE_PATH!, "..", "forged-host-outbox");

  beforeAll(async () => {
    server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH!, OUTBOX_DIR: outbox, ORIGIN: "" } });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a password-reset link asked for under a forged Host points at this server, not at that host", async () => {
    const member = await createMember();
    const status = await postWithForgedHost(server, "/forgot-password", { login: member.handle });
    expect(status).toBeLessThan(400);
    const [mail] = await waitForEmailTo(member.email, 1, outbox);
    const [link] = linksIn(mail!, "/reset-password/");
    expect(new URL(link!).origin).toBe(`http://localhost:${new URL(server.url).port}`);
    expect(mail!.text).not.toContain(FORGED);
    expect(mail!.html).not.toContain(FORGED);
  });
});
