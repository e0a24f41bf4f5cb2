import { describe, expect, it } from "vitest";
import { checkBeforeSending, imageMarkdown, paragraphAround } from "~/components/composer/upload-client";
import { DOCUMENT_MAX_BYTES, IMAGE_MAX_BYTES, looksLikePdf } from "~/lib/upload-limits";
import { uploadMarkdown } from "~/models/uploads.server";

// The composer's upload script, its pure parts: what it refuses before sending, and the Markdown it inserts.

const pdfHead = new TextEncoder().encode("%PDF-1.7\n");
const pngHead = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function fileOf(head: Uint8Array, size: number, name: string, type = ""): File {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  return new File([bytes], name, { type });
}

describe("the size check before sending", () => {
  it("chooses the limit from the first bytes, as the server does, never from the name or declared type", async () => {
    expect(await checkBeforeSending(fileOf(pngHead, IMAGE_MAX_BYTES, "flyer.png"))).toBeNull();
    expect(await checkBeforeSending(fileOf(pngHead, IMAGE_MAX_BYTES + 1, "flyer.pdf", "application/pdf"))).toMatch(
      /^That picture is larger than 10 MB/,
    );
    expect(await checkBeforeSending(fileOf(pdfHead, 15 * 1024 * 1024, "toolkit.png", "image/png"))).toBeNull();
    expect(await checkBeforeSending(fileOf(pdfHead, DOCUMENT_MAX_BYTES + 1, "toolkit.pdf"))).toMatch(
      /^That file is larger than 20 MB/,
    );
    expect(await checkBeforeSending(new File([], "empty.png"))).toMatch(/empty/);
  });

  it("finds a PDF header after a little junk, within the first 1,024 bytes", () => {
    const late = new Uint8Array(1100);
    late.set(pdfHead, 100);
    expect(looksLikePdf(late)).toBe(true);
    const tooLate = new Uint8Array(1100);
    tooLate.set(pdfHead, 1020);
    expect(looksLikePdf(tooLate)).toBe(false);
    expect(looksLikePdf(pngHead)).toBe(false);
  });
});

describe("the Markdown inserted", () => {
  it("escapes a description as the server does", () => {
    const url = `/uploads/${"a".repeat(64)}.png`;
    for (const alt of ["Flyer [in Spanish]", "Back\\slash and\nnew line", "  spaced  "]) {
      expect(imageMarkdown(url, alt)).toBe(uploadMarkdown({ kind: "image", url, originalName: "x.png" }, alt));
    }
  });

  it("stands in its own paragraph", () => {
    expect(paragraphAround("", "![a](/u)", "")).toBe("![a](/u)");
    expect(paragraphAround("Text", "![a](/u)", "")).toBe("\n\n![a](/u)");
    expect(paragraphAround("Text\n", "![a](/u)", "more")).toBe("\n![a](/u)\n\n");
    expect(paragraphAround("Text\n\n", "![a](/u)", "\nmore")).toBe("![a](/u)\n");
  });
});
