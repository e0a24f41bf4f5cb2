import { RateLimiterRes } from "rate-limiter-flexible";
import { sharedCounter } from "~db/client.server";
import { MarkdownRefusedError } from "~/lib/markdown.server";
import type { FieldErrors } from "~/lib/validation";
import { tr } from "~/lib/translate";

// Per-member brakes on writes that cost the server work without publishing anything new: previews and edits
// (each renders Markdown) and profile saves (a bio to render, and every cached page dropped). New threads and
// replies have their own limits (rate-limits.server). Counted where every app process sees them (db/ sharedCounter).

export type WriteKind = "preview" | "edit" | "profile";

export interface WriteLimits {
  /** How many of each a member may do within the window. */
  perWindow: Record<WriteKind, number>;
  windowMinutes: number;
}

function envCount(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** PREVIEW_LIMIT, EDIT_LIMIT and PROFILE_SAVE_LIMIT per WRITE_LIMIT_MINUTES (see the README). */
export function writeLimits(): WriteLimits {
  return {
    perWindow: {
      preview: envCount("PREVIEW_LIMIT", 60),
      edit: envCount("EDIT_LIMIT", 30),
      profile: envCount("PROFILE_SAVE_LIMIT", 20),
    },
    windowMinutes: envCount("WRITE_LIMIT_MINUTES", 10),
  };
}

/** Counts one write of `kind` by a member: resolves to 0 when it may go ahead, else the seconds to wait. */
export interface WriteLimiter {
  take(kind: WriteKind, memberId: number): Promise<number>;
}

/** A WriteLimiter on counters every app process shares (rate-limiter-flexible through db/). */
export function sharedWriteLimiter(limits: WriteLimits = writeLimits()): WriteLimiter {
  const limiterFor = (kind: WriteKind) =>
    sharedCounter({
      keyPrefix: `write-${kind}`,
      points: limits.perWindow[kind],
      duration: limits.windowMinutes * 60,
    });
  const limiters = { preview: limiterFor("preview"), edit: limiterFor("edit"), profile: limiterFor("profile") };
  return {
    async take(kind, memberId) {
      try {
        await limiters[kind].consume(String(memberId));
        return 0;
      } catch (res) {
        if (res instanceof RateLimiterRes) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw res;
      }
    },
  };
}

let limiter: WriteLimiter | undefined;

/** Replaces the limiter: a shared store, or a test's fresh one (its limits read from the environment again). */
export function setWriteLimiter(next: WriteLimiter = sharedWriteLimiter()): void {
  limiter = next;
}

function throttledMessage(kind: WriteKind, wait: number): string {
  const { perWindow, windowMinutes } = writeLimits();
  return tr(`composer:throttle.${kind}`, {
    count: perWindow[kind],
    window: windowMinutes,
    wait: tr("composer:throttle.wait", { count: Math.max(1, Math.ceil(wait / 60)) }),
  });
}

/** A member past their limit for previews, edits or profile saves; `message` is for them. */
export class WriteThrottledError extends Error {
  override name = "WriteThrottledError";
  readonly status = 429;
  readonly kind: WriteKind;
  readonly retryAfterSeconds: number;

  constructor(kind: WriteKind, retryAfterSeconds: number) {
    super(throttledMessage(kind, retryAfterSeconds));
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Counts a preview, an edit or a profile save; throws WriteThrottledError past the member's limit. */
export async function takeWrite(kind: WriteKind, memberId: number): Promise<void> {
  limiter ??= sharedWriteLimiter();
  const wait = await limiter.take(kind, memberId);
  if (wait > 0) throw new WriteThrottledError(kind, wait);
}

/**
 * A refused text's message in the reader's language: worded now, in the request, since a refusal may have been
 * made outside it (from a render worker's answer) or in a module that has no catalogs (the worker's own).
 */
export function refusalText(error: MarkdownRefusedError): string {
  return error.wording ? tr(error.wording.key, error.wording.values) : error.message;
}

/**
 * A write refused before anything was written, as a form's errors and the status to answer with: what is wrong
 * with the text next to its field (400); the server being busy (503) or the member past a limit (429) for the
 * whole form, since the text is fine. Null for any other error, which the caller rethrows.
 */
export function writeRefusal(error: unknown, field: string): { fieldErrors: FieldErrors; status: number } | null {
  if (error instanceof WriteThrottledError)
    return { fieldErrors: { form: throttledMessage(error.kind, error.retryAfterSeconds) }, status: error.status };
  if (!(error instanceof MarkdownRefusedError)) return null;
  return { fieldErrors: { [error.status === 400 ? field : "form"]: refusalText(error) }, status: error.status };
}
