import {
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form-field";
import { useHydrated } from "~/components/use-hydrated";
import { formatSelection, mentionAt, type MarkdownFormat } from "./markdown-format";
import { replaceRange } from "./textarea-edit";
import { useUpload } from "./upload-client";
import { UploadPanel } from "./upload-panel";

// The Markdown textarea of every composer (issue 14, docs/decisions/0018). Without JavaScript it is a plain
// labelled textarea. Once the page is interactive it gains a formatting toolbar, Ctrl/Cmd+B, I and K, and
// "@" suggestions: a list of members (the thread's first) that the arrow keys, Enter and Tab pick from; and a
// picture or PDF dropped on it or pasted into it is sent at once and goes in at the cursor (upload-client).

interface MarkdownFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  defaultValue: string;
  rows?: number;
  /** The thread being answered, whose members are suggested first after "@". */
  threadId?: number | null;
  required?: boolean;
  autoFocus?: boolean;
}

const BUTTONS: Array<{ format: MarkdownFormat; label: string; shortcut?: string; face: string }> = [
  { format: "bold", label: "toolbar.bold", shortcut: "Control+B", face: "toolbar.boldFace" },
  { format: "italic", label: "toolbar.italic", shortcut: "Control+I", face: "toolbar.italicFace" },
  { format: "link", label: "toolbar.link", shortcut: "Control+K", face: "toolbar.linkFace" },
  { format: "list", label: "toolbar.list", face: "toolbar.listFace" },
  { format: "quote", label: "toolbar.quote", face: "toolbar.quoteFace" },
  { format: "heading", label: "toolbar.heading", face: "toolbar.headingFace" },
];
const SHORTCUTS: Record<string, MarkdownFormat> = { b: "bold", i: "italic", k: "link" };

export interface MentionSuggestion {
  handle: string;
  displayName: string;
}

