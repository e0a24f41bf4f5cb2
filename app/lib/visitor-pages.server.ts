import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { readChangeVersion } from "~db/client.server";
import { cspHeader, inlineScriptHashes } from "./csp.server";
import { hasFlashCookie } from "./flash.server";
import {
  cacheablePage,
  canonicalQuery,
  currentGeneration,
  getCachedPage,
  invalidatePages,
  storePage,
  type CachedPage,
} from "./page-cache.server";

// Serves visitors (no session) their pages from the page cache, rendering and storing on a miss. Members'
// requests, forms, data requests and anything not cacheable go on to Remix as usual. A page is cached under
// one URL only: a visitor's request with parameters the page does not read, or in another order, is
// redirected to that URL (search: served that URL's page), so junk in query strings can neither fill the cache
// nor bypass it.

export function visitorPages(
  build: ServerBuild,
  loadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext,
) {
  const render = createRequestHandler(build, process.env.NODE_ENV ?? "production");
  let lastChangeVersion = -1;

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
    // A flash is this visitor's alone: its page is neither served from the cache nor stored in it.
    if (hasFlashCookie(req.headers.cookie)) return next();
    const cacheable = cacheablePage(req.path);
    if (!cacheable) return next();
    const queryAt = req.originalUrl.indexOf("?");
    const search = queryAt === -1 ? null : req.originalUrl.slice(queryAt + 1);
    const query = search === null ? "" : canonicalQuery(search, cacheable.params);
    if (query === null) return next();
    const key = query ? `${req.path}?${query}` : req.path;
    if (key !== req.originalUrl && !cacheable.servesCanonical) return res.redirect(301, key);
    try {
      // Another process (a CLI script, another worker) may have written to the database: then nothing cached
      // can be trusted. Which pages its write touched is not known here, so all go (docs/decisions/0028).
      const version = readChangeVersion();
      if (version !== lastChangeVersion) {
        if (lastChangeVersion !== -1) invalidatePages(["*"]);
        lastChangeVersion = version;
      }
      const cached = getCachedPage(key);
      if (cached) return send(req, res, cached, true);

      const generation = currentGeneration();
      // The canonical URL, which is the request's own unless the page serves it for others (servesCanonical).
      const url = `${req.protocol}://${req.get("host") ?? "localhost"}${key}`;
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
        tags: cacheable.tags,
        scriptHashes: inlineScriptHashes(body.toString()),
      };
      storePage(key, page, generation);
      send(req, res, getCachedPage(key) ?? { ...page, gzip: body }, false);
    } catch (error) {
      next(error);
    }
  };
}
