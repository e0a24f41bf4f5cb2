// The production server: express in front of Remix. Bundled with the app into build/server.js by the
// Remix compiler (remix.config.js `server`); `node build/index.js` (app/main.ts) runs it.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createRequestHandler } from "@remix-run/express";
import * as build from "@remix-run/dev/server-build";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express from "express";
import {
  closeDatabase,
  databaseLocation,
  describeLocation,
  exclusively,
  getDb,
  getEngine,
  migrateToLatest,
} from "~db/client.server";
import { readSession } from "~/auth/session.server";
import { chooseLanguage } from "~/lib/language.server";
import { inLanguage } from "~/lib/request-language.server";
import { runAfterResponse, settleAfterResponse } from "~/lib/after-response.server";
import { isClusterWorker, runsBackgroundWork } from "~/lib/cluster.server";
import { isSameOriginRequest, MAX_BODY_BYTES, passesRemixOriginCheck } from "~/lib/http.server";
import { logError, logInfo, logRequest } from "~/lib/log.server";
import { startMailWorker, type MailWorker } from "~/lib/mail-worker.server";
import { markdownWorkerStats, startMarkdownWorkers, stopMarkdownWorkers } from "~/lib/markdown-bounded.server";
import {
  bodyLimitFor,
  checkRequestBody,
  TOO_LARGE_MESSAGE,
  UPLOAD_TOO_LARGE_MESSAGE,
  withReadBody,
} from "~/lib/request-body.server";
import { isCachedVisitorPage, oneRequestPerTurn } from "~/lib/request-turns.server";
import { cspHeader } from "~/lib/csp.server";
import { staticWithCompressedCopies } from "~/lib/static-assets.server";
import { pageCacheStats } from "~/lib/page-cache.server";
import { visitorPages } from "~/lib/visitor-pages.server";
import { backfillRenderedText } from "~/models/rendered-backfill.server";
import { cleanUnusedUploads } from "~/models/uploads.server";
import { seedBaseline } from "~/models/seed.server";
import { sql } from "kysely";

function loadContext(req: express.Request, res: express.Response): AppLoadContext {
  return {
    viewer: res.locals.session.viewer,
    sessionId: res.locals.session.sessionId,
    requestId: res.locals.requestId,
    cspNonce: res.locals.cspNonce,
    language: res.locals.language,
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    // "close" comes once the response is sent (or the client went away): the work never delays the answer.
    afterResponse: (label, task) => res.once("close", () => runAfterResponse(label, task)),
    drained: () => drained(res),
  };
}

function drained(res: express.Response): Promise<void> {
  if (!res.writableNeedDrain || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

const app = express();
app.disable("x-powered-by");

// Set by SIGTERM/SIGINT (see shutdown below). Responses in flight are tracked so that each can be told to
// close its connection: a kept-alive connection would otherwise carry the client's next request.
let stopping = false;
const inFlight = new Set<express.Response>();
app.use((_req, res, next) => {
  if (stopping) res.setHeader("Connection", "close");
  inFlight.add(res);
  res.once("close", () => inFlight.delete(res));
  next();
});
// Behind a reverse proxy, TRUST_PROXY=1 makes the client address come from X-Forwarded-For (for throttling).
if (process.env.TRUST_PROXY) app.set("trust proxy", Number(process.env.TRUST_PROXY) || process.env.TRUST_PROXY);

app.use((req, res, next) => {
  const started = process.hrtime.bigint();
  res.locals.requestId = randomUUID().slice(0, 8);
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    logRequest({ requestId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms });
  });
  next();
});

// Security headers on every response. Scripts run only with this request's nonce (Remix's inline scripts get
// it through the load context); images may come from https hosts because posts can embed them.
app.use((req, res, next) => {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", cspHeader({ nonce }));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader(
    "Permissions-Policy",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), interest-cohort=()",
  );
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (req.secure || process.env.ORIGIN?.startsWith("https:")) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

