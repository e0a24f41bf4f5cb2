/** A positive integer id from a URL, or a 404: junk in an address is "not found", never a 500. */
export function requireId(value: string | undefined | null, what = "page"): number {
  if (!value || !/^[1-9][0-9]{0,15}$/.test(value)) throw new Response(`There is no such ${what}.`, { status: 404 });
  const id = Number(value);
  if (!Number.isSafeInteger(id)) throw new Response(`There is no such ${what}.`, { status: 404 });
  return id;
}

/** An optional numeric cursor from the query string; junk is a 400 with a clear message. */
export function optionalCursor(value: string | null): number | null {
  if (value === null || value === "") return null;
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw new Response("That page link is not valid.", { status: 400 });
  return Number(value);
}
