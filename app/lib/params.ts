import { tr } from "./translate";

/** What an id in an address names, for the "there is no such ..." message (errors:noSuch.<what>). */
export type IdOf = "page" | "post" | "discussion" | "thread" | "round" | "prompt" | "draft";

/** A positive integer id from a URL, or a 404: junk in an address is "not found", never a 500. */
export function requireId(value: string | undefined | null, what: IdOf = "page"): number {
  const id = value && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id)) throw new Response(tr(`errors:noSuch.${what}`), { status: 404 });
  return id;
}

/** An optional numeric cursor from the query string; junk is a 400 with a clear message. */
export function optionalCursor(value: string | null): number | null {
  if (value === null || value === "") return null;
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw new Response(tr("errors:badPageLink"), { status: 400 });
  return Number(value);
}