// Fingerprinted build assets never change; everything else in public/ may. The build's JavaScript and CSS go
// out as the brotli or gzip copies made at build time (docs/decisions/0029).
app.use("/build", staticWithCompressedCopies("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

app.get("/healthz", async (_req, res) => {
  try {
    await sql`select 1`.execute(getDb());
    res.json({
      ok: true,
      engine: getEngine().name,
      // Which process answered (with workers, each answers for itself).
      pid: process.pid,
      markdown: markdownWorkerStats(),
      pageCache: pageCacheStats(),
    });
  } catch (error) {
    logError(error, { path: "/healthz" });
    res.status(503).json({ ok: false, engine: getEngine().name });
  }
});

// Everything from here on (not static files, /healthz or cached visitor pages) starts in arrival order, one
// request per turn.
app.use(oneRequestPerTurn(isCachedVisitorPage));

app.use((req, res, next) => {
  const body = bodyLimitFor(req);
  if (Number(req.headers["content-length"] ?? 0) > body.limit) {
    res
      .status(413)
      .type("text")
      .send(body.streamed ? UPLOAD_TOO_LARGE_MESSAGE : TOO_LARGE_MESSAGE);
    return;
  }
  // The digest's one-click unsubscribe is POSTed by mail clients without an Origin; its signed token is the
  // proof. A browser always sends an Origin with a form from another site: that one is refused like any other
  // (Remix would refuse it too, but with a 500).
  const sameOrigin =
    // So is a mail provider's webhook (POST /mail/inbound): its shared secret is the proof (issue 20).
    (["/unsubscribe", "/unsubscribe/topic", "/mail/inbound"].includes(req.path) && req.headers.origin === undefined) ||
    isSameOriginRequest({
      method: req.method,
      origin: req.headers.origin,
      referer: req.headers.referer,
      host: req.headers.host,
      protocol: req.protocol,
    });
  // Remix makes its own check of the Origin against the Host (or X-Forwarded-Host) and answers a 500 when it
  // fails; such a request is refused here first, with the same 403 as ours.
  const remixWouldRefuse = !passesRemixOriginCheck({
    method: req.method,
    origin: req.headers.origin,
    forwardedHost: req.headers["x-forwarded-host"],
    host: req.headers.host,
  });
  if (!sameOrigin || remixWouldRefuse) {
    res.status(403).type("text").send("This form was sent from another site, so it was refused.");
    return;
  }
  next();
});

// Bodies the routes could not parse are refused here, as the client's mistake: another media type (415), a
// broken multipart body (400), a chunked body past the limit (413). One read here goes on to Remix as read.
// A form that carries a file streams on to its route instead, which reads the file as it comes (lib/upload-form).
app.use((req, res, next) => {
  if (bodyLimitFor(req).streamed) return next();
  checkRequestBody(req, MAX_BODY_BYTES).then((check) => {
    if (!check.ok) {
      res.status(check.status).type("text").send(check.message);
      return;
    }
    res.locals.readBody = check.body;
    next();
  }, next);
});

const handleWithRemix = createRequestHandler({
  build,
  mode: process.env.NODE_ENV ?? "production",
  getLoadContext: loadContext,
});

app.all(
  "*",
  async (req, res, next) => {
    try {
      const session = await readSession(req.headers.cookie);
      if (session.setCookie) res.append("Set-Cookie", session.setCookie);
      res.locals.session = session;
      res.locals.language = await chooseLanguage({
        url: `http://localhost${req.originalUrl}`,
        cookieHeader: req.headers.cookie,
        acceptLanguage: req.headers["accept-language"],
        memberLanguage: session.memberLanguage,
      });
      // Everything from here to the answer runs in the page's language, for tr() (lib/translate.ts).
      inLanguage(next, res.locals.language);
    } catch (error) {
      next(error);
    }
  },
  visitorPages(build as unknown as ServerBuild, loadContext),
  (req, res, next) =>
    handleWithRemix(res.locals.readBody ? withReadBody(req, res.locals.readBody as Buffer) : req, res, next),
);

app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
  // Express marks the client errors it finds itself with their status: a malformed %-escape in the address
  // is a 400, not a failure of ours.
  const status = clientErrorStatus(error);
  if (status) {
    res.status(status).type("text").send("That address or request is not valid.");
    return;
  }
  logError(error, { requestId: res.locals.requestId });
  res.status(500).type("text").send(`Something went wrong on our side. Reference: ${res.locals.requestId}`);
});

function clientErrorStatus(error: unknown): number | null {
  const status = typeof error === "object" && error !== null && "status" in error ? Number(error.status) : NaN;
  return status >= 400 && status < 500 ? status : null;
}

function envMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value > 0 ? value : fallback;
}

// Slow clients hold a connection (and its memory) for as long as we let them: headers must arrive within
// HEADERS_TIMEOUT_MS and the whole request within REQUEST_TIMEOUT_MS, or the connection gets a 408 and is
// closed. Node checks every CONNECTIONS_CHECK_MS. An idle kept-alive connection stays open longer than the
// usual proxy and client idle timeouts (60 s), so it is never closed under a request about to be sent.
const REQUEST_TIMEOUT_MS = envMs("REQUEST_TIMEOUT_MS", 30_000);
const HEADERS_TIMEOUT_MS = Math.min(envMs("HEADERS_TIMEOUT_MS", 20_000), REQUEST_TIMEOUT_MS);
const KEEP_ALIVE_TIMEOUT_MS = envMs("KEEP_ALIVE_TIMEOUT_MS", 65_000);
const CONNECTIONS_CHECK_MS = 1_000;

