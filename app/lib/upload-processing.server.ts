import { createHash } from "node:crypto";
import sharp from "sharp";
import { DOCUMENT_MAX_BYTES, IMAGE_MAX_BYTES, looksLikePdf, tooLargeMessage } from "./upload-limits";
import { tr } from "./translate";

// What happens to a file a member sends (issue 17, docs/decisions/0036): its type is read from its bytes
// (never its name or the type the browser declared); an image is decoded by sharp (libvips), turned upright,
// resized to at most 2,048 px on its long side and encoded anew, which leaves every metadata block behind
// (EXIF with GPS, XMP, IPTC, comments, ICC profiles: sharp writes none unless asked), plus a thumbnail; a PDF is
// kept as it came and only ever served as a download. Nothing else is taken: not SVG (it can carry script),
// not HEIC as an iPhone writes it (HEVC, which this build of libvips does not decode), not anything unknown.

// libvips' own cache holds decoded images between operations; every upload is new, so it would only hold memory.
sharp.cache(false);
// One thread per image: two cores serve pages too, and uploads are rare next to page views.
sharp.concurrency(1);

// The byte limits live in lib/upload-limits, which the composer's script checks too before it sends a file.
export { DOCUMENT_MAX_BYTES, IMAGE_MAX_BYTES, sizeLimitFor, tooLargeMessage } from "./upload-limits";
/** Beyond this many pixels an image is refused before it is decoded: a small file can claim huge dimensions. */
export const IMAGE_MAX_PIXELS = 50_000_000;
const LONG_SIDE_MAX = 2048;
const THUMBNAIL_SIDE = 400;
const AVATAR_SIDE = 256;
/** An animation keeps moving up to this many frames and pixels in all; past either it becomes its first frame. */
const ANIMATION_MAX_FRAMES = 150;
const ANIMATION_MAX_PIXELS = 60_000_000;
const PROCESSING_SECONDS = 20;

export type UploadPurpose = "post" | "avatar";

/** A refusal for the person who sent the file: the message goes next to the file field. */
export class UploadRefusedError extends Error {
  override name = "UploadRefusedError";
  constructor(
    message: string,
    readonly status: 400 | 403 | 413 | 415 | 429 | 503 = 400,
  ) {
    super(message);
  }
}

export const ACCEPTED_TYPES_TEXT = "composer:upload.acceptedTypes";

export interface StoredFile {
  /** `<sha256>.<ext>`: the file's name in the store and in its address. */
  name: string;
  hash: string;
  ext: string;
  bytes: Buffer;
  width: number | null;
  height: number | null;
}

export type ProcessedUpload =
  | { kind: "image"; main: StoredFile; thumbnail: StoredFile; animated: boolean }
  | { kind: "document"; main: StoredFile };

function stored(bytes: Buffer, ext: string, width: number | null, height: number | null): StoredFile {
  const hash = createHash("sha256").update(bytes).digest("hex");
  return { name: `${hash}.${ext}`, hash, ext, bytes, width, height };
}

const IMAGE_FORMATS = new Set(["jpeg", "png", "webp", "gif", "heif"]);

// Decoding a large picture takes a few hundred megabytes at worst (50 million pixels), so pictures are processed
// one at a time in a process; a few more may wait their turn, and past that the sender is asked to try again.
const WAITING_MAX = 4;
let busy = false;
const waiting: Array<() => void> = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (busy) {
    if (waiting.length >= WAITING_MAX) throw new UploadRefusedError(tr("composer:upload.busyPictures"), 503);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  busy = true;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  }
}

/** Reads, checks and re-encodes what a member sent. Throws UploadRefusedError for anything we do not take. */
export function processUpload(input: Buffer, purpose: UploadPurpose): Promise<ProcessedUpload> {
  return inTurn(() => processNow(input, purpose));
}

