import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { tr } from "~/lib/translate";

/** Where the live preview asks the server (routes/preview.tsx); Markdown is never rendered in the browser. */
export const PREVIEW_ACTION = "/preview";
/** How long typing must pause before the preview is asked for. */
export const PREVIEW_DEBOUNCE_MS = 400;

interface PreviewProps {
  /** The id of the textarea this previews. */
  sourceId: string;
  /** The server's preview from the Preview button (the page without JavaScript), or null. */
  html: string | null;
  headingLevel?: 2 | 3;
  /**
   * For a text written in several fields (a story's sections): the source from the whole form, read when any
   * textarea of the form that holds `sourceId` changes. Without it, the preview follows `sourceId` alone.
   */
  readSource?: (form: HTMLFormElement) => string;
}

/**
 * A composer's text with its preview beside it (wide screens) or under it (phones). Without JavaScript the
 * preview is there after the Preview button; with it, it follows the text as the member types.
 */
export function WithPreview({ children, ...preview }: PreviewProps & { children: ReactNode }) {
  return (
    <div className="with-preview">
      <div className="with-preview-text">{children}</div>
      <MarkdownPreview {...preview} />
    </div>
  );
}

/** What a post will look like, rendered by the same server pipeline that publishes it. */
export function MarkdownPreview({ sourceId, html, headingLevel = 2, readSource }: PreviewProps) {
  const { t } = useTranslation("composer");
  const live = useLivePreview(sourceId, html, readSource);
  if (!live.enabled && html === null) return null;
  const shown = live.enabled ? live.html : html;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingId = `${sourceId}-preview-heading`;
  return (
    <section className="preview" aria-labelledby={headingId}>
      <Heading id={headingId}>{t("preview.heading")}</Heading>
      {shown ? (
        <div className="prose" dangerouslySetInnerHTML={{ __html: shown }} />
      ) : (
        <p className="muted small">{t("preview.empty")}</p>
      )}
      {live.problem ? (
        <p className="form-error small" role="status">
          {live.problem}
        </p>
      ) : null}
      <p className="muted small">{t("preview.notPosted")}</p>
    </section>
  );
}

interface LivePreview {
  /** False until the page runs JavaScript (and so on the server). */
  enabled: boolean;
  html: string | null;
  problem: string | null;
}

type PreviewAnswer = { preview?: string | null; fieldErrors?: Record<string, string> };

/**
 * Follows the textarea `sourceId`: after each pause in typing, the server renders the text; a new request
 * aborts the one before, so at most one is in flight. Listens on the document, so a remounted textarea (a
 * form given a new key) is still followed. The server's preview limit applies; past it, its message shows.
 */
function useLivePreview(
  sourceId: string,
  serverHtml: string | null,
  readSource?: (form: HTMLFormElement) => string,
): LivePreview {
  const [state, setState] = useState<LivePreview>({ enabled: false, html: serverHtml, problem: null });

  useEffect(() => {
    setState((current) => ({ ...current, html: serverHtml, problem: null }));
  }, [serverHtml]);

  useEffect(() => {
    let timer: number | undefined;
    let inFlight: AbortController | null = null;
    const render = async (source: string) => {
      inFlight?.abort();
      if (source.trim() === "") {
        inFlight = null;
        setState({ enabled: true, html: null, problem: null });
        return;
      }
      const controller = new AbortController();
      inFlight = controller;
      const body = new FormData();
      body.set("bodySource", source);
      try {
        const response = await fetch(PREVIEW_ACTION, { method: "POST", body, signal: controller.signal });
        const answer = (await response.json()) as PreviewAnswer;
        if (controller.signal.aborted) return;
        if (response.ok && typeof answer.preview === "string") {
          setState({ enabled: true, html: answer.preview, problem: null });
        } else {
          const message = answer.fieldErrors?.bodySource ?? answer.fieldErrors?.form ?? tr(UNAVAILABLE);
          setState((current) => ({ ...current, problem: message }));
        }
      } catch {
        if (!controller.signal.aborted) setState((current) => ({ ...current, problem: tr(UNAVAILABLE) }));
      }
    };
    // The text to preview when `target` changed, or null when the change is not this preview's.
    const sourceAfter = (target: EventTarget | null): string | null => {
      if (!(target instanceof HTMLTextAreaElement)) return null;
      if (!readSource) return target.id === sourceId ? target.value : null;
      const form = document.getElementById(sourceId)?.closest("form");
      return form && target.form === form ? readSource(form) : null;
    };
    const schedule = (event: Event) => {
      const source = sourceAfter(event.target);
      if (source === null) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void render(source), PREVIEW_DEBOUNCE_MS);
    };
    document.addEventListener("input", schedule);
    setState((current) => ({ ...current, enabled: true }));
    // Text already there (a draft, a quote, what the server sent back) is shown without waiting for a key.
    const initial = sourceAfter(document.getElementById(sourceId));
    if (initial !== null && initial.trim() !== "" && serverHtml === null)
      timer = window.setTimeout(() => void render(initial), PREVIEW_DEBOUNCE_MS);
    return () => {
      document.removeEventListener("input", schedule);
      window.clearTimeout(timer);
      inFlight?.abort();
    };
    // serverHtml is read once, at mount: later server previews arrive through the effect above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sourceId]);

  return state;
}

const UNAVAILABLE = "composer:preview.unavailable";