/** Migrations and the baseline seed: once, before anything serves (by the primary, when there are workers). */
async function prepareDatabase(): Promise<void> {
  const db = getDb();
  // Several instances may start at once on one PostgreSQL database: one migrates and seeds, the others wait.
  await exclusively("roundtable-startup", async () => {
    const applied = await migrateToLatest(db);
    if (applied.length) logInfo(`Applied migrations: ${applied.join(", ")}`);
    const seeded = await seedBaseline(db);
    if (seeded) logInfo("Seeded the focus-group prompts and starter topics.");
  });
}

async function start(): Promise<Server> {
  // A worker's primary has prepared the database before forking it.
  if (!isClusterWorker()) await prepareDatabase();
  // Members' Markdown renders in worker threads; loading one takes a moment, so not at the first post.
  startMarkdownWorkers();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "0.0.0.0";
  const server = createServer(
    {
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
    },
    app,
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      logInfo(
        `Roundtable is listening on http://${host === "0.0.0.0" ? "localhost" : host}:${port} (database ${describeLocation(databaseLocation())})`,
      );
      resolve(server);
    });
  });
}

// Revisions and excerpts from before migration 0009 (docs/decisions/0013), filled while the server answers.
const backfill = new AbortController();
function backfillInBackground(): void {
  backfillRenderedText(getDb(), backfill.signal).then(
    (filled) => {
      if (filled.revisions || filled.excerpts)
        logInfo(`Rendered ${filled.revisions} earlier revisions and wrote ${filled.excerpts} excerpts.`);
    },
    (error: unknown) => logError(error, { task: "backfill of revisions and excerpts" }),
  );
}

// Uploads no post came to show within a day go (models/uploads.server), looked for every hour.
const UPLOAD_CLEANING_MS = 60 * 60 * 1000;
function cleanUploadsNowAndThen(): void {
  const clean = () =>
    cleanUnusedUploads().then(
      (removed) => {
        if (removed) logInfo(`Removed ${removed} uploads that no post used.`);
      },
      (error: unknown) => logError(error, { task: "cleaning of unused uploads" }),
    );
  setTimeout(clean, 60_000).unref();
  setInterval(clean, UPLOAD_CLEANING_MS).unref();
}

// build/index.js (app/main.ts) loads this bundle to serve, in a single process or a worker, and runs it once
// with ROUNDTABLE_STEP=prepare before forking workers (docs/decisions/0034).
if (process.env.ROUNDTABLE_STEP === "prepare") {
  await prepareDatabase();
  await stopMarkdownWorkers();
  // Closed without a checkpoint: the workers open it next; the one checkpoint comes at the end.
  await closeDatabase({ checkpoint: false });
  process.exit(0);
} else {
  await serve();
}

async function serve(): Promise<void> {
  const server = await start();
  // Once-only work runs in one process: the only one, or the worker in slot 0 (docs/decisions/0028).
  const background = runsBackgroundWork();
  if (background) {
    backfillInBackground();
    cleanUploadsNowAndThen();
  }
  // Reply alerts and other queued mail (docs/decisions/0015); MAIL_WORKER=0 leaves them to `npm run mail:send`.
  const mailWorker: MailWorker | null =
    process.env.MAIL_WORKER === "0" || !background
      ? null
      : startMailWorker(
          process.env.ORIGIN ? new URL(process.env.ORIGIN).origin : `http://localhost:${process.env.PORT ?? 3000}`,
        );

  // SIGTERM: stop accepting, let requests in flight finish, then checkpoint and close the database.
  // server.close() only stops new connections; a busy kept-alive connection (a browser, a proxy) would keep
  // bringing requests until the 10 s cut-off below, which then drops them mid-way. So every response from
  // now on says "Connection: close", and connections are closed as soon as they fall idle.
  function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    backfill.abort();
    logInfo(`${signal}: finishing requests in flight, then closing.`);
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    server.close(async () => {
      await settleAfterResponse();
      await mailWorker?.stop();
      // A worker leaves the checkpoint to its primary, which makes it once, after the last worker has closed.
      await closeDatabase({ checkpoint: !isClusterWorker() });
      logInfo("Closed.");
      process.exit(0);
    });
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => server.closeAllConnections(), 10_000).unref();
  }
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  // The primary is gone (killed): no one will restart or stop this worker, so it finishes and exits itself.
  if (isClusterWorker()) process.on("disconnect", () => shutdown("The primary process is gone"));
}
