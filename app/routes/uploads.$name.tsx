import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getUploadStore, STORED_NAME } from "~/lib/upload-store.server";
import { tr } from "~/lib/translate";
import { uploadAccess } from "~/models/uploads.server";

// /uploads/<sha256>.<ext>: a picture or file from a post, or a profile picture, for whoever may see it
// (models/uploads: the post's own rule), else a 404 that says nothing of whether it exists. What is served can
// never act as a page of this site: its type is fixed by its extension and never sniffed (nosniff is on every
// response), it is sandboxed with no sources of its own, and a PDF is only ever a download.

const NOT_FOUND = () =>
  new Response(tr("composer:upload.noSuchFile"), { status: 404, headers: { "Cache-Control": "no-store" } });

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const name = params.name ?? "";
  if (!STORED_NAME.test(name)) return NOT_FOUND();
  const access = await uploadAccess(name, context.viewer);
  if (!access) return NOT_FOUND();
  const headers = new Headers({
    "Content-Type": access.contentType,
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
    // Private either way: a shared cache (a proxy, a CDN) would go on serving a file after its post is hidden.
    // One everyone may see is kept by the reader's browser for good (its name is its content).
    "Cache-Control": access.public ? "private, max-age=31536000, immutable" : "private, no-store",
    ETag: `"${name}"`,
    "Content-Disposition": access.downloadName
      ? `attachment; filename="${asciiName(access.downloadName)}"; filename*=UTF-8''${encodeURIComponent(access.downloadName)}`
      : "inline",
  });
  if (request.headers.get("If-None-Match") === `"${name}"`) return new Response(null, { status: 304, headers });
  const file = await getUploadStore().open(name);
  if (!file) return NOT_FOUND();
  headers.set("Content-Length", String(file.size));
  if (request.method === "HEAD") {
    file.stream.destroy();
    return new Response(null, { headers });
  }
  return new Response(createReadableStreamFromReadable(file.stream), { headers });
}

/** The download name in plain ASCII for old clients (filename*), without quotes or backslashes. */
function asciiName(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "");
  return ascii.trim() || "file.pdf";
}