export function MarkdownField({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 10,
  threadId,
  required,
  autoFocus,
}: MarkdownFieldProps) {
  const { t } = useTranslation("composer");
  const hydrated = useHydrated();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const listboxId = `${id}-mentions`;
  const optionPrefix = `${useId().replace(/:/g, "")}-mention`;
  const [suggestions, setSuggestions] = useState<MentionSuggestion[]>([]);
  const [active, setActive] = useState(0);
  const mention = useRef<{ query: string; start: number } | null>(null);
  const request = useRef<AbortController | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const open = suggestions.length > 0;
  const upload = useUpload();
  const [dropping, setDropping] = useState(false);
  /** Whether the writer has put a cursor in the text: a file dropped before that goes at its end. */
  const touched = useRef(false);

  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      request.current?.abort();
    },
    [],
  );

  function apply(format: MarkdownFormat) {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const edit = formatSelection(textarea.value, textarea.selectionStart, textarea.selectionEnd, format);
    replaceRange(textarea, edit.from, edit.to, edit.text);
    textarea.setSelectionRange(edit.selectStart, edit.selectEnd);
  }

  function closeSuggestions() {
    request.current?.abort();
    mention.current = null;
    setSuggestions([]);
  }

  function lookUpMention() {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const found = mentionAt(textarea.value, textarea.selectionStart);
    if (!found || textarea.selectionStart !== textarea.selectionEnd) return closeSuggestions();
    mention.current = found;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      const params = new URLSearchParams({ q: found.query });
      if (threadId) params.set("thread", String(threadId));
      try {
        const response = await fetch(`/mention-suggestions?${params}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        const data = response.ok ? ((await response.json()) as { members: MentionSuggestion[] }) : { members: [] };
        if (controller.signal.aborted || mention.current?.query !== found.query) return;
        setSuggestions(data.members);
        setActive(0);
      } catch {
        // Aborted by the next keystroke, or offline: no suggestions, and typing goes on as usual.
      }
    }, 150);
  }

  function pick(member: MentionSuggestion) {
    const textarea = textareaRef.current;
    const current = mention.current;
    if (!textarea || !current) return;
    closeSuggestions();
    replaceRange(textarea, current.start, current.start + current.query.length + 1, `@${member.handle} `);
  }

  function onDragOver(event: DragEvent<HTMLTextAreaElement>) {
    if (!event.dataTransfer.types.includes("Files")) return;
    event.preventDefault(); // lets the file be dropped here rather than opened by the browser
    event.dataTransfer.dropEffect = "copy";
    setDropping(true);
  }

  function onDrop(event: DragEvent<HTMLTextAreaElement>) {
    setDropping(false);
    const file = event.dataTransfer.files[0];
    const textarea = textareaRef.current;
    if (!file || !textarea) return;
    event.preventDefault();
    void upload.start(file, textarea, { atEnd: !touched.current && document.activeElement !== textarea });
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    // A copied picture; text copied with a picture of itself (from a word processor) is pasted as text.
    const file = event.clipboardData.files[0];
    if (!file || event.clipboardData.types.includes("text/plain") || !textareaRef.current) return;
    event.preventDefault();
    void upload.start(file, textareaRef.current);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        const member = suggestions[active];
        if (member) pick(member);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        closeSuggestions();
        return;
      }
    }
    const format = SHORTCUTS[event.key.toLowerCase()];
    if (format && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      apply(format);
    }
  }

  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <div className={dropping ? "markdown-field dropping" : "markdown-field"}>
          {hydrated ? <FormattingToolbar controls={id} label={label} onFormat={apply} /> : null}
          <textarea
            ref={textareaRef}
            id={id}
            name={name}
            rows={rows}
            defaultValue={defaultValue}
            required={required}
            autoFocus={autoFocus}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-autocomplete={hydrated ? "list" : undefined}
            aria-controls={open ? listboxId : undefined}
            aria-activedescendant={open ? `${optionPrefix}-${active}` : undefined}
            onKeyDown={hydrated ? onKeyDown : undefined}
            onInput={hydrated ? lookUpMention : undefined}
            onBlur={hydrated ? () => window.setTimeout(closeSuggestions, 150) : undefined}
            onDragOver={hydrated ? onDragOver : undefined}
            onDragLeave={hydrated ? () => setDropping(false) : undefined}
            onDrop={hydrated ? onDrop : undefined}
            onPaste={hydrated ? onPaste : undefined}
            onFocus={() => {
              touched.current = true;
            }}
            data-markdown-field=""
          />
          {open ? (
            <ul id={listboxId} role="listbox" aria-label={t("mentions.label")} className="mention-suggestions">
              {suggestions.map((member, i) => (
                <li
                  key={member.handle}
                  id={`${optionPrefix}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? "active" : undefined}
                  // mousedown, not click: the textarea keeps its focus and caret.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    pick(member);
                  }}
                >
                  <span className="mention-name">{member.displayName}</span>{" "}
                  <span className="mention-handle">@{member.handle}</span>
                </li>
              ))}
            </ul>
          ) : null}
          {hydrated ? <UploadPanel upload={upload} onCancelled={() => textareaRef.current?.focus()} /> : null}
          {hydrated ? (
            <p className="visually-hidden" role="status">
              {open ? t("mentions.status", { count: suggestions.length }) : ""}
            </p>
          ) : null}
        </div>
      )}
    </Field>
  );
}

/** Six buttons in one tab stop: the arrow keys move between them (a toolbar's roving focus). */
function FormattingToolbar({
  controls,
  label,
  onFormat,
}: {
  controls: string;
  label: string;
  onFormat: (format: MarkdownFormat) => void;
}) {
  const { t } = useTranslation("composer");
  const [focused, setFocused] = useState(0);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: focused + 1,
      ArrowLeft: focused - 1,
      Home: 0,
      End: BUTTONS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + BUTTONS.length) % BUTTONS.length;
    setFocused(index);
    buttons.current[index]?.focus();
  }

  return (
    <div
      role="toolbar"
      aria-label={t("toolbar.label", { field: label })}
      aria-controls={controls}
      className="markdown-toolbar"
      onKeyDown={onKeyDown}
    >
      {BUTTONS.map((button, i) => (
        <button
          key={button.format}
          ref={(element) => {
            buttons.current[i] = element;
          }}
          type="button"
          className={`toolbar-button toolbar-${button.format}`}
          aria-label={t(button.label)}
          aria-keyshortcuts={button.shortcut}
          title={
            button.shortcut
              ? t("toolbar.withShortcut", { name: t(button.label), keys: `Ctrl+${button.shortcut.slice(-1)}` })
              : t(button.label)
          }
          tabIndex={i === focused ? 0 : -1}
          onFocus={() => setFocused(i)}
          onClick={() => onFormat(button.format)}
        >
          <span aria-hidden="true">{t(button.face)}</span>
        </button>
      ))}
    </div>
  );
}
