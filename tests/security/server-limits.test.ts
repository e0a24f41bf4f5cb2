// Issue 12, section 1: slow clients cannot hold connections open (Node's server timeouts), and the built
// server renders Markdown in its worker thread. Through real sockets against the built server.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../e2e/support/server";

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    env: {
      HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
    },
  });
}, 60_000);

afterAll(() => server?.stop());

const host = () => `127.0.0.1:${server.port}`;

interface Trickle {
  /** Everything the server sent before it closed the connection. */
  received: string;
  /** How long after the first byte the server closed the connection. */
  closedAfterMs: number;
}

/** Sends `head` at once, then one `drip` every 250 ms, until the server closes the connection (or 20 s pass). */
function trickle(head: string, drip: string): Promise<Trickle> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, "127.0.0.1");
    let received = "";
    let started = 0;
    let dripping: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`The server kept a trickling connection open for 20 s; it sent: ${received}`));
    }, 20_000);
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      started = performance.now();
      socket.write(head);
      dripping = setInterval(() => socket.writable && socket.write(drip), 250);
    });
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("error", () => {}); // a reset after the server gives up is an answer too
    socket.on("close", () => {
      clearInterval(dripping);
      clearTimeout(giveUp);
      resolve({ received, closedAfterMs: performance.now() - started });
    });
  });
}

describe("server timeouts", () => {
  it("cuts off a client that never finishes its headers (slow loris)", async () => {
    const result = await trickle(`GET / HTTP/1.1\r\nHost: ${host()}\r\n`, "X-Slow: yes\r\n");
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    expect(result.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 4_000);
  });

  it("cuts off a client that sends its body a byte at a time", async () => {
    const head =
      `POST /login HTTP/1.1\r\nHost: ${host()}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Origin: ${server.url}\r\nContent-Length: 10000\r\n\r\n`;
    const result = await trickle(head, "a");
    expect(result.received).toMatch(/^HTTP\/1\.1 408/);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(result.closedAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 4_000);
  });

  it("keeps an idle kept-alive connection for its next request past the headers timeout", async () => {
    const socket = net.connect(server.port, "127.0.0.1");
    socket.setEncoding("utf8");
    let received = "";
    socket.on("data", (chunk: string) => (received += chunk));
    const answers = async (count: number) => {
      for (let waited = 0; (received.match(/HTTP\/1\.1 \d{3}/g) ?? []).length < count; waited += 25) {
        if (waited > 10_000) throw new Error(`No answer ${count}; received: ${received}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return received.match(/HTTP\/1\.1 \d{3}/g);
    };
    await new Promise((resolve) => socket.once("connect", resolve));
    const request = `GET /healthz HTTP/1.1\r\nHost: ${host()}\r\nConnection: keep-alive\r\n\r\n`;
    socket.write(request);
    await answers(1);
    await new Promise((resolve) => setTimeout(resolve, HEADERS_TIMEOUT_MS * 2.5));
    expect(socket.destroyed).toBe(false);
    socket.write(request);
    expect(await answers(2)).toEqual(["HTTP/1.1 200", "HTTP/1.1 200"]);
    socket.destroy();
  });
});

describe("Markdown worker in the built server", () => {
  it("starts with the server and reports itself ready on /healthz", async () => {
    let markdown: { workers: number; ready: number } | undefined;
    for (let waited = 0; waited < 30_000 && !markdown?.ready; waited += 200) {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { markdown: typeof markdown };
      markdown = health.markdown;
      if (!markdown?.ready) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(markdown?.workers).toBeGreaterThanOrEqual(1);
    expect(markdown?.ready).toBe(markdown?.workers);
  });
});
