import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { DEFAULT_DATABASE_PATH } from "~db/client.server";

// Where processed uploads live (issue 17, docs/decisions/0036). One small interface, so that a deployment of
// several instances can put the files in a shared folder or in object storage; the default is a folder on
// this machine, UPLOADS_DIR. Files are named by the SHA-256 of their bytes, so a name never changes meaning:
// writing the same name twice writes the same bytes.

export interface UploadStore {
  /** Stores the bytes under `name`, durably: once this resolves the file survives a crash. */
  put(name: string, bytes: Buffer): Promise<void>;
  /** The file and its size, or null when there is none. */
  open(name: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes the file; removing one that is not there is not an error. */
  remove(name: string): Promise<void>;
}

/** `<64 hex>.<ext>`: the only names stored, so no name can climb out of the folder. */
export const STORED_NAME = /^[0-9a-f]{64}\.(?:jpg|png|webp|gif|pdf)$/;

function assertStoredName(name: string): void {
  if (!STORED_NAME.test(name)) throw new Error(`Not an upload name: ${JSON.stringify(name)}`);
}

/** A folder, fanned out by the first two characters of the name so that no directory grows too large. */
export class FolderUploadStore implements UploadStore {
  constructor(readonly root: string) {}

  private pathOf(name: string): string {
    assertStoredName(name);
    return join(this.root, name.slice(0, 2), name);
  }

  async put(name: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(name);
    await mkdir(dirname(path), { recursive: true });
    // Written beside, flushed, then renamed into place and the folder flushed: a reader never sees half a file,
    // and a crash leaves either no file or the whole one.
    const temporary = `${path}.${randomBytes(6).toString("hex")}.part`;
    const file = await open(temporary, "w");
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
    const folder = await open(dirname(path), "r");
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }

  async open(name: string): Promise<{ stream: Readable; size: number } | null> {
    const path = this.pathOf(name);
    try {
      const { size } = await stat(path);
      return { stream: createReadStream(path), size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }
}

let store: UploadStore | null = null;

/**
 * The store this process uses: UPLOADS_DIR, by default the folder `uploads` beside the SQLite database
 * (./data/uploads), so a server started on a database of its own (a test's, a copy) has files of its own.
 */
export function getUploadStore(): UploadStore {
  store ??= new FolderUploadStore(
    resolve(process.env.UPLOADS_DIR || join(dirname(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH), "uploads")),
  );
  return store;
}
