import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { dataVersionReader } from "~db/sqlite.server";
import { getSqliteHandle } from "~db/client.server";
import { cspHeader, inlineScriptHashes } from "./csp.server";
import {
  currentGeneration,
  getCachedPage,
  invalidatePages,
  storePage,
  tagsForPath,
  type CachedPage,
} from "./page-cache.server";

// Serves visitors (no session) their pages from the page cache, rendering and storing on a miss. Members'
// requests, forms, data requests and anything not cacheable go on to Remix as usual.

export function visitorPages(
  build: ServerBuild,
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext,
) {
  const render = createRequestHandler(build, process.env.NODE_ENV ?? "production");
  let readDataVersion: (() => number) | undefined;
  let lastDataVersion = -1;

  function send(req: ExpressRequest, res: ExpressResponse, page: CachedPage, hit: boolean) {
    // Sent to every visitor, so it carries no nonce: its inline scripts are allowed by their hashes.
    res.setHeader("Content-Security-Policy", cspHeader({ hashes: page.scriptHashes }));
    for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value);
    res.setHeader("Vary", "Accept-Encoding, Cookie");
    res.setHeader("X-Page-Cache", hit ? "hit" : "miss");
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (gzip) res.setHeader("Content-Encoding", "gzip");
    res.status(200).end(gzip ? page.gzip : page.body);
  }

  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const session = res.locals.session;
    if (req.method !== "GET" || session.viewer || session.setCookie || "_data" in req.query) return next();
    const tags = tagsForPath(req.path);
    if (!tags) return next();
    try {
      // Another process (a CLI script) may have written to the database: then nothing cached can be trusted.
      readDataVersion ??= dataVersionReader(getSqliteHandle());
      const version = readDataVersion();
      if (version !== lastDataVersion) {
        if (lastDataVersion !== -1) invalidatePages(["*"]);
        lastDataVersion = version;
      }
      const key = req.originalUrl;
      const cached = getCachedPage(key);
      if (cached) return send(req, res, cached, true);

      const generation = currentGeneration();
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`;
      const response = await render(
        new Request(url, { headers: { Accept: String(req.headers.accept ?? "text/html") } }),
        { ...loadContext(req, res), cspNonce: undefined }, // rendered without a nonce: see send()
      );
      const contentType = response.headers.get("Content-Type") ?? "";
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status !== 200 || !contentType.startsWith("text/html")) {
        res.status(response.status);
        response.headers.forEach((value, name) => res.setHeader(name, value));
        if (contentType.startsWith("text/html"))
          res.setHeader("Content-Security-Policy", cspHeader({ hashes: inlineScriptHashes(body.toString()) }));
        return res.end(body);
      }
      const page = {
        body,
        headers: { "Content-Type": contentType },
        tags,
        scriptHashes: inlineScriptHashes(body.toString()),
      };
      storePage(key, page, generation);
      send(req, res, getCachedPage(key) ?? { ...page, gzip: body }, false);
    } catch (error) {
      next(error);
    }
  };
}