async function processNow(input: Buffer, purpose: UploadPurpose): Promise<ProcessedUpload> {
  if (looksLikePdf(input)) {
    if (purpose === "avatar") throw new UploadRefusedError("A profile picture must be a picture, not a PDF.", 415);
    if (input.length > DOCUMENT_MAX_BYTES) throw new UploadRefusedError(tooLargeMessage("document"), 413);
    return { kind: "document", main: stored(input, "pdf", null, null) };
  }
  if (input.length > IMAGE_MAX_BYTES) throw new UploadRefusedError(tooLargeMessage("image"), 413);
  const metadata = await readMetadata(input);
  if (metadata.format === "svg") throw new UploadRefusedError(tr("composer:upload.svg"), 415);
  if (metadata.format === "heif" && metadata.compression !== "av1")
    throw new UploadRefusedError(tr("composer:upload.heic"), 415);
  if (!metadata.format || !IMAGE_FORMATS.has(metadata.format))
    throw new UploadRefusedError(tr("composer:upload.notAccepted", { types: tr(ACCEPTED_TYPES_TEXT) }), 415);
  const width = metadata.width ?? 0;
  const frameHeight = metadata.pageHeight ?? metadata.height ?? 0;
  const frames = metadata.pages ?? 1;
  if (width * frameHeight > IMAGE_MAX_PIXELS)
    throw new UploadRefusedError(
      tr("composer:upload.tooManyPixels", { width, height: frameHeight, millions: Math.round(IMAGE_MAX_PIXELS / 1e6) }),
      413,
    );
  const animated =
    purpose === "post" &&
    frames > 1 &&
    (metadata.format === "gif" || metadata.format === "webp") &&
    frames <= ANIMATION_MAX_FRAMES &&
    width * frameHeight * frames <= ANIMATION_MAX_PIXELS;
  try {
    const main = purpose === "avatar" ? await encodeAvatar(input) : await encodeMain(input, metadata.format, animated);
    const thumbnail = await encodeThumbnail(input, purpose);
    return { kind: "image", main, thumbnail, animated };
  } catch (error) {
    throw asRefusal(error);
  }
}

async function readMetadata(input: Buffer): Promise<sharp.Metadata> {
  try {
    return await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new UploadRefusedError(tr("composer:upload.notAccepted", { types: tr(ACCEPTED_TYPES_TEXT) }), 415);
  }
}

function asRefusal(error: unknown): UploadRefusedError {
  if (error instanceof UploadRefusedError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new UploadRefusedError(tr("composer:upload.pixelLimit"), 413);
  if (/timeout/i.test(message)) return new UploadRefusedError(tr("composer:upload.timeout"), 413);
  return new UploadRefusedError(tr("composer:upload.damaged"), 400);
}

function decode(input: Buffer, options: { animated?: boolean } = {}): sharp.Sharp {
  return sharp(input, { limitInputPixels: IMAGE_MAX_PIXELS, failOn: "error", animated: options.animated ?? false })
    .timeout({ seconds: PROCESSING_SECONDS })
    .autoOrient();
}

async function encodeMain(input: Buffer, format: string, animated: boolean): Promise<StoredFile> {
  const image = decode(input, { animated }).resize({
    width: LONG_SIDE_MAX,
    height: LONG_SIDE_MAX,
    fit: "inside",
    withoutEnlargement: true,
  });
  const { ext, pipeline } = encoderFor(image, format, animated);
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  return stored(data, ext, info.width, info.pageHeight ?? info.height);
}

/** The format a picture is kept in: photos stay JPEG, drawings PNG; AVIF (rarely shown inline) becomes JPEG. */
function encoderFor(image: sharp.Sharp, format: string, animated: boolean): { ext: string; pipeline: sharp.Sharp } {
  switch (format) {
    case "png":
      return { ext: "png", pipeline: image.png({ compressionLevel: 9 }) };
    case "webp":
      return { ext: "webp", pipeline: image.webp({ quality: 82 }) };
    case "gif":
      // A still GIF (or an animation past the limits, as its first frame) is a drawing: PNG keeps it exact.
      return animated
        ? { ext: "gif", pipeline: image.gif() }
        : { ext: "png", pipeline: image.png({ compressionLevel: 9 }) };
    default:
      return { ext: "jpg", pipeline: image.jpeg({ quality: 82, mozjpeg: true }) };
  }
}

async function encodeThumbnail(input: Buffer, purpose: UploadPurpose): Promise<StoredFile> {
  const side = purpose === "avatar" ? AVATAR_SIDE : THUMBNAIL_SIDE;
  const resized =
    purpose === "avatar"
      ? decode(input).resize({ width: side, height: side, fit: "cover", position: "attention" })
      : decode(input).resize({ width: side, height: side, fit: "inside", withoutEnlargement: true });
  const { data, info } = await resized.webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
  return stored(data, "webp", info.width, info.height);
}

async function encodeAvatar(input: Buffer): Promise<StoredFile> {
  const { data, info } = await decode(input)
    .resize({ width: 512, height: 512, fit: "cover", position: "attention" })
    .webp({ quality: 82 })
    .toBuffer({ resolveWithObject: true });
  return stored(data, "webp", info.width, info.height);
}
