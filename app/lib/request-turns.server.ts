import type { NextFunction, Request, Response } from "express";

// Requests start one per turn of the event loop, in the order they arrived (docs/decisions/0032). Node accepts
// one new connection per turn, and a turn runs every request whose data has arrived: under load a turn took
// each waiting request's whole render (50 connections: about a second), so a connection opened then waited
// for dozens of turns before its first request was even read: 8-11 s while the median was under one. Started
// here one per turn (setImmediate), each request mostly runs within its turn (SQLite and rendering are
// synchronous), the loop turns after each, new connections are accepted as they come, and every request
// waits its turn in arrival order. Nothing is refused or capped: this only orders the start.

export function oneRequestPerTurn() {
  const waiting: NextFunction[] = [];
  let turning = false;
  const startNext = () => {
    const next = waiting.shift();
    if (waiting.length) setImmediate(startNext);
    else turning = false;
    next?.();
  };
  return (_req: Request, _res: Response, next: NextFunction) => {
    waiting.push(next);
    if (turning) return;
    turning = true;
    setImmediate(startNext);
  };
}
