import { useEffect, useRef, useState } from "react";
import { tr } from "~/lib/translate";
import { sizeLimitFor, tooLargeMessage } from "~/lib/upload-limits";
import type { UploadAnswer } from "~/routes/uploads.new";
import { replaceRange } from "./textarea-edit";

// Sending a picture or PDF from a composer once JavaScript runs (issue 17): dropped on or pasted into a Markdown
// field, or chosen in the attachment field's file input. One way for all three: the size is checked here first
// (the limit chosen from the file's first bytes, as the server does), the file goes to POST /uploads/new with an
// XMLHttpRequest (fetch reports no upload progress), a picture then waits for its description, and the Markdown
// goes in at the textarea's cursor as typing would. Without JavaScript the composer's own form carries the file.

export const UPLOAD_PATH = "/uploads/new";

export type UploadState =
  | { phase: "idle"; announcement: string }
  | { phase: "sending"; fileName: string; fraction: number | null }
  | { phase: "describing"; fileName: string; url: string; problem: string | null }
  | { phase: "failed"; message: string };

/** Where the Markdown goes: the textarea, and its selection when the file was given (or its end). */
interface Destination {
  textarea: HTMLTextAreaElement;
  from: number;
  to: number;
  valueThen: string;
}

/** Refused before anything is sent, with the server's own words: too large for its kind, or empty. */
export async function checkBeforeSending(file: File): Promise<string | null> {
  if (file.size === 0) return tr("composer:upload.empty");
  const head = new Uint8Array(await file.slice(0, 1024).arrayBuffer());
  const { kind, limit } = sizeLimitFor(head);
  return file.size > limit ? tooLargeMessage(kind) : null;
}

/** POSTs the file; progress is the fraction sent, then null while the server processes it. Never rejects. */
export function sendFile(file: File, onProgress: (fraction: number | null) => void, signal: AbortSignal) {
  return new Promise<UploadAnswer>((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", UPLOAD_PATH);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => onProgress(event.lengthComputable ? event.loaded / event.total : null);
    request.upload.onload = () => onProgress(null);
    request.onload = () => resolve(readAnswer(request));
    request.onerror = () => resolve({ ok: false, message: tr("composer:upload.connection") });
    request.onabort = () => resolve({ ok: false, message: tr("composer:upload.stopped") });
    signal.addEventListener("abort", () => request.abort(), { once: true });
    const form = new FormData();
    form.set("file", file, file.name || "pasted-picture");
    request.send(form);
  });
}

function readAnswer(request: XMLHttpRequest): UploadAnswer {
  if ((request.getResponseHeader("Content-Type") ?? "").includes("application/json")) {
    try {
      const answer = JSON.parse(request.responseText) as UploadAnswer;
      if (typeof answer?.ok === "boolean") return answer;
    } catch {
      // Not the answer we expect: said below by its status.
    }
  }
  if (new URL(request.responseURL || location.href).pathname === "/login")
    return {
      ok: false,
      message: tr("composer:upload.loggedOut"),
    };
  if (request.status === 403 && request.responseText.length < 300) return { ok: false, message: request.responseText };
  if (request.status === 413) return { ok: false, message: tr("composer:upload.tooLarge") };
  return { ok: false, message: tr("composer:upload.serverTrouble") };
}

/** A picture's Markdown, its description escaped as the server does (models/uploads: uploadMarkdown). */
export function imageMarkdown(url: string, description: string): string {
  const alt = description
    .replace(/[\\[\]]/g, "\\$&")
    .replace(/\s+/g, " ")
    .trim();
  return `![${alt}](${url})`;
}

/** A picture or link stands in its own paragraph: blank lines added where text touches it. */
export function paragraphAround(before: string, markdown: string, after: string): string {
  const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
  const tail = after === "" || after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
  return `${lead}${markdown}${tail}`;
}

function insertInto(destination: Destination, markdown: string) {
  const { textarea } = destination;
  // Typed in while the file was on its way: the cursor is where the writer is now.
  const moved = textarea.value !== destination.valueThen;
  const from = moved ? textarea.selectionStart : destination.from;
  const to = moved ? textarea.selectionEnd : destination.to;
  const text = paragraphAround(textarea.value.slice(0, from), markdown, textarea.value.slice(to));
  replaceRange(textarea, from, to, text);
}

/**
 * One upload at a time for a place in a composer (a Markdown field, the attachment field): start it with a file
 * and the textarea it goes into (`atEnd` when the writer never put a cursor in it); a picture then waits for
 * `describe`, `cancel` stops sending or drops the picture.
 */
export function useUpload() {
  const [state, setState] = useState<UploadState>({ phase: "idle", announcement: "" });
  const destination = useRef<Destination | null>(null);
  const sending = useRef<AbortController | null>(null);

  useEffect(() => () => sending.current?.abort(), []);

  async function start(file: File, textarea: HTMLTextAreaElement, { atEnd = false } = {}) {
    if (sending.current) return;
    const end = textarea.value.length;
    destination.current = {
      textarea,
      from: atEnd ? end : textarea.selectionStart,
      to: atEnd ? end : textarea.selectionEnd,
      valueThen: textarea.value,
    };
    const refusal = await checkBeforeSending(file);
    if (refusal) return setState({ phase: "failed", message: refusal });
    const controller = new AbortController();
    sending.current = controller;
    setState({ phase: "sending", fileName: file.name, fraction: 0 });
    const answer = await sendFile(
      file,
      (fraction) => setState({ phase: "sending", fileName: file.name, fraction }),
      controller.signal,
    );
    sending.current = null;
    if (controller.signal.aborted) return;
    if (!answer.ok) return setState({ phase: "failed", message: answer.message });
    if (answer.upload.kind === "image") {
      return setState({ phase: "describing", fileName: file.name, url: answer.upload.url, problem: null });
    }
    insertInto(destination.current, answer.markdown);
    setState({ phase: "idle", announcement: `${answer.upload.name} added to the text as a link.` });
  }

  /** Inserts the waiting picture with its description; a blank one is refused with a message. */
  function describe(description: string) {
    if (state.phase !== "describing" || !destination.current) return;
    if (!description.trim()) {
      return setState({
        ...state,
        problem: tr("composer:upload.describeNeeded"),
      });
    }
    insertInto(destination.current, imageMarkdown(state.url, description));
    setState({ phase: "idle", announcement: tr("composer:upload.added") });
  }

  function cancel() {
    sending.current?.abort();
    sending.current = null;
    setState({ phase: "idle", announcement: "" });
  }

  return { state, start, describe, cancel, busy: state.phase === "sending" || state.phase === "describing" };
}

export type Upload = ReturnType<typeof useUpload>;
