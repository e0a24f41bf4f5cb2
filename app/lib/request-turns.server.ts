import type { NextFunction, Request, Response } from "express";
import { LANGUAGES } from "./i18n";
import { getCachedPage } from "./page-cache.server";
import { visitorPageKey } from "./visitor-pages.server";

// Requests start one per turn of the event loop, in the order they arrived (docs/decisions/0032). Node accepts
// one new connection per turn, and a turn runs every request whose data has arrived: under load a turn took
// each waiting request's whole render (50 connections: about a second), so a connection opened then waited
// for dozens of turns before its first request was even read: 8-11 s while the median was under one. Started
// here one per turn (setImmediate), each request mostly runs within its turn (SQLite and rendering are
// synchronous), the loop turns after each, new connections are accepted as they come, and every request
// waits its turn in arrival order. Nothing is refused or capped: this only orders the start.
//
// A visitor's page the cache holds costs a tenth of a millisecond: queued one per turn, such pages came 15-20%
// slower. `skip` lets them go straight on; a request it lets through by mistake is only served sooner.

/** A visitor's GET (no cookie at all) of a page the visitor page cache holds under this very URL (any language). */
export function isCachedVisitorPage(req: Request): boolean {
  if (req.method !== "GET" || req.headers.cookie !== undefined) return false;
  return LANGUAGES.some((language) => getCachedPage(visitorPageKey(language, req.originalUrl)) !== undefined);
}

/** A turn this long or longer starts one request; shorter turns start twice as many next time (at most 16). */
const TURN_TARGET_MS = 10;
const MAX_PER_TURN = 16;

export function oneRequestPerTurn(skip: (req: Request) => boolean = () => false) {
  const waiting: NextFunction[] = [];
  let turning = false;
  let lastTurnAt = 0;
  let perTurn = 1;
  const startNext = () => {
    // Requests that span several turns (a reply waits for the Markdown worker) make short turns: then more
    // start per turn, so they overlap as before; a turn of whole renders starts one.
    const now = performance.now();
    perTurn = now - lastTurnAt < TURN_TARGET_MS ? Math.min(perTurn * 2, MAX_PER_TURN) : Math.max(1, perTurn >> 1);
    lastTurnAt = now;
    const starting = waiting.splice(0, perTurn);
    if (waiting.length) setImmediate(startNext);
    else turning = false;
    for (const next of starting) next();
  };
  return (req: Request, _res: Response, next: NextFunction) => {
    if (skip(req)) return next();
    waiting.push(next);
    if (turning) return;
    turning = true;
    setImmediate(startNext);
  };
}
